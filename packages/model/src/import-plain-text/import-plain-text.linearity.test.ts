import { describe, it } from 'vitest';
import { expectLinear, refusedOrDone } from '../test-support/linearity.js';
import { importPlainText } from './index.js';

const HEADLINE = 'Council approves new cycle lanes\n';
const lines = (line: string) => (n: number) => HEADLINE + line.repeat(n);

// Hostile shapes of plain text, each grown by doubling. `n` is the smallest size: large enough
// that one import takes tens of milliseconds, so timer noise does not decide the ratio. The
// line budget is lifted here: these measure the importer, not the refusal in front of it.
const SHAPES: [name: string, make: (n: number) => string, n: number][] = [
  // One paragraph of one-letter lines: what took 10 s for 160 KB (joinWrapped).
  ['many one-letter lines', lines('a\n'), 24_000],
  ['lines continuing one sentence', lines('and the council then said that it would\n'), 4_000],
  [
    'a hard-wrapped paragraph',
    (n) =>
      `${HEADLINE}\n${'this line stops in the middle of a sentence and goes on to\n'.repeat(n)}`,
    4_000,
  ],
  ['quote lines', lines('> and so the quotation goes on and on\n'), 4_000],
  ['one huge line of words', (n) => HEADLINE + 'word '.repeat(n), 400_000],
  ['one huge line in capitals', (n) => HEADLINE + 'A A A A, '.repeat(n), 400_000],
  ['one huge word', (n) => HEADLINE + 'x'.repeat(n), 2_000_000],
  ['one huge line of brackets', (n) => `${HEADLINE}Body.\n${'(a) x ('.repeat(n)}`, 300_000],
  [
    'one huge line of credits',
    (n) => `${HEADLINE}Body.\n${'x Photo courtesy: '.repeat(n)}`,
    150_000,
  ],
  ['one huge dateline', (n) => `${HEADLINE}${"A'".repeat(n)}: rest`, 1_000_000],
  ['many blank lines', (n) => `${HEADLINE}${'\n'.repeat(n)}Body.\n`, 100_000],
  ['bullets', lines('• an item of the list\n'), 3_000],
  [
    'numbered items',
    (n) => HEADLINE + Array.from({ length: n }, (_, i) => `${(i % 999) + 1}. x`).join('\n'),
    6_000,
  ],
  ['date lines', (n) => `${HEADLINE}${'Updated 02 May 2018 14:05\n'.repeat(n)}Body.\n`, 4_000],
  ['bylines', (n) => `${HEADLINE}${'By Jane Doe and John Roe, Reuters\n'.repeat(n)}Body.\n`, 2_000],
  ['captions with credits', lines('Officials at the briefing. (Photo: AFP)\n'), 4_000],
  ['captions then credit lines', lines('a caption of the picture\nPhoto: AFP\n'), 2_000],
  ['page furniture', (n) => `${HEADLINE}${'Follow us on Twitter\n'.repeat(n)}Body.\n`, 16_000],
  ['headline repeats', (n) => `${HEADLINE}${`Special ${HEADLINE}`.repeat(n)}Body.\n`, 6_000],
  ['long words on many lines', lines(`${'x'.repeat(1_000)}\n`), 2_000],
  ['Chinese lines', lines('中华人民共和国的新闻报道\n'), 4_000],
  [
    'white space and controls on one line',
    (n) => `${HEADLINE}x${' \t\u0001\u00a0\u200b\ud800\u007f'.repeat(n)}x`,
    300_000,
  ],
  ['lines of white space and controls', lines(`${' \t\u0001\u00a0\u00ad'.repeat(10)}\r\n`), 8_000],
];

describe('importPlainText works in time linear in the text', () => {
  it.each(SHAPES)('%s', (_name, make, n) => {
    expectLinear(make, (text) => refusedOrDone(() => importPlainText(text, { maxLines: 1e7 })), n);
  });
});
