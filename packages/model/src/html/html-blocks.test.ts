import { describe, expect, it } from 'vitest';
import { htmlToBlocks } from './html-blocks.js';

const p = (text: string) => ({ type: 'paragraph', content: [{ text }] });

describe('htmlToBlocks reads a body by the importer’s rules', () => {
  it.each([
    ['two line breaks end a paragraph', 'one<br><br>two', [p('one'), p('two')]],
    ['one line break is a space', '<p>one<br>two</p>', [p('one two')]],
    ['a table is a paragraph a row', '<table><tr><td>a</td><td>b</td></tr></table>', [p('a | b')]],
    [
      'h1 and h6 are levels 2 and 4',
      '<h1>A</h1><h6>B</h6>',
      [
        { type: 'heading', level: 2, content: [{ text: 'A' }] },
        { type: 'heading', level: 4, content: [{ text: 'B' }] },
      ],
    ],
    ['<q> gets quotation marks', '<p>He said <q>no</q>.</p>', [p('He said “no”.')]],
    ['forms and their text are dropped', '<p>a</p><form><p>Vote</p></form>', [p('a')]],
    [
      'a figure keeps its picture, caption and credit',
      '<figure><img src="a.jpg" alt="A" width="4"><figcaption>Cap <small>AFP</small></figcaption></figure>',
      [
        {
          type: 'figure',
          image: { src: 'a.jpg', alt: 'A', caption: 'Cap', credit: 'AFP', width: 4 },
        },
      ],
    ],
    [
      'a gallery figure gives one figure a picture',
      '<figure><img src="a.jpg" alt="A"><img src="b.jpg" alt="B"></figure>',
      [
        { type: 'figure', image: { src: 'a.jpg', alt: 'A' } },
        { type: 'figure', image: { src: 'b.jpg', alt: 'B' } },
      ],
    ],
    [
      'a link keeps its marks and target',
      '<p><a href="https://e.com"><em>x</em></a> y</p>',
      [
        {
          type: 'paragraph',
          content: [{ text: 'x', emphasis: true, href: 'https://e.com' }, { text: ' y' }],
        },
      ],
    ],
  ])('%s', (_name, html, blocks) => {
    expect(htmlToBlocks(html)).toEqual(blocks);
  });
});
