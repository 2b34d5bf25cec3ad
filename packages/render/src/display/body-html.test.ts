import { parseArticle, type Block } from '@broadsheet/model';
import { describe, expect, it } from 'vitest';
import { bodyHtmlFragment } from './body-html.js';

const blocks = (body: unknown[]): Block[] =>
  parseArticle({ headline: 'H', language: 'en', body }).body;

describe('bodyHtmlFragment', () => {
  it.each([
    [
      'paragraph with inline runs',
      [
        {
          type: 'paragraph',
          content: [
            { text: 'Read ' },
            { text: 'the <report>', href: 'https://example.com/r?a=1&b=2', emphasis: true },
            { text: ' & "more"', strong: true },
          ],
        },
      ],
      '<p>Read <a href="https://example.com/r?a=1&amp;b=2"><em>the &lt;report&gt;</em></a><strong> &amp; &quot;more&quot;</strong></p>',
    ],
    [
      'heading and list',
      [
        { type: 'heading', level: 3, text: "What's next" },
        { type: 'list', ordered: true, items: ['a<b', 'c'] },
      ],
      '<h3>What&#39;s next</h3>\n<ol><li>a&lt;b</li><li>c</li></ol>',
    ],
    [
      'quote with attribution and cite',
      [
        {
          type: 'quote',
          text: 'We wait.',
          attribution: 'The <governor>',
          cite: 'https://x.example/s',
        },
      ],
      '<figure><blockquote cite="https://x.example/s"><p>We wait.</p></blockquote><figcaption>— The &lt;governor&gt;</figcaption></figure>',
    ],
    [
      'figure with a web picture',
      [
        {
          type: 'figure',
          image: {
            src: 'https://cdn.example/a.jpg',
            alt: 'A "cat"',
            caption: 'Cap',
            credit: 'AFP',
            width: 10,
            height: 5,
          },
        },
      ],
      '<figure><img src="https://cdn.example/a.jpg" alt="A &quot;cat&quot;" width="10" height="5"><figcaption>Cap <small>AFP</small></figcaption></figure>',
    ],
    [
      'figure with a local path keeps only the caption',
      [{ type: 'figure', image: { src: 'local/chart.png', alt: 'Chart', caption: 'A chart' } }],
      '<figure><figcaption>A chart</figcaption></figure>',
    ],
    [
      'unprintable characters are dropped',
      [{ type: 'paragraph', text: 'bell\u0007 and\u0085 next' }],
      '<p>bell and next</p>',
    ],
  ])('%s', (_name, body, html) => {
    expect(bodyHtmlFragment(blocks(body))).toBe(html);
  });

  it('never carries markup from the text, whatever the text holds', () => {
    const html = bodyHtmlFragment(
      blocks([
        { type: 'paragraph', text: '<script>alert(1)</script><img src=x onerror=alert(1)>' },
      ]),
    );
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;');
  });
});
