import { describe, expect, it } from 'vitest';
import { parseArticle } from '../parse.js';
import { bodyHtml } from './body-html.js';
import { htmlToBlocks } from './html-blocks.js';

const body = (blocks: unknown[]) =>
  parseArticle({ headline: 'h', language: 'en', body: blocks }).body;

describe('bodyHtml', () => {
  it.each([
    ['escapes text', [{ type: 'paragraph', text: '<b>&"\'' }], '<p>&lt;b&gt;&amp;&quot;&#39;</p>'],
    [
      'nests link, strong, emphasis',
      [
        {
          type: 'paragraph',
          content: [{ text: 'x', href: 'https://e.com/?a=1&b=2', strong: true, emphasis: true }],
        },
      ],
      '<p><a href="https://e.com/?a=1&amp;b=2"><strong><em>x</em></strong></a></p>',
    ],
    ['headings by level', [{ type: 'heading', level: 3, text: 'H' }], '<h3>H</h3>'],
    [
      'lists',
      [{ type: 'list', ordered: true, items: ['a', 'b'] }],
      '<ol><li>a</li><li>b</li></ol>',
    ],
    [
      'figures without src',
      [{ type: 'figure', image: { caption: 'C', credit: 'AFP' } }],
      '<figure><figcaption>C <small class="credit">AFP</small></figcaption></figure>',
    ],
    [
      'figures with src',
      [{ type: 'figure', image: { src: 'a.jpg', alt: 'A "quote"' } }],
      '<figure><img src="a.jpg" alt="A &quot;quote&quot;"></figure>',
    ],
  ])('%s', (_name, blocks, html) => {
    expect(bodyHtml(body(blocks))).toBe(html);
  });
});

describe('htmlToBlocks', () => {
  it.each([
    [
      'drops script and style',
      '<p>a</p><script>evil()</script><style>p{}</style>',
      [{ type: 'paragraph', content: [{ text: 'a' }] }],
    ],
    [
      'keeps javascript: links as text',
      '<p><a href="javascript:evil()">x</a></p>',
      [{ type: 'paragraph', content: [{ text: 'x' }] }],
    ],
    [
      'decodes entities',
      '<p>&lt;&amp;&eacute;&#x41;</p>',
      [{ type: 'paragraph', content: [{ text: '<&éA' }] }],
    ],
    [
      'reads loose text as a paragraph',
      'just text',
      [{ type: 'paragraph', content: [{ text: 'just text' }] }],
    ],
    [
      'reads blockquote with cite and footer',
      '<blockquote cite="https://e.com"><p>Q</p><footer>— Who</footer></blockquote>',
      [{ type: 'quote', content: [{ text: 'Q' }], attribution: 'Who', cite: 'https://e.com' }],
    ],
  ])('%s', (_name, html, blocks) => {
    expect(htmlToBlocks(html)).toEqual(blocks);
  });
});
