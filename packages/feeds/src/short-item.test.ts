import { parseArticle } from '@broadsheet/model';
import { describe, expect, it } from 'vitest';
import type { FeedItem, ParsedFeed } from './feed-item.js';
import { MAX_SHORT_ITEM_HTML, shortItemArticle } from './short-item.js';

const feed: ParsedFeed = { format: 'rss', title: 'Courrier', items: [], warnings: [] };
const item = (patch: Partial<FeedItem>): FeedItem => ({
  key: 'https://news.example/1',
  authors: [],
  categories: [],
  ...patch,
});

describe('shortItemArticle', () => {
  it('makes a one-line summary an article under the item title', () => {
    const input = shortItemArticle(
      item({ title: 'Ferry resumes', summaryHtml: '<p>The <b>ferry</b> runs again.</p>' }),
      { ...feed, language: 'en' },
    );
    const article = parseArticle(input);
    expect(article.headline).toBe('Ferry resumes');
    expect(article.language).toBe('en');
    expect(article.body).toEqual([
      {
        type: 'paragraph',
        text: 'The ferry runs again.',
        content: [{ text: 'The ' }, { text: 'ferry', strong: true }, { text: ' runs again.' }],
      },
    ]);
  });

  it('prefers the content to the summary, and the feed title when the item has none', () => {
    const input = shortItemArticle(
      item({ contentHtml: '<p>Content.</p>', summaryHtml: '<p>Summary.</p>' }),
      feed,
    );
    expect(input?.headline).toBe('Courrier');
    expect(JSON.stringify(input?.body)).toContain('Content.');
  });

  it.each([
    ['no text', item({ title: 'T' })],
    ['markup without text', item({ title: 'T', summaryHtml: '<p> </p>' })],
    [
      'more HTML than a short item has',
      item({ title: 'T', summaryHtml: `<p>${'a'.repeat(MAX_SHORT_ITEM_HTML)}</p>` }),
    ],
  ])('gives nothing for %s', (_name, it_) => {
    expect(shortItemArticle(it_, feed)).toBeUndefined();
  });

  it('gives nothing without any headline', () => {
    expect(
      shortItemArticle(item({ summaryHtml: '<p>Text.</p>' }), {
        format: 'rss',
        items: [],
        warnings: [],
      }),
    ).toBeUndefined();
  });
});
