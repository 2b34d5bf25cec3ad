import { beforeAll, describe, expect, it } from 'vitest';
import { drawnGlyphIds, pdffonts, pdftotext, qpdfCheck } from '@broadsheet/testing';
import { renderPdf } from './index.js';
import { SCRIPT_SAMPLES, allScriptsArticle, rtlArticle } from './test-support/all-scripts.js';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const RTL = /[\u0590-\u08ff]/;
/**
 * Right-to-left samples that `pdftotext -raw` cannot give back exactly: a Latin name or number
 * makes a mixed line (its own test below), and poppler moves neutral ASCII punctuation of a
 * right-to-left line (a full stop, a comma) out of place, in -raw as in its default mode.
 */
const MIXED_OR_NEUTRAL = /[A-Za-z0-9.,]/;

describe('every script in one document', () => {
  let pdf: Buffer;
  let lines: string[];
  let withControls: string[];
  beforeAll(async () => {
    pdf = await renderPdf(allScriptsArticle());
    lines = (await pdftotext(pdf)).join('\n').split('\n').map(squash);
    withControls = (await pdftotext(pdf, { keepBidiControls: true })).join('\n').split('\n');
  }, 60_000);

  it('draws no .notdef glyph (glyph id 0) in any font', async () => {
    const ids = await drawnGlyphIds(pdf);
    expect(ids.size).toBeGreaterThan(5);
    for (const [font, set] of ids) expect(set.has(0), `font ${font}`).toBe(false);
  });

  it('embeds every fallback font and passes qpdf', async () => {
    for (const f of await pdffonts(pdf))
      expect(f, f.name).toMatchObject({ embedded: true, subset: true });
    const names = (await pdffonts(pdf)).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    for (const family of [
      'NotoSerif',
      'NotoNaskhArabic',
      'NotoSansSC',
      'NotoSansKR',
      'NotoSansDevanagari',
      'NotoEmoji',
      // Hebrew: Noto Serif and DejaVu Serif lack it, DejaVu Sans ends the stack.
      'DejaVuSans',
    ]) {
      expect(
        names.some((n) => n.startsWith(family)),
        family,
      ).toBe(true);
    }
    expect((await qpdfCheck(pdf)).ok).toBe(true);
  });

  it.each(
    Object.entries(SCRIPT_SAMPLES).filter(
      ([, text]) => !RTL.test(text) || !MIXED_OR_NEUTRAL.test(text),
    ),
  )('extracts the %s paragraph exactly, in logical order', (_script, text) => {
    expect(lines).toContain(squash(text));
  });

  it('extracts the Hebrew paragraph in logical order, its full stop aside', () => {
    const words = (s: string) => squash(s.replace(/[.,]/g, ' '));
    expect(lines.map(words)).toContain(words(SCRIPT_SAMPLES.hebrew));
  });

  it('extracts a right-to-left paragraph with a Latin name and a number in logical order per run', () => {
    // poppler emits a mixed line as its direction runs, each wrapped in embedding controls and
    // each in logical order; the runs themselves come in visual order, as in any PDF.
    const logical = SCRIPT_SAMPLES.arabic;
    const line = withControls.find((l) => l.includes('Reuters'));
    expect(line).toBeDefined();
    const runs = (line ?? '')
      .split(/[\u202a-\u202e]/)
      .map(squash)
      .filter((r) => r !== '' && r !== '.');
    expect(runs.length).toBeGreaterThan(2);
    for (const run of runs) expect(logical).toContain(run.replace(/^\.\s*/, ''));
    const words = squash(runs.join(' ')).split(' ');
    for (const word of logical.replace('.', '').split(' ')) expect(words).toContain(word);
  });
});

describe('a right-to-left article', () => {
  it('right-aligns its paragraphs and extracts pure-Urdu lines in logical order', async () => {
    const pdf = await renderPdf(rtlArticle());
    const text = (await pdftotext(pdf)).join('\n');
    expect(text).toContain(rtlArticle().headline);
    const ids = await drawnGlyphIds(pdf);
    for (const [font, set] of ids) expect(set.has(0), `font ${font}`).toBe(false);
  });
});
