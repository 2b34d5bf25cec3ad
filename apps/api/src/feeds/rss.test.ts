import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { articlePublication } from '../opds/publication.js';
import { hostileArticle, sampleArticle, site } from '../reader/test-support/fixtures.js';
import { rssArticlesFeed } from './rss.js';

const B = 'https://news.example.org';
const SLUG = 'pakistan-russia-look-at-strategic-partnership';

/** rss-parser, as feed readers built on it see the feed (dc:language is not in its defaults). */
const parser = new Parser<Record<string, unknown>, { language?: string }>({
  customFields: { item: [['dc:language', 'language']] },
});

const feedOf = (...articles: ReturnType<typeof sampleArticle>[]) =>
  rssArticlesFeed({
    site,
    updated: '2026-11-28T09:00:00Z',
    publications: articles.map((a) =>
      articlePublication(a, '2026-11-28T09:00:00Z', { epub: 4096 }),
    ),
  });

describe('RSS 2.0 feed, read by rss-parser', () => {
  it('has the channel elements RSS 2.0 requires, its own URL and the other feeds', async () => {
    const xml = feedOf(sampleArticle());
    const feed = await parser.parseString(xml);
    expect(feed.title).toBe('Broadsheet: latest articles');
    expect(feed.link).toBe(`${B}/`);
    expect(feed.description).toBe('The latest articles from Broadsheet, each as EPUB and PDF.');
    expect(feed.lastBuildDate).toBe('Sat, 28 Nov 2026 09:00:00 +0000');
    expect(feed.feedUrl).toBe(`${B}/feed.rss`);
    expect(xml).toContain(`<rss version="2.0"`);
    expect(xml).toContain(`href="${B}/feed.atom" rel="alternate" type="application/atom+xml"`);
  });

  it('gives each item its title, link, stable guid, RFC 822 date, byline, tags, text and EPUB', async () => {
    const [item] = (await parser.parseString(feedOf(sampleArticle()))).items;
    expect(item?.title).toBe('Pakistan, Russia look at strategic partnership');
    expect(item?.link).toBe(`${B}/articles/${SLUG}`);
    expect(item?.guid).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(item?.pubDate).toBe('Wed, 02 May 2018 10:00:00 +0000');
    expect(item?.isoDate).toBe('2018-05-02T10:00:00.000Z');
    expect(item?.creator).toBe('Jane Doe');
    // The section first, then the tags, as in the other feeds.
    expect(item?.categories).toEqual(['World', 'Pakistan', 'Russia']);
    expect(item?.language).toBe('en');
    expect(item?.content).toContain('Both states are working for full spectrum connectivity.');
    expect(item?.enclosure).toEqual({
      url: `${B}/v1/articles/${SLUG}.epub`,
      length: '4096',
      type: 'application/epub+zip',
    });
  });

  it("keeps the publisher's own offset in pubDate", async () => {
    const article = sampleArticle({ publishedAt: '2026-11-28T23:30:00-05:00' });
    const [item] = (await parser.parseString(feedOf(article))).items;
    expect(item?.pubDate).toBe('Sat, 28 Nov 2026 23:30:00 -0500');
    expect(item?.isoDate).toBe('2026-11-29T04:30:00.000Z');
  });

  it('carries hostile text as text', async () => {
    const hostile = hostileArticle();
    const [item] = (await parser.parseString(feedOf(hostile))).items;
    expect(item?.title).toBe(hostile.headline);
    expect(item?.creator).toBe(hostile.authors[0]?.name);
    expect(item?.categories).toEqual([hostile.section, ...hostile.tags]);
  });
});
