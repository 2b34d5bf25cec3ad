import { parseArticle } from '@broadsheet/model';
import { pdfTextItems, type PdfTextItem } from '@broadsheet/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleDisplay } from '../display/display-model.js';
import { renderPdf } from './index.js';

/**
 * Glyph positions (pdf.js) of the title block: an Arabic article's date line and byline are
 * right-aligned like its headline and read right to left (the label rightmost, the year
 * leftmost), even when the byline holds a Latin name; an English one's are left-aligned.
 */

const article = (language: string, headline: string, body: string) =>
  parseArticle({
    headline,
    language,
    publishedAt: '2018-05-03',
    authors: [{ name: 'John Smith' }],
    body: [{ type: 'paragraph', text: body }],
  });

const arabic = article(
  'ar',
  'رفع جدار الميناء في المدينة',
  'قالت السلطات إن الجدار سيرفع بمقدار أربعين سنتيمترا قبل الشتاء المقبل.',
);
const english = article('en', 'Harbour wall raised', 'The wall goes up by forty centimetres.');

/** The runs drawn on the same baseline as the run containing `text`. */
function lineOf(items: PdfTextItem[], text: string): PdfTextItem[] {
  const anchor = items.find((i) => i.str.includes(text));
  if (!anchor) throw new Error(`no run with ${text} in ${items.map((i) => i.str).join(' | ')}`);
  return items.filter((i) => i.page === anchor.page && Math.abs(i.y - anchor.y) < 0.5);
}
const right = (line: PdfTextItem[]) => Math.max(...line.map((i) => i.x + i.width));
const left = (line: PdfTextItem[]) => Math.min(...line.map((i) => i.x));
/** The line's runs read right to left (or left to right), joined as words. */
const read = (line: PdfTextItem[], dir: 'rtl' | 'ltr') =>
  [...line]
    .sort((a, b) => (dir === 'rtl' ? b.x - a.x : a.x - b.x))
    .map((i) => i.str)
    .join(' ')
    .replace(/\s+/g, ' ');

describe('the title block follows the article direction', () => {
  let ar: PdfTextItem[];
  let en: PdfTextItem[];
  beforeAll(async () => {
    [ar, en] = await Promise.all([
      pdfTextItems(await renderPdf(arabic)),
      pdfTextItems(await renderPdf(english)),
    ]);
  }, 60_000);

  it('right-aligns the Arabic date line and byline with the headline', () => {
    const headline = lineOf(ar, 'رفع جدار');
    const dateLine = lineOf(ar, '2018');
    const byline = lineOf(ar, 'John Smith');
    expect(right(dateLine)).toBeCloseTo(right(headline), 0);
    expect(right(byline)).toBeCloseTo(right(headline), 0);
    // Short lines: a left-aligned one would start at the headline's left margin or before.
    expect(left(dateLine)).toBeGreaterThan(left(headline) + 100);
  });

  it('reads the Arabic date line and byline right to left, in the words of the article', () => {
    const display = articleDisplay(arabic);
    expect(display.dateLine).toBe('نُشر في 3 مايو 2018');
    expect(read(lineOf(ar, '2018'), 'rtl')).toBe(display.dateLine);
    expect(read(lineOf(ar, 'John Smith'), 'rtl')).toBe(display.byline);
    expect(display.byline).toBe('بقلم John Smith');
  });

  it('left-aligns the English ones, reading left to right', () => {
    const headline = lineOf(en, 'Harbour');
    const dateLine = lineOf(en, '2018');
    expect(left(dateLine)).toBeCloseTo(left(headline), 0);
    expect(right(dateLine)).toBeLessThan(right(headline) - 100);
    expect(read(dateLine, 'ltr')).toBe(articleDisplay(english).dateLine);
  });
});
