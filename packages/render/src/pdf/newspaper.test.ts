import { parseEdition, type Edition } from '@broadsheet/model';
import {
  pdffonts,
  pdfinfo,
  pdfStructText,
  pdfWordBoxes,
  pdftotext,
  qpdfCheck,
  readPdf,
  type PdfStructText,
} from '@broadsheet/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from './index.js';
import { pageGeometry } from './layout/geometry.js';
import { columnGeometry, GUTTER } from './layout/columns.js';
import { longArticle, richArticleInput } from './test-support/fixtures.js';
import { variedArticle } from './test-support/page-checks.js';

/** A lead story with a data: picture, then long articles that fill several pages of columns. */
function newspaper(): Edition {
  const long = (n: number, seed: number) => {
    const a = longArticle(n, seed);
    return { headline: a.headline, language: 'en', authors: a.authors, body: a.body };
  };
  return parseEdition({
    title: 'The Evening Columns',
    date: '2024-03-06',
    language: 'en',
    publisher: { name: 'The Daily Test' },
    sections: [
      { title: 'Front', articles: [richArticleInput({ headline: 'Harbour reopens after storm' })] },
      { title: 'News', articles: [long(30, 2), long(4, 3), long(12, 4)] },
    ],
  });
}

const words = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the column layout of an edition', () => {
  const edition = newspaper();
  let pdf: Buffer;
  let pages: string[];
  let tagged: PdfStructText[][];
  beforeAll(async () => {
    pdf = await renderPdf(edition, { layout: 'columns' });
    pages = await pdftotext(pdf);
    tagged = await pdfStructText(pdf);
  }, 120_000);

  it('is a valid tagged PDF, the same bytes every time, and one column stays the default', async () => {
    expect((await qpdfCheck(pdf)).ok).toBe(true);
    expect((await pdfinfo(pdf)).Tagged).toBe('yes');
    expect((await renderPdf(edition, { layout: 'columns' })).equals(pdf)).toBe(true);
    const single = await renderPdf(edition);
    expect((await renderPdf(edition, { layout: 'single' })).equals(single)).toBe(true);
    expect(single.equals(pdf)).toBe(false);
  });

  it("sets the columns' text in Noto Serif SemiCondensed, embedded, and one column in Noto Serif", async () => {
    const names = async (bytes: Buffer) =>
      (await pdffonts(bytes)).map((f) => ({
        name: f.name.replace(/^[A-Z]{6}\+/, ''),
        embedded: f.embedded,
      }));
    const columns = await names(pdf);
    for (const name of ['NotoSerif-SemiCondensed', 'NotoSerif-SemiCondensedItalic'])
      expect(columns).toContainEqual({ name, embedded: true });
    const single = (await names(await renderPdf(edition))).map((f) => f.name);
    expect(single).toContain('NotoSerif-Regular');
    expect(single.filter((n) => n.includes('SemiCondensed'))).toEqual([]);
  });

  it('opens with a front page: masthead, the lead story with its picture, the headlines with their pages', async () => {
    const front = words(pages[0] ?? '');
    expect(front).toContain('The Evening Columns');
    expect(front).toContain('March 6, 2024 · The Daily Test');
    expect(front).toContain('Harbour reopens after storm');
    expect(front).toContain('The port handled its first ships in a week on Tuesday.');
    expect(front).toContain('Continued on page 2');
    const doc = await readPdf(pdf);
    expect(doc.structure[0]).toContainEqual({ role: 'Figure', alt: 'The harbour at dawn' });
    // Each other headline with the page its article starts on (pdftotext reads the number first).
    for (const headline of ['Article number 2', 'Article number 3', 'Article number 4']) {
      const m = new RegExp(`(\\d+) ${headline}`).exec(front);
      expect(m, headline).not.toBeNull();
      expect(words(pages[Number(m![1]) - 1] ?? '')).toContain(headline);
    }
    // Headlines link to the articles.
    expect(doc.links.filter((l) => l.page === 1 && l.dest !== undefined).length).toBe(5);
  });

  it('sets text in two columns, with "Continued on page N" where an article jumps', () => {
    const g = pageGeometry({});
    const col = columnGeometry(g, 2);
    const inner = tagged[1]!.filter((t) => t.role === 'P');
    const second = g.left + col.measure + GUTTER;
    expect(inner.some((t) => t.x < g.left + 1)).toBe(true);
    expect(inner.some((t) => Math.abs(t.x - second) < 1)).toBe(true);
    expect(words(pages[1] ?? '')).toContain('Continued on page 3');
  });

  it('has a structure tree that reads each column top to bottom, then the next column', () => {
    let columnsRead = 0;
    const g = pageGeometry({});
    const col = columnGeometry(g, 2);
    // Pages 3 and 4 hold only "Article number 2" (30 paragraphs): one flow across both columns.
    for (const page of [tagged[2]!, tagged[3]!]) {
      const body = page.filter((t) => t.role === 'P');
      let column = 0;
      let last = Infinity;
      for (const t of body) {
        const c = t.x >= g.left + col.measure + GUTTER / 2 ? 1 : 0;
        expect(c).toBeGreaterThanOrEqual(column);
        if (c > column) {
          column = c;
          last = Infinity;
          columnsRead++;
        }
        // pdf.js gives y from the page's foot: reading down means y decreasing.
        expect(t.y).toBeLessThan(last + 0.01);
        last = t.y;
      }
    }
    expect(columnsRead).toBe(2);
    // And the tagged text holds the article's paragraphs in order, across columns and pages.
    const squeeze = (t: string) => t.replace(/[\s\u00ad-]+/g, '');
    const text = squeeze(
      tagged
        .slice(1)
        .flat()
        .filter((t) => t.role === 'P')
        .map((t) => t.text)
        .join(''),
    );
    let at = 0;
    for (let i = 0; i < 30; i++) {
      const found = text.indexOf(squeeze(`Paragraph ${i} of article 2.`), at);
      expect(found, `paragraph ${i}`).toBeGreaterThanOrEqual(at);
      at = found;
    }
  });

  it('sets three columns on A3 and Tabloid', async () => {
    for (const pageSize of ['A3', 'Tabloid'] as const) {
      const big = await renderPdf(edition, { layout: 'columns', pageSize });
      const g = pageGeometry({ pageSize });
      const col = columnGeometry(g, 3);
      const xs = new Set(
        (await pdfStructText(big))[1]!
          .filter((t) => t.role === 'P')
          .map((t) => Math.round((t.x - g.left) / (col.measure + GUTTER))),
      );
      expect([...xs].sort()).toEqual([0, 1, 2]);
    }
  });

  it('sets a right-to-left edition too, with its own jump lines', async () => {
    const body = Array.from({ length: 90 }, (_, i) => ({
      type: 'paragraph' as const,
      text: `${i} پاکستان اور روس کے تعلقات تیزی سے ترقی کر رہے ہیں، اور دونوں ممالک نے سفارتی تعلقات کی سالگرہ منائی۔`,
    }));
    const ur = parseEdition({
      title: 'اخبار',
      date: '2024-01-02',
      language: 'ur',
      sections: [{ title: 'خبریں', articles: [{ headline: 'تعلقات', language: 'ur', body }] }],
    });
    const rtl = await renderPdf(ur, { layout: 'columns' });
    expect((await qpdfCheck(rtl)).ok).toBe(true);
    const text = await pdftotext(rtl);
    expect(text.length).toBeGreaterThan(2);
    expect(text[0]).toContain('اخبار');
    expect(text[1]).toContain('بقیہ صفحہ');
  });
});

describe('the front page of a 50-article edition in columns', () => {
  it('lists every headline with the page its article starts on, going on to a second front page', async () => {
    const articles = Array.from({ length: 50 }, (_, i) => variedArticle(i + 1));
    const edition = parseEdition({
      title: 'The Long Edition',
      date: '2024-03-06',
      language: 'en',
      sections: [{ title: 'News', articles }],
    });
    const pdf = await renderPdf(edition, { layout: 'columns' });
    expect((await qpdfCheck(pdf)).ok).toBe(true);
    const pages = (await pdftotext(pdf)).map(words);
    const listedOn = new Set<number>();
    for (const article of articles.slice(1)) {
      const headline = article.headline;
      // pdftotext reads a headline's page number before it; the first page holding that pair is
      // where it is listed (the article's own page has the headline without the number).
      const listing = pages.findIndex((p) => new RegExp(`\\d+ ${headline}`).test(p));
      expect(listing, headline).toBeGreaterThanOrEqual(0);
      listedOn.add(listing);
      const page = Number(new RegExp(`(\\d+) ${headline}`).exec(pages[listing]!)![1]);
      expect(page, headline).toBeGreaterThan(listing + 1);
      expect(pages[page - 1], headline).toContain(headline);
      // It starts there: no earlier page holds its text.
      expect(
        pages.slice(listing + 1, page - 1).some((p) => p.includes(headline)),
        headline,
      ).toBe(false);
    }
    // More headlines than the first page holds: the list went on to the next page, before the
    // first article.
    expect([...listedOn].sort()).toEqual([0, 1]);
    expect(pages[1]).not.toContain(articles[0]!.body.find((b) => b.type === 'paragraph')!.text);
    // "Page X of Y" counts the front pages.
    expect(pages[1]).toContain(`Page 2 of ${pages.length}`);
    // The headlines on the last front page are balanced over its columns, as an article's
    // last page is: they end within one entry of each other.
    const g = pageGeometry({ pageSize: 'A4' });
    const split = g.left + columnGeometry(g, 2).measure + GUTTER / 2;
    const listed = (await pdfWordBoxes(pdf)).filter(
      (w) => w.page === 2 && w.yMin >= g.top - 1 && w.yMax <= g.bottom,
    );
    const ends = [
      Math.max(...listed.filter((w) => w.xMax < split).map((w) => w.yMax)),
      Math.max(...listed.filter((w) => w.xMin > split).map((w) => w.yMax)),
    ];
    expect(ends.every(Number.isFinite), 'headlines in both columns').toBe(true);
    expect(Math.abs(ends[0]! - ends[1]!)).toBeLessThan(30);
  }, 120_000);
});
