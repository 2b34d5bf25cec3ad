import { parseAllowHosts } from '@broadsheet/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedFetchError, fetchFeed, type FetchFeedOptions } from './fetch-feed.js';
import { fixtureBytes } from './fixtures.js';
import { parseFeed } from './parse-feed.js';
import { type FeedServer, FIXTURES_LAST_MODIFIED, startFeedServer } from './test-server.js';

let server: FeedServer;
let options: FetchFeedOptions;

beforeAll(async () => {
  server = await startFeedServer();
  options = { allowHosts: parseAllowHosts('127.0.0.1'), maxBytes: 10 * 1024 * 1024 };
});
afterAll(() => server.close());

async function failure(work: Promise<unknown>): Promise<FeedFetchError> {
  const e: unknown = await work.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(FeedFetchError);
  return e as FeedFetchError;
}

describe('fetchFeed against a feed server on 127.0.0.1', () => {
  it('fetches a feed with its validators and content type', async () => {
    const got = await fetchFeed(server.url('/wordpress-rss2'), options);
    if (got.status !== 'ok') throw new Error('expected a body');
    expect(Buffer.from(got.body).equals(Buffer.from(fixtureBytes('wordpress-rss2')))).toBe(true);
    expect(got.contentType).toBe('application/rss+xml; charset=UTF-8');
    expect(got.etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(got.lastModified).toBe(FIXTURES_LAST_MODIFIED);
    expect(got.url).toBe(server.url('/wordpress-rss2'));
  });

  it.each([
    ['the ETag', (etag: string) => ({ etag })],
    ['Last-Modified', () => ({ lastModified: FIXTURES_LAST_MODIFIED })],
  ])('sends %s back and gets not-modified', async (_, validators) => {
    const first = await fetchFeed(server.url('/atom-xhtml'), options);
    if (first.status !== 'ok') throw new Error('expected a body');
    const again = await fetchFeed(server.url('/atom-xhtml'), {
      ...options,
      ...validators(first.etag ?? ''),
    });
    expect(again).toEqual({ status: 'not-modified' });
  });

  it('a stale ETag gets the body again', async () => {
    const got = await fetchFeed(server.url('/atom-xhtml'), { ...options, etag: '"old"' });
    expect(got.status).toBe('ok');
    expect(server.requests.at(-1)).toMatchObject({ path: '/atom-xhtml', ifNoneMatch: '"old"' });
  });

  it.each([
    ['/rate-limited', 429, 'rate-limited', [120_000, 120_000]],
    ['/unavailable', 503, 'unavailable', [50_000, 60_000]],
  ] as const)(
    '%s: FeedFetchError %i with the Retry-After delay',
    async (path, status, code, [min, max]) => {
      const e = await failure(fetchFeed(server.url(path), options));
      expect([e.status, e.code]).toEqual([status, code]);
      expect(e.retryAfterMs).toBeGreaterThanOrEqual(min);
      expect(e.retryAfterMs).toBeLessThanOrEqual(max);
      expect(e.message).toMatch(new RegExp(`answered ${status} .*retry after \\d+ s`));
    },
  );

  it.each([
    ['/redirect-loop', 'too-many-redirects', /more than 5 redirects/, 302],
    ['/huge', 'too-large', /larger than the limit of 10485760 bytes/, undefined],
    ['/error/404', 'http-status', /answered 404/, 404],
    ['/error/500', 'http-status', /answered 500/, 500],
  ] as const)('%s: %s', async (path, code, message, status) => {
    const e = await failure(fetchFeed(server.url(path), options));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    expect(e.status).toBe(status);
  });

  it('a slow server is cut off by the deadline', async () => {
    const e = await failure(fetchFeed(server.url('/slow?ms=3000'), { ...options, timeoutMs: 300 }));
    expect(e.code).toBe('timeout');
  });

  it('without 127.0.0.1 in the allow list nothing is fetched', async () => {
    const before = server.requests.length;
    const e = await failure(
      fetchFeed(server.url('/wordpress-rss2'), { ...options, allowHosts: [] }),
    );
    expect(e.code).toBe('refused-address');
    expect(server.requests.length).toBe(before);
  });

  it.each([
    ['/charset/latin1-says-utf8', 'Élodie Lefèvre'],
    ['/charset/1252-header-only', undefined],
    ['/charset/1252-no-hints', undefined],
  ])('%s: fetched and parsed with the right accents', async (path, author) => {
    const got = await fetchFeed(server.url(path), options);
    if (got.status !== 'ok') throw new Error('expected a body');
    const feed = parseFeed(got.body, {
      url: got.url,
      ...(got.contentType !== undefined && { contentType: got.contentType }),
      now: new Date('2026-12-04T09:00:00Z'),
    });
    const title = feed.items[0]?.title ?? '';
    if (author === undefined)
      expect(title).toBe('“Bryggen” får nytt tak – prisen blir 2 millioner €');
    else expect(feed.items[0]?.authors[0]?.name).toBe(author);
  });

  it('the summary-only feed links to full pages the server serves', async () => {
    const got = await fetchFeed(server.url('/summary-only'), options);
    if (got.status !== 'ok') throw new Error('expected a body');
    const feed = parseFeed(got.body, { url: got.url, now: new Date('2026-12-04T09:00:00Z') });
    for (const item of feed.items) {
      const page = await fetch(item.link ?? '');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(item.title ?? '');
    }
  });
});
