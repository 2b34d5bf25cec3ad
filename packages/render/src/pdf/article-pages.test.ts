import { describe, expect, it } from 'vitest';
import { defaultArticle } from '@broadsheet/content';
import type { Article } from '@broadsheet/model';
import { countArticlePages, layoutArticle } from './article-pages.js';
import { ImageLoader } from './images/load-image.js';
import { pageGeometry } from './layout/geometry.js';
import { allScriptsArticle, rtlArticle } from './test-support/all-scripts.js';
import { longArticle, richArticle } from './test-support/fixtures.js';

// Long editions count pages in a first pass without building runs; a page count that differed
// from the drawn layout would give wrong TOC numbers and a wrong "page X of Y".
describe('countArticlePages', () => {
  it.each<[string, Article]>([
    ['the seed article', defaultArticle()],
    ['an article with every block type', richArticle()],
    ['a long article', longArticle(60)],
    ['every script', allScriptsArticle()],
    ['a right-to-left article', rtlArticle()],
  ])('agrees with the full layout for %s, on A4 and Letter', (_name, article) => {
    for (const pageSize of ['A4', 'Letter'] as const) {
      const g = pageGeometry({ pageSize });
      const pages = layoutArticle(article, g, 'a', new ImageLoader(undefined));
      expect(countArticlePages(article, g, 'a', new ImageLoader(undefined))).toBe(pages.length);
    }
  });

  it('counts more than one page for a long article (so the check above can fail)', () => {
    const g = pageGeometry({});
    expect(countArticlePages(longArticle(60), g, 'a', new ImageLoader(undefined))).toBeGreaterThan(
      2,
    );
  });
});
