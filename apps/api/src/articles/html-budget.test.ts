import { describe, expect, it } from 'vitest';
import { measureHtml } from './html-budget.js';

const roomy = { maxElements: 1_000_000, maxDepth: 1_000_000, maxAttributes: 1_000_000 };

describe('measureHtml', () => {
  it.each([
    ['a small page', '<html><head><title>t</title></head><body><p>a</p></body></html>', 5, 3],
    ['implicitly closed paragraphs and items', '<body><p>a<p>b<ul><li>1<li>2</ul>', 6, 3],
    // `<hr>` closes the paragraph, so `</p>` opens an empty one, as in a browser.
    ['void elements', '<body><p>a<br><img src=x><hr></p>', 6, 3],
    ['unclosed nesting', `<body>${'<div>'.repeat(300)}x`, 301, 301],
  ])('counts %s', (_name, html, elements, depth) => {
    expect(measureHtml(html, roomy)).toEqual({ within: true, elements, depth });
  });

  it.each([
    ['one element too many', '<p>a</p>'.repeat(11), { ...roomy, maxElements: 10 }, 'elements'],
    ['one level too deep', '<div>'.repeat(11), { ...roomy, maxDepth: 10 }, 'depth'],
    [
      'one attribute too many',
      `<p ${Array.from({ length: 11 }, (_, i) => `a${i}=x`).join(' ')}>a</p>`,
      { ...roomy, maxAttributes: 10 },
      'attributes',
    ],
    // The parser behind jsdom compares repeats too, so they count.
    [
      'one repeated attribute too often',
      `<p ${'a=x '.repeat(11)}>a</p>`,
      { ...roomy, maxAttributes: 10 },
      'attributes',
    ],
  ])('stops at %s', (_name, html, budget, limit) => {
    expect(measureHtml(html, budget)).toMatchObject({ within: false, limit });
  });
});

describe('measureHtml at the attribute budget', () => {
  it('accepts elements with exactly the budget, counted per element', () => {
    const p = `<p ${Array.from({ length: 10 }, (_, i) => `a${i}=x`).join(' ')}>a</p>`;
    expect(
      measureHtml(p.repeat(5), { maxElements: 100, maxDepth: 10, maxAttributes: 10 }),
    ).toMatchObject({ within: true, elements: 5 });
  });
});
