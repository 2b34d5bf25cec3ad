import { parseArticle } from '@broadsheet/model';
import { pdftotext, pdfWordBoxes } from '@broadsheet/testing';
import { describe, expect, it } from 'vitest';
import { labelsFor } from '../display/labels.js';
import { renderPdf } from './index.js';
import { pageGeometry } from './layout/geometry.js';
import { justifiedBody } from './test-support/body-paragraph.js';

/** Long words in every language, so the paragraphs cannot be set well without hyphens. */
const PARAGRAPHS = {
  en: 'The international commission responsible for environmental sustainability announced yesterday that its extraordinary deliberations concerning transportation infrastructure, telecommunications regulation and agricultural modernisation would be postponed indefinitely, citing unprecedented organisational difficulties, considerable administrative uncertainty and the characteristically unpredictable circumstances surrounding intergovernmental negotiations throughout the surrounding region.',
  de: 'Die Bundesregierung hat gestern angekündigt, dass die internationale Nachhaltigkeitskonferenz über Verkehrsinfrastruktur, Telekommunikationsregulierung und landwirtschaftliche Modernisierungsprogramme auf unbestimmte Zeit verschoben wird, wobei sie auf beispiellose organisatorische Schwierigkeiten, erhebliche verwaltungstechnische Unsicherheiten und außergewöhnliche Rahmenbedingungen der zwischenstaatlichen Verhandlungen verwies.',
  fr: 'La commission internationale chargée du développement durable a annoncé hier que ses délibérations extraordinaires concernant les infrastructures de transport, la réglementation des télécommunications et la modernisation agricole seraient reportées indéfiniment, invoquant des difficultés organisationnelles sans précédent, une incertitude administrative considérable et les circonstances particulièrement imprévisibles entourant les négociations intergouvernementales.',
  ru: 'Международная комиссия по экологической устойчивости вчера объявила, что её чрезвычайные совещания, посвящённые транспортной инфраструктуре, регулированию телекоммуникаций и сельскохозяйственной модернизации, будут отложены на неопределённый срок из-за беспрецедентных организационных трудностей, значительной административной неопределённости и исключительно непредсказуемых обстоятельств межправительственных переговоров.',
  es: 'La comisión internacional encargada de la sostenibilidad medioambiental anunció ayer que sus deliberaciones extraordinarias sobre infraestructuras de transporte, regulación de telecomunicaciones y modernización agrícola se aplazarían indefinidamente, alegando dificultades organizativas sin precedentes, una considerable incertidumbre administrativa y las circunstancias especialmente imprevisibles que rodean las negociaciones intergubernamentales.',
} as const;

const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** The paragraph as the renderer lays it out on an A4 page. */
const laidOut = (language: string, text: string) => justifiedBody(text, language);

async function render(language: string, text: string, align?: 'justify' | 'ragged') {
  const article = parseArticle({
    headline: 'Justified',
    language,
    body: [{ type: 'paragraph', text }],
  });
  return renderPdf(article, align ? { align } : {});
}

/** The paragraph's lines as pdftotext -bbox places them: words grouped by baseline. */
async function paragraphLines(pdf: Buffer, first: string, language: string) {
  // The page footer ("Page 1 of 1", "Seite 1 von 1", …) ends the paragraph.
  const footer = labelsFor(language).page(1, 1).split(' ')[0]!;
  const boxes = (await pdfWordBoxes(pdf)).filter((w) => w.page === 1);
  // A line with ActualText (hyphenated lines) comes back as one box holding the whole line.
  const start = boxes.findIndex((w) => w.text.startsWith(first));
  const lines = new Map<number, { xMin: number; xMax: number; text: string[] }>();
  for (const w of boxes.slice(start)) {
    if (w.text.startsWith(footer)) break;
    const key = Math.round(w.yMax);
    const line = lines.get(key) ?? { xMin: Infinity, xMax: -Infinity, text: [] };
    line.xMin = Math.min(line.xMin, w.xMin);
    line.xMax = Math.max(line.xMax, w.xMax);
    line.text.push(w.text);
    lines.set(key, line);
  }
  return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, l]) => l);
}

describe('justified, hyphenated paragraphs', () => {
  it.each(Object.entries(PARAGRAPHS))(
    '%s: extract as the original words, with no stray hyphens',
    async (language, text) => {
      const pdf = await render(language, text);
      const page = (await pdftotext(pdf))[0]!;
      const body = page.slice(page.indexOf(words(text)[0]!));
      const extracted = words(body).slice(0, words(text).length);
      expect(extracted).toEqual(words(text));
      // The paragraph was hyphenated at least once, else this test could not fail.
      expect(laidOut(language, text).filter((l) => l.hyphenated).length).toBeGreaterThan(0);
    },
  );

  it.each(Object.entries(PARAGRAPHS))(
    '%s: the right edges of all full lines line up within 0.5 pt',
    async (language, text) => {
      const lines = await paragraphLines(await render(language, text), words(text)[0]!, language);
      expect(lines.length).toBeGreaterThanOrEqual(4);
      // A last line holding only the rest of a word hyphenated above it extracts with that
      // line (see paragraph.ts): then every line pdftotext places is a full one.
      const layout = laidOut(language, text);
      const restOnly = layout.at(-2)?.hyphenated === true && !/\s/.test(layout.at(-1)!.text.trim());
      const full = restOnly ? lines : lines.slice(0, -1);
      expect(full.length).toBe(layout.length - 1);
      const right = full.map((l) => l.xMax);
      expect(Math.max(...right) - Math.min(...right)).toBeLessThanOrEqual(0.5);
      // The last line is set at its natural width, short of the right edge.
      if (!restOnly) expect(lines.at(-1)!.xMax).toBeLessThan(Math.min(...right) - 5);
      else expect(layout.at(-1)!.width).toBeLessThan(pageGeometry({}).measure - 5);
    },
  );

  it('a word hyphenated before its apostrophe extracts whole ("gov-ernment’s")', async () => {
    const text =
      'The administration’s spokeswoman said the organisation’s correspondents’ association wouldn’t comment on the government’s international negotiations, the commission’s environmental department’s recommendations or the parliament’s extraordinary investigation’s conclusions, which weren’t published.';
    // Margins that leave a 300 pt measure on A4, where two such words are hyphenated.
    const margins = (pageGeometry({}).width - 300) / 2;
    expect(pageGeometry({ margins }).measure).toBeCloseTo(300, 1);
    const laid = justifiedBody(text, 'en', { width: 300 });
    const rests = laid.flatMap((l, i) =>
      l.hyphenated ? [laid[i + 1]!.text.trim().split(' ')[0]!] : [],
    );
    expect(rests.filter((r) => r.includes('’'))).toEqual(['ernment’s', 'liament’s']);
    const article = parseArticle({
      headline: 'Apostrophes',
      language: 'en',
      body: [{ type: 'paragraph', text }],
    });
    const page = (await pdftotext(await renderPdf(article, { margins })))[0]!;
    const body = page.slice(page.indexOf(words(text)[0]!));
    expect(words(body).slice(0, words(text).length)).toEqual(words(text));
  });

  it("a stretched line widens the space after a sentence most (TeX's space factor)", async () => {
    const text =
      'The ferry ran again today. Crews worked all night on the ramp. Passengers were pleased. ' +
      'The council said the harbour would reopen fully next week. Trade is expected to recover. ' +
      'Fishermen said the delay had cost them dearly. A review of the storm defences begins soon.';
    const layout = laidOut('en', text);
    const boxes = (await pdfWordBoxes(await render('en', text))).filter((w) => w.page === 1);
    let compared = 0;
    for (const line of layout.slice(0, -1)) {
      if ((line.ratio ?? 0) < 0.2) continue;
      const lineWords = words(line.text);
      const start = boxes.findIndex(
        (w, i) =>
          lineWords.every((word, k) => boxes[i + k]?.text === word) && w.text === lineWords[0],
      );
      expect(start, line.text).toBeGreaterThanOrEqual(0);
      const placed = boxes.slice(start, start + lineWords.length);
      const gaps = placed.slice(0, -1).map((w, k) => ({
        sentence: /[.?!]$/.test(w.text),
        width: placed[k + 1]!.xMin - w.xMax,
      }));
      const sentence = gaps.filter((g) => g.sentence).map((g) => g.width);
      const plain = gaps.filter((g) => !g.sentence).map((g) => g.width);
      if (sentence.length === 0 || plain.length === 0) continue;
      compared++;
      expect(Math.min(...sentence), line.text).toBeGreaterThan(Math.max(...plain) + 0.3);
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('glyphs on justified lines are widened or narrowed by at most 2% (font expansion)', async () => {
    const text = PARAGRAPHS.en;
    /** Widths of the words pdftotext places once, alone in their box (not whole ActualText lines). */
    const widths = async (pdf: Buffer) => {
      const boxes = (await pdfWordBoxes(pdf)).filter(
        (w) => w.page === 1 && /^\p{L}{6,}$/u.test(w.text),
      );
      const seen = new Map<string, number[]>();
      for (const w of boxes) seen.set(w.text, [...(seen.get(w.text) ?? []), w.xMax - w.xMin]);
      return new Map([...seen].filter(([, v]) => v.length === 1).map(([k, v]) => [k, v[0]!]));
    };
    const justified = await widths(await render('en', text));
    const natural = await widths(await render('en', text, 'ragged'));
    const scales = [...justified].flatMap(([word, w]) => {
      const n = natural.get(word);
      return n === undefined ? [] : [w / n];
    });
    expect(scales.length).toBeGreaterThan(10);
    // pdftotext's boxes are rounded to a hundredth of a point or so: a little slack.
    for (const s of scales) expect(Math.abs(s - 1)).toBeLessThanOrEqual(0.02 + 0.002);
    expect(scales.some((s) => Math.abs(s - 1) > 0.005)).toBe(true);
  });

  it('ragged right stays available: right edges differ and nothing is hyphenated', async () => {
    const text = PARAGRAPHS.en;
    const pdf = await render('en', text, 'ragged');
    const lines = await paragraphLines(pdf, words(text)[0]!, 'en');
    const right = lines.slice(0, -1).map((l) => l.xMax);
    expect(Math.max(...right) - Math.min(...right)).toBeGreaterThan(5);
    expect(lines.some((l) => /-$/.test(l.text.at(-1) ?? ''))).toBe(false);
    expect((await pdftotext(pdf))[0]).not.toMatch(/\p{L}-\n/u);
  });
});
