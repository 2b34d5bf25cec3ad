import { describe, it } from 'vitest';
import { countWords, wordCount } from './derived.js';
import { parseArticle } from './parse.js';
import { expectLinear } from './test-support/linearity.js';

// Texts that are hard for a word counter: no white space to cut at (one long word, Chinese,
// Thai), a word per character, marks piled on letters, emoji sequences.
// Texts the segmenter runs through fast are counted `repeat` times per measurement, so that the
// time is tens of milliseconds without strings so large that memory effects blur the ratio.
const SHAPES: [name: string, make: (n: number) => string, n: number, repeat?: number][] = [
  ['one long word', (n) => 'a'.repeat(n), 1_000_000, 6],
  ['a space, then one long word', (n) => ` ${'a'.repeat(n)}`, 1_000_000, 6],
  ['Chinese without spaces', (n) => '中文'.repeat(n / 2), 100_000],
  ['Thai without spaces', (n) => 'ภาษาไทย'.repeat(n / 7), 100_000],
  ['one-letter words', (n) => 'a '.repeat(n / 2), 100_000],
  ['one-letter lines', (n) => 'a\n'.repeat(n / 2), 100_000],
  ['punctuation only', (n) => '.,'.repeat(n / 2), 100_000],
  ['marks on letters', (n) => `e${'\u0301'.repeat(49)}`.repeat(n / 50), 500_000, 6],
  ['emoji sequences', (n) => '👩‍👩‍👧 '.repeat(n / 9), 100_000],
];

describe('countWords works in time linear in the text', () => {
  it.each(SHAPES)('%s', (_name, make, n, repeat = 1) => {
    expectLinear(
      make,
      (text) => {
        for (let i = 0; i < repeat; i++) countWords(text, 'en');
      },
      n,
    );
  });
});

describe('wordCount works in time linear in the article', () => {
  it.each([
    ['paragraphs of one long word', 'x'.repeat(10_000)],
    ['paragraphs of Chinese', '中文'.repeat(1_000)],
    ['paragraphs of short words', 'a '.repeat(1_000)],
  ])('%s', (_name, paragraph) => {
    expectLinear(
      (n) =>
        parseArticle({
          headline: 'Council approves new cycle lanes',
          language: 'en',
          body: Array.from({ length: n }, () => ({ type: 'paragraph', text: paragraph })),
        }),
      (article) => {
        for (let i = 0; i < 10; i++) wordCount(article);
      },
      20,
    );
  });
});
