import { parseArticle } from '@broadsheet/model';
import { describe, expect, it } from 'vitest';
import { layoutArticle } from '../article-pages.js';
import { ImageLoader } from '../images/load-image.js';
import { pageFaults, variedArticle } from '../test-support/page-checks.js';
import { pageGeometry } from './geometry.js';

describe('page making', () => {
  it('a 200-article edition has no widow, orphan, lone heading or figure without its caption', () => {
    const g = pageGeometry({});
    const images = new ImageLoader(undefined, undefined);
    let split = 0;
    const faults: string[] = [];
    for (let i = 0; i < 200; i++) {
      const pages = layoutArticle(variedArticle(i), g, `a${i}`, images);
      faults.push(...pageFaults(pages));
      // Paragraphs that cross a page: without them the check could not fail.
      const keys = pages.map(
        (p) => new Set(p.fragments.map((f) => f.kind === 'text' && f.struct.at(-1)!.key)),
      );
      for (let p = 1; p < keys.length; p++)
        for (const k of keys[p]!) if (k && keys[p - 1]!.has(k)) split++;
    }
    expect(faults).toEqual([]);
    expect(split).toBeGreaterThan(20);
  });
});

describe('highlights', () => {
  it('share one tinted panel, drawn beneath their bullets and text and holding both', () => {
    const article = parseArticle({
      headline: 'Talks resume',
      language: 'en',
      highlights: [
        'The swiftly evolving situation in the region has led both countries to a historic high point in their relations.',
        'Relations between the two countries are today characterized by mutual trust and a convergence of views.',
        'A third point, short.',
      ],
      body: [{ type: 'paragraph', text: 'Talks resumed on Tuesday.' }],
    });
    const [page] = layoutArticle(
      article,
      pageGeometry({}),
      'a',
      new ImageLoader(undefined, undefined),
    );
    const fragments = page!.fragments;
    const rects = fragments.filter((f) => f.kind === 'rect');
    // One panel, not one per item: a second rect would be drawn over the item above.
    expect(rects).toHaveLength(1);
    const panel = rects[0]!;
    const items = fragments.filter(
      (f) => f.kind === 'text' && ['LBody', 'Lbl'].includes(f.struct.at(-1)!.tag),
    );
    expect(items).toHaveLength(6);
    for (const item of items) {
      if (item.kind !== 'text') continue;
      // Drawn after the panel, and inside it.
      expect(fragments.indexOf(item)).toBeGreaterThan(fragments.indexOf(panel));
      expect(item.x).toBeGreaterThan(panel.x);
      expect(item.x + item.width).toBeLessThanOrEqual(panel.x + panel.width);
      expect(item.y).toBeGreaterThanOrEqual(panel.y);
      const bottom = item.y + item.lines.reduce((h, l) => h + l.height, 0);
      expect(bottom).toBeLessThanOrEqual(panel.y + panel.height);
    }
  });
});
