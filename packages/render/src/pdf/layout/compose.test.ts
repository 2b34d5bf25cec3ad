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
