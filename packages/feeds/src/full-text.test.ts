import { importHtml } from '@broadsheet/import-html';
import { describe, expect, it } from 'vitest';
import type { FeedItem, FullTextMode, ParsedFeed } from './feed-item.js';
import { FEED_FIXTURES, type FeedFixtureName, fixtureBytes } from './fixtures.js';
import { itemDocument, needsFullText } from './full-text.js';
import { parseFeed } from './parse-feed.js';

const NOW = new Date('2026-12-04T09:00:00Z');
const feedOf = (name: FeedFixtureName) =>
  parseFeed(fixtureBytes(name), {
    url: 'https://feeds.test/feed',
    contentType: FEED_FIXTURES[name].contentType,
    now: NOW,
  });

const item = (over: Partial<FeedItem>): FeedItem => ({
  key: 'k',
  link: 'https://news.example/a',
  authors: [],
  categories: [],
  ...over,
});

describe('needsFullText', () => {
  it.each<[string, FeedItem, FullTextMode, boolean]>([
    ['content, auto', item({ contentHtml: '<p>x</p>' }), 'auto', false],
    ['summary only, auto', item({ summaryHtml: '<p>x</p>' }), 'auto', true],
    ['content, always', item({ contentHtml: '<p>x</p>' }), 'always', true],
    ['summary only, never', item({ summaryHtml: '<p>x</p>' }), 'never', false],
    ['no link, always', item({ link: undefined, summaryHtml: 'x' }), 'always', false],
  ])('%s: %s', (_, it_, mode, needed) => {
    const { link, ...rest } = it_;
    expect(needsFullText(link === undefined ? rest : it_, mode)).toBe(needed);
  });
});

describe('itemDocument', () => {
  it.each([
    [
      'wordpress-rss2',
      0,
      'Council approves ‘green corridor’ along the old railway',
      'en-GB',
      'Councillors voted 9 to 2',
    ],
    [
      'atom-xhtml',
      0,
      'Why tardigrades survive the vacuum of space',
      'en-US',
      'Tardigrades, the half-millimetre animals',
    ],
    [
      'jsonfeed-1.1',
      1,
      'Repair café fixes its thousandth kettle',
      'en',
      'Volunteers at the harbour repair café',
    ],
    ['iso-8859-1', 0, 'Fête de la crevette : la mairie dévoile le programme', 'fr-FR', undefined],
    [
      'windows-1252',
      0,
      '“Bryggen” får nytt tak – prisen blir 2 millioner €',
      'nb',
      'De gamle trehusene',
    ],
  ] as const)(
    '%s item %i imports as an article with its title, language and text',
    (name, index, headline, language, text) => {
      const feed = feedOf(name);
      const it_ = feed.items[index]!;
      const doc = itemDocument(it_, feed);
      expect(doc.url).toBe(it_.link);
      if (text === undefined) {
        // A one-line summary is too little for an article: the linked page is what to import.
        expect(() => importHtml(doc.html, { url: doc.url })).toThrow(/no article found/);
        return;
      }
      const article = importHtml(doc.html, { url: doc.url });
      expect(article.headline).toBe(headline);
      expect(article.language).toBe(language);
      expect(JSON.stringify(article.body)).toContain(text);
      expect(article.body[0]).not.toMatchObject({ type: 'heading', text: headline });
    },
  );

  it('escapes the title, language and link, never the content markup', () => {
    const feed: ParsedFeed = { format: 'rss', language: 'en"><script>', items: [], warnings: [] };
    const doc = itemDocument(
      item({
        title: '<img src=x onerror=alert(1)>',
        link: 'https://x.example/?a="b"',
        contentHtml: '<p>kept</p>',
      }),
      feed,
    );
    expect(doc.html).not.toContain('<img src=x');
    expect(doc.html).not.toContain('<script>');
    expect(doc.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(doc.html).toContain('href="https://x.example/?a=&quot;b&quot;"');
    expect(doc.html).toContain('<p>kept</p>');
  });
});
