import type { ArticleInput } from '@broadsheet/model';
import { parseArticle } from '@broadsheet/model';
import { describe, expect, it } from 'vitest';
import type { FeedItem } from './feed-item.js';
import { withItemMetadata } from './item-metadata.js';

const PAGE_ARTICLE: ArticleInput = {
  headline: 'Lifeboat crew rescue three | Coastal Courier',
  language: 'en-GB',
  authors: [{ name: 'Web Desk' }],
  tags: ['News', 'Coast'],
  source: { url: 'https://courier.example/amp/lifeboat', name: 'Coastal Courier' },
  body: [{ type: 'paragraph', text: 'Three walkers were brought ashore.' }],
};

const ITEM: FeedItem = {
  key: 'guid-1',
  link: 'https://courier.example/news/lifeboat',
  title: 'Lifeboat crew rescue three from sandbank at dusk',
  authors: [
    { name: 'Sam Whitby', url: 'https://courier.example/sam' },
    { name: 'No Url', url: 'javascript:x' },
  ],
  categories: ['Coast', 'Rescue'],
  publishedAt: '2026-12-03T18:10:00.000Z',
  updatedAt: '2026-12-03T19:00:00.000Z',
};

describe('withItemMetadata', () => {
  it('carries the item title, authors, tags, dates, section and link onto the article', () => {
    const article = parseArticle(
      withItemMetadata(PAGE_ARTICLE, ITEM, { section: 'Coast news', feedTitle: 'Courier: Latest' }),
    );
    expect(article).toMatchObject({
      headline: 'Lifeboat crew rescue three from sandbank at dusk',
      authors: [{ name: 'Sam Whitby', url: 'https://courier.example/sam' }, { name: 'No Url' }],
      tags: ['Coast', 'Rescue', 'News'],
      publishedAt: '2026-12-03T18:10:00.000Z',
      updatedAt: '2026-12-03T19:00:00.000Z',
      section: 'Coast news',
      source: { url: 'https://courier.example/news/lifeboat', name: 'Courier: Latest' },
    });
    expect(article.authors[1]).not.toHaveProperty('url');
  });

  it.each([
    ['no title', { title: undefined }, 'headline', PAGE_ARTICLE.headline],
    ['no authors', { authors: [] }, 'authors', [{ name: 'Web Desk', role: 'author' }]],
    ['no dates', { publishedAt: undefined, updatedAt: undefined }, 'publishedAt', undefined],
  ] as const)('keeps the page’s value when the item has %s', (_, over, field, value) => {
    const trimmed = Object.fromEntries(
      Object.entries({ ...ITEM, ...over }).filter(([, v]) => v !== undefined),
    ) as FeedItem;
    const article = parseArticle(withItemMetadata(PAGE_ARTICLE, trimmed));
    expect(article[field]).toEqual(value);
    expect(article.section).toBeUndefined();
  });

  it('clamps long categories and keeps at most 100 tags', () => {
    const many = {
      ...ITEM,
      categories: ['x'.repeat(500), ...Array.from({ length: 200 }, (_, i) => `t${i}`)],
    };
    const article = parseArticle(withItemMetadata(PAGE_ARTICLE, many));
    expect(article.tags).toHaveLength(100);
    expect(article.tags[0]).toHaveLength(200);
  });
});
