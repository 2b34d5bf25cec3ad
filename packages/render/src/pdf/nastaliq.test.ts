import { describe, expect, it } from 'vitest';
import { parseArticle } from '@broadsheet/model';
import { drawnGlyphIds, pdffonts, pdftotext } from '@broadsheet/testing';
import { fontStack, pickFace } from './fonts/font-stack.js';
import { shape } from './fonts/shaping.js';
import { renderPdf } from './index.js';

const SERIF = { family: 'serif', bold: false, italic: false } as const;

/** The letters of the Urdu alphabet (with ۃ, ے and the aspirating ھ), ز ڑ ژ among them. */
const URDU_LETTERS = [...'ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیےۃ'];
const PAIRS = URDU_LETTERS.flatMap((a) => URDU_LETTERS.map((b) => `${a}${b}`));

/** Words a reader would check: ز ڑ ژ in every joining position, and common words. */
const WORDS =
  'زبان گاڑی ژالہ مژدہ بڑا اخبار پاکستان لاہور کراچی ڈاکٹر ٹھیک چھوٹا پھول گھر کھڑکی اژدہا تیز روز';

describe('Urdu in Nastaliq', () => {
  it.each([
    ['ur', 'noto-nastaliq-urdu'],
    ['ur-PK', 'noto-nastaliq-urdu'],
    ['ar', 'noto-naskh-arabic'],
    ['fa', 'noto-naskh-arabic'],
    ['en', 'noto-naskh-arabic'],
  ])('language %s sets Arabic-script letters in %s', (language, family) => {
    const face = pickFace(fontStack(SERIF, language), 'ژ', undefined);
    expect(face.id.startsWith(`${family}-`), face.id).toBe(true);
  });

  it(`shapes all ${PAIRS.length} letter pairs without a .notdef glyph or an error`, () => {
    const stack = fontStack(SERIF, 'ur');
    const notdef: string[] = [];
    for (const pair of PAIRS) {
      const face = pickFace(stack, pair[0]!, undefined);
      expect(face.id).toMatch(/^noto-nastaliq-urdu-/);
      const run = shape(face, pair, true);
      expect(run.glyphs.length).toBeGreaterThan(0);
      if (run.glyphs.some((g) => g.id === 0)) notdef.push(pair);
    }
    expect(notdef).toEqual([]);
  });

  it('draws an Urdu article in Nastaliq with no .notdef, and pdftotext gives the words back', async () => {
    const pdf = await renderPdf(
      parseArticle({
        headline: 'ز ڑ ژ اردو نستعلیق میں',
        language: 'ur',
        publishedAt: '2024-05-01T08:00:00Z',
        body: [{ type: 'paragraph', text: WORDS }],
      }),
    );
    const names = (await pdffonts(pdf)).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    expect(names.some((n) => n.startsWith('NotoNastaliqUrdu'))).toBe(true);
    expect(names.some((n) => n.startsWith('NotoNaskhArabic'))).toBe(false);
    const ids = await drawnGlyphIds(pdf);
    for (const [font, set] of ids) expect(set.has(0), `font ${font}`).toBe(false);
    const words = (await pdftotext(pdf)).join(' ').split(/\s+/);
    for (const word of WORDS.split(' ')) expect(words).toContain(word);
    for (const word of ['ز', 'ڑ', 'ژ', 'اردو', 'نستعلیق']) expect(words).toContain(word);
  });
});
