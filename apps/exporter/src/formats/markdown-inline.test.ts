import type { Run } from '@broadsheet/model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blocks, markedText, type MarkedChar } from '../test-support/commonmark.js';
import { escapeLineStart } from './markdown-escape.js';
import { runsMd } from './markdown-inline.js';

/** What the runs should read as: white space may lose its marks (it shows the same either way). */
function expected(runs: readonly Run[]): MarkedChar[] {
  const chars = runs.flatMap((r) =>
    Array.from(r.text).map((char) => {
      const c: MarkedChar = { char, strong: r.strong === true, emphasis: r.emphasis === true };
      if (r.href !== undefined) c.href = r.href;
      return c;
    }),
  );
  const text = chars.map((c) => c.char).join('');
  const length = (s: string) => Array.from(s).length;
  const start = length(text) - length(text.trimStart());
  return chars.slice(start, start + length(text.trim()));
}

const visible = (chars: MarkedChar[]) =>
  chars.map((c) => (/\s/u.test(c.char) ? { char: c.char } : c));

/** The runs as a paragraph, read back by the reference CommonMark parser. */
function readBack(runs: readonly Run[]): { md: string; chars: MarkedChar[] } {
  const md = escapeLineStart(runsMd(runs).trim());
  const parsed = blocks(md);
  expect(parsed.map((b) => b.type)).toEqual(['paragraph']);
  return { md, chars: markedText(parsed[0]!) };
}

const em = (text: string): Run => ({ text, emphasis: true });
const strong = (text: string): Run => ({ text, strong: true });
const both = (text: string): Run => ({ text, strong: true, emphasis: true });
const link = (text: string, extra: Partial<Run> = {}): Run => ({
  text,
  href: 'https://example.com/a?b=1&amp;c',
  ...extra,
});

describe('runsMd', () => {
  it.each<[string, Run[], string]>([
    [
      'spaces inside emphasis',
      [{ text: 'word' }, em(' spaced '), { text: 'word' }],
      'word *spaced* word',
    ],
    [
      'crossing marks from HTML',
      [strong('bold '), both('italic'), em(' text')],
      '**bold *italic*** *text*',
    ],
    ['same marks split over runs', [em('one'), em(' two')], '*one two*'],
    ['white space between like runs', [strong('a'), { text: ' ' }, strong('b')], '**a b**'],
    ['both marks', [both('all')], '***all***'],
    ['emphasis inside strong', [strong('a '), both('b'), strong(' c')], '**a *b* c**'],
    ['a mark over nothing but space', [{ text: 'a' }, em('  '), { text: 'b' }], 'a  b'],
    [
      'a link',
      [{ text: 'see ' }, link('the report')],
      'see [the report](<https://example.com/a?b=1\\&amp;c>)',
    ],
    [
      'emphasis in a link',
      [link('the ', { emphasis: true }), link('report')],
      '[*the* report](<https://example.com/a?b=1\\&amp;c>)',
    ],
    [
      'a link in emphasis',
      [em('read '), link('this', { emphasis: true }), em(' now')],
      '*read [this](<https://example.com/a?b=1\\&amp;c>) now*',
    ],
    ['space at a link edge', [link(' x ')], '[x](<https://example.com/a?b=1\\&amp;c>)'],
    [
      '"!" before a link',
      [{ text: 'Wow!' }, link('x')],
      'Wow\\![x](<https://example.com/a?b=1\\&amp;c>)',
    ],
    [
      'entity-like text',
      [{ text: 'AT&T &amp; &copy; &#169; &#xA9;' }],
      'AT&T \\&amp; \\&copy; \\&\\#169; \\&\\#xA9;',
    ],
    [
      'punctuation inside a word',
      [{ text: 'a' }, em('"quoted"'), { text: 'b' }],
      'a<em>"quoted"</em>b',
    ],
    ['marks meeting inside a word', [em('a'), strong('b')], '*a*<strong>b</strong>'],
  ])('%s', (_name, runs, md) => {
    const back = readBack(runs);
    expect(back.md).toBe(md);
    expect(visible(back.chars)).toEqual(visible(expected(runs)));
  });

  // Inputs whose output is checked only by reading it back: each once broke emphasis or escaping.
  it.each<[string, Run[]]>([
    ['punctuation at span ends', [{ text: 'x' }, em('(a)'), { text: 'y' }]],
    ['escaped characters at span ends', [{ text: 'x' }, strong('*a_'), { text: 'y' }]],
    ['intraword strong inside emphasis', [em('x'), both('y'), em('z')]],
    ['emphasis ending where strong starts', [em('x '), both('y'), strong(' z')]],
    [
      'symbols beside delimiters',
      [{ text: '€' }, em('5'), { text: '😀' }, strong('😀'), { text: 'a' }],
    ],
    [
      'a link in crossing marks',
      [strong('a'), link('b', { strong: true, emphasis: true }), em('c')],
    ],
    ['punctuation at a link', [em('"'), link('"', { emphasis: true }), em('"')]],
    ['an ordered-list start', [{ text: '1.' }, em(' one')]],
    ['a bullet start', [{ text: '- ' }, strong('two')]],
    ['a rule', [{ text: '---' }]],
    ['a heading', [{ text: '# not' }]],
    ['a quote', [{ text: '> not' }]],
    ['a fence', [{ text: '```js' }]],
    ['an HTML block', [{ text: '<div>' }]],
    ['a trailing backslash', [em('a\\')]],
  ])('%s reads back as written', (_name, runs) => {
    expect(visible(readBack(runs).chars)).toEqual(visible(expected(runs)));
  });

  it('reads back whatever the runs', () => {
    const text = fc.oneof(
      fc.constantFrom('a', 'b', ' ', '  ', '.', '"', '*', '_', '!', '[', ']', '(', ')', '&', '#'),
      fc.constantFrom('-', '1.', '€', '😀', '\\', '<', '>', '`', '~', 'é', '\u00a0', 'word'),
    );
    const run = fc.record(
      {
        text: fc.array(text, { minLength: 1, maxLength: 4 }).map((t) => t.join('')),
        strong: fc.boolean(),
        emphasis: fc.boolean(),
        href: fc.constantFrom('https://a.example/', 'https://b.example/x_(y)'),
      },
      { requiredKeys: ['text'] },
    );
    fc.assert(
      fc.property(
        fc
          .array(run, { minLength: 1, maxLength: 8 })
          .filter((runs) => /\S/u.test(runs.map((r) => r.text).join(''))),
        (runs) => {
          expect(visible(readBack(runs).chars)).toEqual(visible(expected(runs)));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
