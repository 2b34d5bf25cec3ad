import { parseArticle, type ArticleInput, type Run } from '@broadsheet/model';
import type { Node } from 'commonmark';
import { describe, expect, it } from 'vitest';
import { blocks, markedText, type MarkedChar } from '../test-support/commonmark.js';
import { articleMarkdown } from './markdown.js';

const article = (extra: Partial<ArticleInput>) =>
  parseArticle({
    headline: 'Headline',
    language: 'en',
    body: [{ type: 'paragraph', text: 'Text.' }],
    ...extra,
  });

/** Each top-level block: its type and the text CommonMark reads in it. */
function outline(md: string): [string, string][] {
  const text = (n: Node): string => {
    if (n.type === 'paragraph' || n.type === 'heading')
      return markedText(n)
        .map((c) => c.char)
        .join('');
    const parts: string[] = [];
    for (let c = n.firstChild; c; c = c.next) parts.push(text(c));
    return parts.join(' | ');
  };
  return blocks(md).map((b) => [b.type, text(b)]);
}

/** The marked characters of the article's last block, a paragraph, with white space unmarked. */
function lastParagraph(md: string): Partial<MarkedChar>[] {
  const last = blocks(md).at(-1)!;
  expect(last.type).toBe('paragraph');
  return markedText(last).map((c) => (/\s/u.test(c.char) ? { char: c.char } : c));
}

describe('articleMarkdown', () => {
  it.each<[string, Run[], string, { strong?: string; emphasis?: string }]>([
    [
      'spaces inside an emphasised run',
      [{ text: 'word' }, { text: ' spaced ', emphasis: true }, { text: 'word' }],
      'word *spaced* word',
      { emphasis: 'spaced' },
    ],
    [
      'crossing bold and italic (<b>bold <i>italic</b> text</i>)',
      [
        { text: 'bold ', strong: true },
        { text: 'italic', strong: true, emphasis: true },
        { text: ' text', emphasis: true },
      ],
      '**bold *italic*** *text*',
      { strong: 'bolditalic', emphasis: 'italictext' },
    ],
  ])('keeps emphasis across run boundaries: %s', (_name, content, md, marked) => {
    const out = articleMarkdown(article({ body: [{ type: 'paragraph', content }] }));
    expect(out.trimEnd().split('\n\n').at(-1)).toBe(md);
    const chars = lastParagraph(out);
    const which = (mark: 'strong' | 'emphasis') =>
      chars
        .filter((c) => c[mark] === true)
        .map((c) => c.char)
        .join('');
    expect({ strong: which('strong'), emphasis: which('emphasis') }).toEqual({
      strong: marked.strong ?? '',
      emphasis: marked.emphasis ?? '',
    });
  });

  // Each body is text that Markdown would otherwise read as a block or a character reference.
  it.each<[string, ArticleInput['body'], [string, string][]]>([
    ['a thematic break', [{ type: 'paragraph', text: '---' }], [['paragraph', '---']]],
    ['a spaced break', [{ type: 'paragraph', text: '- - -' }], [['paragraph', '- - -']]],
    ['a setext underline', [{ type: 'paragraph', text: '===' }], [['paragraph', '===']]],
    ['a bullet', [{ type: 'paragraph', text: '- not a list' }], [['paragraph', '- not a list']]],
    [
      'a plus bullet',
      [{ type: 'paragraph', text: '+ not a list' }],
      [['paragraph', '+ not a list']],
    ],
    [
      'an ordered item',
      [{ type: 'paragraph', text: '1. not a list' }],
      [['paragraph', '1. not a list']],
    ],
    ['a bare number', [{ type: 'paragraph', text: '2019.' }], [['paragraph', '2019.']]],
    [
      'a heading',
      [{ type: 'paragraph', text: '# not a heading' }],
      [['paragraph', '# not a heading']],
    ],
    [
      'a block quote',
      [{ type: 'paragraph', text: '> not a quote' }],
      [['paragraph', '> not a quote']],
    ],
    ['a fence', [{ type: 'paragraph', text: '```js' }], [['paragraph', '```js']]],
    ['a tilde fence', [{ type: 'paragraph', text: '~~~' }], [['paragraph', '~~~']]],
    ['an HTML block', [{ type: 'paragraph', text: '<div>' }], [['paragraph', '<div>']]],
    ['a comment', [{ type: 'paragraph', text: '<!-- x -->' }], [['paragraph', '<!-- x -->']]],
    [
      'character references',
      [{ type: 'paragraph', text: 'AT&T: &amp; &copy; &#169; &#xA9;' }],
      [['paragraph', 'AT&T: &amp; &copy; &#169; &#xA9;']],
    ],
    [
      'a list inside a list item',
      [{ type: 'list', items: [{ text: '- inner' }, { text: '1. first' }, { text: '---' }] }],
      [['list', '- inner | 1. first | ---']],
    ],
    [
      'a heading inside a quote',
      [{ type: 'quote', text: '# not a heading' }],
      [['block_quote', '# not a heading']],
    ],
    [
      'a thematic break in a heading',
      [{ type: 'heading', text: '--- ##' }],
      [['heading', '--- ##']],
    ],
  ])('keeps %s as text', (_name, body, expected) => {
    const out = outline(articleMarkdown(article({ body })));
    expect(out.slice(1)).toEqual(expected);
  });

  it('keeps highlights, kicker and standfirst as the text they are', () => {
    const out = outline(
      articleMarkdown(
        article({
          kicker: '1. ANALYSIS',
          standfirst: ' *Why* it matters ',
          highlights: ['- a dash', '1. a number', '---'],
        }),
      ),
    );
    expect(out).toEqual([
      ['paragraph', '1. ANALYSIS'],
      ['heading', 'Headline'],
      ['paragraph', '*Why* it matters'],
      ['list', '- a dash | 1. a number | ---'],
      ['paragraph', 'Text.'],
    ]);
  });
});
