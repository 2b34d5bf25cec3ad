import { SLUG_PATTERN } from '@broadsheet/model';
import { describe, expect, it } from 'vitest';
import type { FeedItem } from './feed-item.js';
import { itemSlug } from './item-slug.js';

const item = (key: string, title?: string): FeedItem => ({
  key,
  ...(title !== undefined && { title }),
  authors: [],
  categories: [],
});
const FEED = 'https://news.example/feed';

describe('itemSlug', () => {
  it.each([
    ['Council approves ‘green corridor’', /^council-approves-green-corridor-[0-9a-f]{8}$/],
    ['Fête de la crevette', /^fete-de-la-crevette-[0-9a-f]{8}$/],
    ['«»…!!', /^item-[0-9a-f]{8}$/],
    [undefined, /^item-[0-9a-f]{8}$/],
    ['A very long headline '.repeat(10), /^a-very-long-headline[a-z-]{0,40}-[0-9a-f]{8}$/],
  ])('%j → %s, a valid slug', (title, pattern) => {
    const slug = itemSlug(item('k', title), FEED);
    expect(slug).toMatch(pattern);
    expect(slug).toMatch(SLUG_PATTERN);
    expect(slug.length).toBeLessThanOrEqual(100);
  });

  it('is stable, and differs by feed and by key for one title', () => {
    const a = itemSlug(item('k1', 'Same title'), FEED);
    expect(itemSlug(item('k1', 'Same title'), FEED)).toBe(a);
    expect(itemSlug(item('k2', 'Same title'), FEED)).not.toBe(a);
    expect(itemSlug(item('k1', 'Same title'), 'https://other.example/feed')).not.toBe(a);
  });
});
