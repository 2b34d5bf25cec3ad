import { newsPage } from '@broadsheet/testing';
import { describe, expect, it } from 'vitest';
import { htmlNestingDepth } from './html-depth.js';

const nested = (n: number) =>
  `<!DOCTYPE html><html><body>${'<div>'.repeat(n)}text${'</div>'.repeat(n)}</body></html>`;

describe('htmlNestingDepth', () => {
  it.each([
    ['a news page', newsPage({ headline: 'Harbour' }), 3, 12],
    ['200 nested divs', nested(200), 200, 210],
    ['unclosed divs, as a hostile page sends them', `<body>${'<div>'.repeat(5000)}`, 5000, 5010],
    ['paragraphs the parser closes itself', `<body>${'<p>x'.repeat(5000)}`, 1, 6],
  ])('measures %s', (_name, html, min, max) => {
    const depth = htmlNestingDepth(html);
    expect(depth).toBeGreaterThanOrEqual(min);
    expect(depth).toBeLessThanOrEqual(max);
  });
});
