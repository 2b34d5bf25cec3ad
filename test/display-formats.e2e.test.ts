import { parseArticle } from '@broadsheet/model';
import { renderEpub, renderPdf } from '@broadsheet/render';
import { articleDisplay } from '@broadsheet/render/display';
import { openEpub, pdftotext } from '@broadsheet/testing';
import { parseAtomFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, writeHeaders } from './support/http.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

/**
 * One article reads the same in every format: for each language and each shape of date, the
 * EPUB's XHTML, the PDF's text (pdftotext), the reader page and the Atom feed show the same
 * labelled date line ("Published …") and byline, in the article's language and as the
 * publisher wrote the date (its own offset, never converted to UTC).
 */

const LANGUAGES = ['en', 'fr', 'de', 'es', 'ru', 'uk', 'ar', 'ur', 'fa', 'he', 'hi', 'zh', 'ja'];
const SHAPES = {
  offset: '2026-11-28T23:30:00-05:00',
  'half-hour offset': '2026-11-28T23:30:00+05:30',
  utc: '2026-11-28T23:30:00Z',
  date: '2026-11-28',
} as const;
/**
 * A zone-less date-time names no instant; the model refuses it (as before this change), so it
 * never reaches a format. The display module still shows one as its wall clock
 * (display/dates.test.ts); here every language gets the same refusal, naming the field.
 */
const ZONELESS = '2026-11-28T23:30:00';

const HEADLINES: Record<string, string> = {
  en: 'Harbour wall raised',
  fr: 'La digue du port est relevée',
  de: 'Die Hafenmauer wird erhöht',
  es: 'Se eleva el muro del puerto',
  ru: 'Стену гавани подняли',
  uk: 'Стіну гавані підняли',
  ar: 'رفع جدار الميناء',
  ur: 'بندرگاہ کی دیوار بلند کی گئی',
  fa: 'دیوار بندر بالا رفت',
  he: 'חומת הנמל הוגבהה',
  hi: 'बंदरगाह की दीवार ऊंची की गई',
  zh: '港口防波堤加高',
  ja: '港の防波堤をかさ上げ',
};

/**
 * What a reader sees, compared as words: the formats may differ in white space (pdftotext
 * turns CLDR's narrow no-break spaces into spaces) and in invisible bidi marks.
 */
const seen = (s: string) =>
  s
    .replace(/[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/gu, ' ')
    .trim();

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** The text of a markup fragment: tags dropped, entities (numeric ones too) decoded. */
const markupText = (s: string) =>
  s
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) =>
      e.startsWith('#x') || e.startsWith('#X')
        ? String.fromCodePoint(parseInt(e.slice(2), 16))
        : e.startsWith('#')
          ? String.fromCodePoint(Number(e.slice(1)))
          : (ENTITIES[e] ?? whole),
    );

/**
 * A PDF line as pdftotext gives it, in logical order. poppler writes a right-to-left line as its
 * direction runs in visual order (left to right), each run in logical order and the
 * right-to-left ones wrapped in RLE…PDF; a right-to-left paragraph reads those runs from the
 * right.
 */
function logicalLine(line: string, dir: 'ltr' | 'rtl'): string {
  if (dir === 'ltr') return line;
  const runs = [...line.matchAll(/\u202b([^\u202c]*)\u202c?|([^\u202b]+)/g)]
    .map((m) => (m[1] ?? m[2] ?? '').trim())
    .filter((r) => r !== '');
  return runs.reverse().join(' ');
}

/**
 * The words and numbers of a text, punctuation left out, sorted. poppler writes a right-to-left
 * line as direction runs in visual order and places neutral punctuation by its own rules
 * ("ו-Li" comes back as "ו" … "Li-"; "23:30 GMT-5" as one left-to-right chunk "GMT-5 23:30"),
 * so a right-to-left PDF line is compared by the words it holds; the order and alignment of
 * its glyphs are checked exactly in packages/render/src/pdf/rtl-title-block.test.ts.
 */
function words(s: string): string {
  const tokens = s.match(/[\p{L}\p{M}]+|\p{N}+/gu) ?? [];
  // "وLi": a right-to-left letter next to a Latin one is a word boundary too.
  return tokens
    .flatMap((t) =>
      t.split(
        /(?<=[\p{Script=Arabic}\p{Script=Hebrew}])(?=\p{Script=Latin})|(?<=\p{Script=Latin})(?=[\p{Script=Arabic}\p{Script=Hebrew}])/u,
      ),
    )
    .sort()
    .join(' ');
}

function elementText(html: string, tag: string, className: string): string | undefined {
  const m = new RegExp(`<${tag} class="${className}">([\\s\\S]*?)</${tag}>`).exec(html);
  return m?.[1] === undefined ? undefined : seen(markupText(m[1]));
}

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
}, 60_000);
afterAll(async () => {
  await server?.cleanup();
});

const cases = LANGUAGES.flatMap((language) =>
  Object.entries(SHAPES).map(([shape, publishedAt]) => ({ language, shape, publishedAt })),
);

describe('the same date line and byline in EPUB, PDF, reader page and Atom feed', () => {
  it.each(cases)(
    '$language, $shape ($publishedAt)',
    async ({ language, shape, publishedAt }) => {
      const slug = `display-${language}-${shape.replace(/\W+/g, '-')}`;
      const input = {
        slug,
        headline: HEADLINES[language],
        language,
        publishedAt,
        authors: [{ name: 'Amina Khan' }, { name: 'Li Wei' }],
        body: [{ type: 'paragraph', text: `${HEADLINES[language]}.` }],
      };
      const created = await postJson(server, '/v1/articles', input);
      expect(created.status).toBe(201);
      const stored = parseArticle(await (await fetch(`${server.url}/v1/articles/${slug}`)).json());
      const display = articleDisplay(stored);
      const dateLine = seen(display.dateLine ?? '');
      const byline = seen(display.byline ?? '');
      // The label is the article's own, and the date is the day the publisher wrote.
      expect(dateLine).not.toBe('');
      if (language !== 'en') expect(dateLine).not.toMatch(/Published/);
      if (language === 'en' && shape !== 'half-hour offset')
        expect(dateLine).toMatch(
          shape === 'date'
            ? /^Published November 28, 2026$/
            : /^Published November 28, 2026 at 11:30 PM/,
        );

      const epub = openEpub(await renderEpub(stored));
      const xhtml = epub.text('OEBPS/article.xhtml');
      expect(elementText(xhtml, 'p', 'dates'), 'EPUB').toBe(dateLine);
      expect(elementText(xhtml, 'p', 'byline'), 'EPUB').toBe(byline);

      const pdfPages = await pdftotext(await renderPdf(stored), { keepBidiControls: true });
      const pdfText = seen(
        pdfPages
          .join('\n')
          .split('\n')
          .map((line) => logicalLine(line, display.dir))
          .join(' '),
      );
      if (display.dir === 'ltr') {
        expect(pdfText, 'PDF').toContain(dateLine);
        expect(pdfText, 'PDF').toContain(byline);
      } else {
        const lines = pdfPages
          .join('\n')
          .split('\n')
          .map((l) => words(seen(l)));
        expect(lines, 'PDF').toContain(words(dateLine));
        expect(lines, 'PDF').toContain(words(byline));
      }

      const page = await (await fetch(`${server.url}/articles/${slug}`)).text();
      expect(elementText(page, 'span', 'dates'), 'reader page').toBe(dateLine);
      expect(elementText(page, 'span', 'byline'), 'reader page').toBe(byline);
      expect(page).toContain(`dir="${display.dir}"`);

      const feed = parseAtomFeed(await (await fetch(`${server.url}/feed.atom`)).text());
      const entry = feed.entries?.find((e) =>
        e.links?.some((l) => l.href?.endsWith(`/articles/${slug}`)),
      );
      expect(entry, 'Atom entry').toBeDefined();
      const content = seen(entry?.content?.value ?? '');
      expect(content, 'Atom feed').toContain(dateLine);
      expect(content, 'Atom feed').toContain(byline);

      // The feed lists the newest 30 articles: keep the store to this case's article.
      const removed = await fetch(`${server.url}/v1/articles/${slug}`, {
        method: 'DELETE',
        headers: writeHeaders(server),
      });
      expect(removed.status).toBe(204);
    },
    120_000,
  );

  it.each(LANGUAGES)('%s: a zone-less date-time is refused, naming the field', async (language) => {
    const res = await postJson(server, '/v1/articles', {
      headline: HEADLINES[language],
      language,
      publishedAt: ZONELESS,
      body: [{ type: 'paragraph', text: 'x' }],
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('publishedAt');
  });
});
