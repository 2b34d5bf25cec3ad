import { parseArticle } from '@broadsheet/model';
import { pdftotext, qdfText } from '@broadsheet/testing';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../index.js';
import { pageGeometry } from '../layout/geometry.js';
import { insertKashidas, kashidaPoint, TATWEEL } from './kashida.js';
import { justifiedBody } from '../test-support/body-paragraph.js';
import type { TextLine } from './paragraph.js';

const ARABIC =
  'قال المتحدث إن العلاقات بين البلدين تطورت بشكل كبير خلال السنوات الماضية، وإن التعاون في مجالات الاقتصاد والتجارة والدفاع يشهد نموا مستمرا. وأضاف أن الجانبين يسعيان إلى توسيع الشراكة لتشمل التعليم والثقافة والسياحة، مؤكدا أهمية الحوار المستمر بين المسؤولين في البلدين. وأشار إلى أن الزيارات المتبادلة على أعلى المستويات ساهمت في تعزيز الثقة وبناء علاقات متينة تخدم مصالح الشعبين.';
const URDU =
  'اسلام آباد: پاکستان اور روس کے تعلقات تیزی سے ترقی کر رہے ہیں، اور دونوں ممالک نے دفاع، تجارت اور توانائی کے شعبوں میں تعاون بڑھانے پر اتفاق کیا ہے۔ ماہرین کے مطابق یہ شراکت خطے کے استحکام کے لیے اہم ہے اور آنے والے برسوں میں مزید مضبوط ہو گی۔';

const withKashida = (word: string) => {
  const at = kashidaPoint(word);
  return at === undefined ? undefined : word.slice(0, at) + TATWEEL + word.slice(at);
};

describe('where a word is lengthened', () => {
  it.each([
    ['after seen or sad first', 'سلام', 'سـلام'],
    ['after sheen inside a word', 'الشمس', 'الشـمس'],
    ['otherwise at the last join', 'البلدين', 'البلديـن'],
    ['before a letter that joins only backwards', 'كتاب', 'كتـاب'],
    ['after the marks of the letter before', 'مُحَمَّد', 'مُحَمَّـد'],
    ['a Persian word with its own letters', 'پیشگامان', 'پیشـگامان'],
  ])('%s: %s → %s', (_, word, expected) => {
    expect(withKashida(word)).toBe(expected);
  });

  it.each([
    ['lam-alef, a ligature', 'لام'],
    ['the name of God', 'الله'],
    ['a word of two letters', 'في'],
    ['letters that never join forwards', 'ودار'],
    ['a Latin word', 'Reuters'],
  ])('nowhere in %s (%s)', (_, word) => {
    expect(kashidaPoint(word)).toBeUndefined();
  });

  it('spreads tatweels over the words from the line end, at most three to a word', () => {
    expect(insertKashidas('كتاب سلام', 3)).toEqual({ text: 'كتـاب ســلام', placed: 3 });
    expect(insertKashidas('كتاب في سلام', 2)).toEqual({ text: 'كتـاب في سـلام', placed: 2 });
    expect(insertKashidas('كتاب سلام', 10)).toEqual({ text: 'كتـــاب ســـلام', placed: 6 });
  });
});

const justified = (text: string, language: string, kashida: boolean) =>
  justifiedBody(text, language, { direction: 'rtl', kashida });

const tatweels = (line: TextLine) =>
  line.runs.reduce((n, r) => n + (r.text.match(/\u0640/g)?.length ?? 0), 0);
const spaceRatio = (line: TextLine) => Math.max(0, ...line.runs.map((r) => r.spacing?.ratio ?? 0));

describe('kashida in justified Arabic', () => {
  const measure = pageGeometry({}).measure;

  it('lengthens words on full lines so their spaces stay closer to their natural width', () => {
    const lines = justified(ARABIC.repeat(2), 'ar', true);
    const plain = justified(ARABIC.repeat(2), 'ar', false);
    const full = lines.slice(0, -1);
    expect(full.length).toBeGreaterThan(3);
    expect(full.map((l) => l.text)).toEqual(plain.slice(0, -1).map((l) => l.text));
    expect(full.reduce((n, l) => n + tatweels(l), 0)).toBeGreaterThan(full.length);
    expect(tatweels(lines.at(-1)!)).toBe(0);
    for (const line of full) expect(line.width).toBeCloseTo(measure, 2);
    const mean = (ls: TextLine[]) => ls.reduce((s, l) => s + spaceRatio(l), 0) / ls.length;
    expect(mean(full)).toBeLessThan(mean(plain.slice(0, -1)) / 2);
    // What extracts is the text as written.
    for (const line of full) {
      expect(line.actualText).not.toContain(TATWEEL);
      expect(line.text).not.toContain(TATWEEL);
    }
  });

  it('leaves Nastaliq (Urdu) to its spaces', () => {
    for (const line of justified(URDU.repeat(2), 'ur', true)) expect(tatweels(line)).toBe(0);
  });

  it('draws tatweel glyphs in the PDF, and pdftotext still gives the words as written', async () => {
    const article = parseArticle({
      headline: 'العلاقات الثنائية',
      language: 'ar',
      body: [{ type: 'paragraph', text: ARABIC }],
    });
    const pdf = await renderPdf(article);
    const text = (await pdftotext(pdf)).join('\n');
    expect(text).not.toContain(TATWEEL);
    for (const word of ['والتجارة', 'الاقتصاد', 'المسؤولين', 'الشعبين'])
      expect(text).toContain(word);
    // The subset font maps a glyph to U+0640 only when one was drawn.
    expect(await qdfText(pdf)).toMatch(/<[0-9a-f]+>\s*<0640>/i);
    const without = await qdfText(
      await renderPdf(
        parseArticle({
          headline: 'ثم',
          language: 'ar',
          body: [{ type: 'paragraph', text: 'كتاب' }],
        }),
      ),
    );
    expect(without).not.toMatch(/<[0-9a-f]+>\s*<0640>/i);
  });
});
