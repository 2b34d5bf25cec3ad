import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN, slugify } from './slugify.js';

describe('slugify', () => {
  it.each([
    [
      'Pakistan, Russia look at ‘multidimensional strategic partnership’ in region',
      'pakistan-russia-look-at-multidimensional-strategic-partnership-in-region',
    ],
    ['Crème brûlée à Paris', 'creme-brulee-a-paris'],
    ['Straße, Ærø, Łódź, Øresund', 'strasse-aero-lodz-oresund'],
    ['İstanbul', 'istanbul'],
    ['Привет, мир!', 'привет-мир'],
    ['北京举行国际科技博览会', '北京举行国际科技博览会'],
    ['پاکستان اور روس', 'پاکستان-اور-روس'],
    ['COVID-19: 2,000 new cases', 'covid-19-2-000-new-cases'],
    ['  --Leading and trailing--  ', 'leading-and-trailing'],
  ])('%s → %s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it.each(['', '!!!', '   ', '😀😀'])('gives a stable fallback for %j', (input) => {
    expect(slugify(input)).toMatch(/^item-[0-9a-f]{8}$/u);
    expect(slugify(input)).toBe(slugify(input));
  });

  it('cuts long slugs at a word boundary', () => {
    const slug = slugify('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('word')).toBe(true);
  });

  it('is never empty, always matches SLUG_PATTERN, is at most 80 characters and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const slug = slugify(text);
        expect(slug).toMatch(SLUG_PATTERN);
        expect(slug.length).toBeGreaterThan(0);
        expect(slug.length).toBeLessThanOrEqual(80);
        expect(slugify(slug)).toBe(slug);
      }),
      { numRuns: 500 },
    );
  });
});
