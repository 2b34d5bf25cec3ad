import { describe, expect, it } from 'vitest';
import { spaceAdjustment, spaceShrink, spaceStretch } from './word-space.js';

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
