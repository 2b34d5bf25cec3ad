import { describe, expect, it } from 'vitest';
import { looksLikeByline, parseByline } from './byline.js';

describe('parseByline', () => {
  it.each([
    ['By Jane Doe', [{ name: 'Jane Doe' }]],
    ['By Jane Doe and John Roe', [{ name: 'Jane Doe' }, { name: 'John Roe' }]],
    [
      'By Priya Raman and Tom Okafor, Reuters',
      [
        { name: 'Priya Raman', affiliation: 'Reuters' },
        { name: 'Tom Okafor', affiliation: 'Reuters' },
      ],
    ],
    ['By Amélie Tremblay · Education reporter', [{ name: 'Amélie Tremblay' }]],
    ['Jane Doe in Islamabad', [{ name: 'Jane Doe' }]],
    ['By Jane Doe | Updated March 4, 2024', [{ name: 'Jane Doe' }]],
    ['By Jane Doe, with additional reporting by Sam Lee', [{ name: 'Jane Doe' }]],
    ['Reuters', [{ name: 'Reuters' }]],
    ['Von Katrin Oberländer', [{ name: 'Katrin Oberländer' }]],
  ])('%j', (input, expected) => {
    expect(parseByline(input)).toEqual(expected);
  });

  it.each([
    ['By Jane Doe', true],
    ['By Reuters staff', true],
    ['Byron Bay is a town in New South Wales, Australia, known for its beaches.', false],
    ['The council said by Monday the road would reopen.', false],
  ])('looksLikeByline(%j) is %s', (input, expected) => {
    expect(looksLikeByline(input)).toBe(expected);
  });
});
