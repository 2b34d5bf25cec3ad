import { epubcheckTs, formatEpubCheckProblems, qpdfCheck } from '@broadsheet/testing';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { XMLValidator } from 'fast-xml-parser';
import { parseAtomFeed, parseFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from './support/http.js';

/**
 * The Atom 1.0, RSS 2.0 and JSON Feed 1.1 feeds as a feed reader gets them: parsed by feedsmith (a feed
 * parser for readers and aggregators), checked for every element the specs require, and the
 * EPUB and PDF enclosures fetched and validated.
 */

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess();
  const res = await postJson(server, '/v1/articles', {
    slug: 'feed-check',
    headline: 'Feeds & <markup> in headlines',
    standfirst: 'A standfirst with "quotes" & ampersands.',
    language: 'en-GB',
    publishedAt: '2026-11-27T08:00:00+01:00',
    authors: [{ name: 'Sam Reporter', url: 'https://example.org/sam' }],
    tags: ['Media'],
    body: [{ type: 'paragraph', text: 'Feed readers show this paragraph.' }],
  });
  expect(res.status).toBe(201);
}, 60_000);

afterAll(async () => {
  await server?.cleanup();
});

async function get(path: string, type: string): Promise<string> {
  const res = await fetch(server.url + path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(type);
  return res.text();
}

async function validateDownload(url: string, type: string): Promise<number> {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  expect(res.headers.get('content-type')).toBe(type);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (type === 'application/epub+zip') {
    const report = await epubcheckTs(bytes);
    expect(report.fatals + report.errors, formatEpubCheckProblems(report)).toBe(0);
  } else {
    const check = await qpdfCheck(bytes);
    expect(check.ok, check.output).toBe(true);
  }
  return bytes.byteLength;
}

describe('Atom 1.0', () => {
  it('is well-formed, detected as Atom, and has every element RFC 4287 requires', async () => {
    const xml = await get('/feed.atom', 'application/atom+xml;charset=utf-8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parseFeed(xml).format).toBe('atom');
    const feed = parseAtomFeed(xml);
    expect(feed.id).toMatch(/^urn:uuid:/);
    expect(feed.title?.value).toBe('Broadsheet: latest articles');
    expect(feed.updated).toMatch(RFC3339);
    expect(feed.authors?.[0]?.name).toBe('Broadsheet');
    expect(feed.links?.find((l) => l.rel === 'self')?.href).toBe(`${server.url}/feed.atom`);
    expect(feed.entries?.length).toBe(2);
    for (const entry of feed.entries ?? []) {
      expect(entry.id).toMatch(/^urn:uuid:/);
      expect(entry.title?.value).not.toBe('');
      expect(entry.updated).toMatch(RFC3339);
      expect(entry.links?.find((l) => l.rel === 'alternate')?.type).toBe('text/html');
    }
    const entry = feed.entries?.find((e) => e.title?.value === 'Feeds & <markup> in headlines');
    expect(entry?.summary?.value).toBe('A standfirst with "quotes" & ampersands.');
    // The header lines every format shows (en-GB, in the publisher's +01:00), then the text.
    expect(entry?.content?.value?.replace(/\u202f/g, ' ')).toBe(
      'By Sam Reporter\n\nPublished 27 November 2026 at 08:00 GMT+1\n\nFeed readers show this paragraph.',
    );
    expect(entry?.published).toBe('2026-11-27T08:00:00+01:00');
    expect(entry?.authors?.map((a) => [a.name, a.uri])).toEqual([
      ['Sam Reporter', 'https://example.org/sam'],
    ]);
    const enclosures = entry?.links?.filter((l) => l.rel === 'enclosure') ?? [];
    expect(enclosures.map((l) => l.type)).toEqual(['application/epub+zip', 'application/pdf']);
    for (const e of enclosures) await validateDownload(e.href ?? '', e.type ?? '');
  }, 120_000);
});

describe('JSON Feed 1.1', () => {
  it('has the version, title and items with id, content and EPUB and PDF attachments', async () => {
    const text = await get('/feed.json', 'application/feed+json; charset=utf-8');
    const raw = JSON.parse(text) as { version: string };
    expect(raw.version).toBe('https://jsonfeed.org/version/1.1');
    expect(parseFeed(raw).format).toBe('json');
    const feed = parseJsonFeed(raw);
    expect(feed.title).toBe('Broadsheet: latest articles');
    expect(feed.feed_url).toBe(`${server.url}/feed.json`);
    expect(feed.items).toHaveLength(2);
    for (const item of feed.items ?? []) {
      expect(typeof item.id).toBe('string');
      expect(item.content_text ?? item.content_html).toBeTruthy();
      expect(item.url).toMatch(new RegExp(`^${server.url}/articles/`));
    }
    const item = feed.items?.find((i) => i.title === 'Feeds & <markup> in headlines');
    expect(item?.content_text?.replace(/\u202f/g, ' ')).toBe(
      'By Sam Reporter\n\nPublished 27 November 2026 at 08:00 GMT+1\n\nFeed readers show this paragraph.',
    );
    expect(item?.language).toBe('en-GB');
    expect(item?.tags).toEqual(['Media']);
    // No photo in this article: its picture is the generated cover, a PNG we serve.
    expect(item?.image).toBe(`${server.url}/v1/articles/feed-check/cover.png`);
    const cover = await fetch(item?.image ?? '');
    expect(cover.headers.get('content-type')).toBe('image/png');
    expect(Array.from(new Uint8Array(await cover.arrayBuffer()).subarray(0, 4))).toEqual([
      0x89, 0x50, 0x4e, 0x47,
    ]);
    const attachments = item?.attachments ?? [];
    expect(attachments.map((a) => a.mime_type)).toEqual([
      'application/epub+zip',
      'application/pdf',
    ]);
    for (const a of attachments) await validateDownload(a.url ?? '', a.mime_type ?? '');
  }, 120_000);
});

describe('RSS 2.0', () => {
  it('is well-formed, detected as RSS, with RFC 822 dates, a stable guid and the EPUB as enclosure', async () => {
    const xml = await get('/feed.rss', 'application/rss+xml;charset=utf-8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parseFeed(xml).format).toBe('rss');
    const feed = parseRssFeed(xml);
    expect(feed.title).toBe('Broadsheet: latest articles');
    expect(feed.link).toBe(`${server.url}/`);
    expect(feed.description).toBeTruthy();
    expect(feed.atom?.links?.find((l) => l.rel === 'self')?.href).toBe(`${server.url}/feed.rss`);
    expect(feed.items).toHaveLength(2);
    const item = feed.items?.find((i) => i.title === 'Feeds & <markup> in headlines');
    expect(item?.link).toBe(`${server.url}/articles/feed-check`);
    // The publisher's wall time and offset, as written.
    expect(item?.pubDate).toBe('Fri, 27 Nov 2026 08:00:00 +0100');
    expect(item?.guid?.value).toMatch(/^urn:uuid:/);
    expect(item?.guid?.isPermaLink).toBe(false);
    expect(item?.dc?.creators).toEqual(['Sam Reporter']);
    expect(item?.categories?.map((c) => c.name)).toEqual(['Media']);
    const enclosure = item?.enclosures?.[0];
    expect(enclosure?.type).toBe('application/epub+zip');
    await validateDownload(enclosure?.url ?? '', enclosure?.type ?? '');
  }, 120_000);

  it('answers a poll with the ETag it sent with 304 and no body', async () => {
    const first = await fetch(`${server.url}/feed.rss`);
    await first.arrayBuffer();
    const poll = await fetch(`${server.url}/feed.rss`, {
      headers: { 'if-none-match': first.headers.get('etag') ?? '' },
    });
    expect(poll.status).toBe(304);
    expect(await poll.text()).toBe('');
  });
});
