import { describe, expect, it } from 'vitest';
import { SpaceFactor, spaceAdjustment, spaceShrink, spaceStretch } from './word-space.js';

describe('word-space glue', () => {
  it.each([
    // [advance, em, stretch]
    ['Noto Serif (0.26 em): TeX’s sixth of an em', 260, 1000, 1000 / 6],
    ['Latin Modern (a third of an em): half the space, as TeX', 1000 / 3, 1000, 1000 / 6],
    ['an ideographic space (1 em): half the space', 1000, 1000, 500],
  ])('%s', (_name, advance, em, stretch) => {
    expect(spaceStretch(advance, em)).toBeCloseTo(stretch, 9);
  });

  it('never shrinks a space below two thirds of its width', () => {
    expect(260 - spaceShrink(260)).toBeCloseTo((260 * 2) / 3, 9);
    expect(spaceAdjustment(260, 1000, -1)).toBeCloseTo(-260 / 3, 9);
  });

  it('is the same in points and in font units', () => {
    const size = 10.5;
    const inPoints = spaceAdjustment((260 * size) / 1000, size, 0.8);
    expect(inPoints).toBeCloseTo((spaceAdjustment(260, 1000, 0.8) * size) / 1000, 9);
  });
});

describe("space factors (TeX's \\nonfrenchspacing)", () => {
  /** The factor of the space after `word`. */
  const after = (word: string) => {
    const sf = new SpaceFactor();
    for (const c of word) sf.read(c.codePointAt(0)!);
    return sf.space();
  };

  it.each([
    ['a word', 'harbour', 1],
    ['a sentence end', 'harbour.', 3],
    ['a question', 'why?', 3],
    ['a sentence end inside quotes and brackets', 'said.”)', 3],
    ['a colon', 'said:', 2],
    ['a semicolon', 'harbour;', 1.5],
    ['a comma', 'harbour,', 1.25],
    ['an initial', 'J.', 1],
    ['an abbreviation in capitals', 'U.S.', 1],
    ['a year that ends a sentence', '2018.', 3],
  ])('%s: %s', (_name, word, factor) => {
    expect(after(word)).toBe(factor);
  });

  it('starts afresh after each space', () => {
    const sf = new SpaceFactor();
    for (const c of 'end.') sf.read(c.codePointAt(0)!);
    expect(sf.space()).toBe(3);
    expect(sf.space()).toBe(1);
  });

  it('stretches a sentence space three times as far and shrinks it a third as much', () => {
    expect(spaceStretch(260, 1000, 3)).toBeCloseTo(3 * spaceStretch(260, 1000), 9);
    expect(spaceShrink(260, 3)).toBeCloseTo(spaceShrink(260) / 3, 9);
    expect(spaceAdjustment(260, 1000, 0.5, 3)).toBeCloseTo(1.5 * spaceStretch(260, 1000), 9);
  });
});
