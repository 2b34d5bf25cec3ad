import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleArticle } from '../reader/test-support/fixtures.js';
import type { Store } from '../store/types.js';
import { articleInput } from '../test-support/articles.js';
import { describeEachBackend, type BackendName } from '../test-support/backends.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { CACHE_CONTROL } from './revision-validators.js';

/**
 * Wraps the real store so the test sees every read of articles and editions the app makes:
 * building any catalog, feed, page or list reads them, so a 304 that leaves the count alone
 * was answered without building the body. The change stamp (`revision`) is not counted.
 */
function countingStore(store: Store, counter: { reads: number }): Store {
  const counted = <T extends object>(part: T): T =>
    new Proxy(part, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          counter.reads += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const articles = counted(store.articles);
  const editions = counted(store.editions);
  return new Proxy(store, {
    get(target, key) {
      if (key === 'articles') return articles;
      if (key === 'editions') return editions;
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

const seed = sampleArticle();
const slug = seed.slug;

/** Every GET a catalog client, feed reader or browser polls, and the caching it is given. */
const POLLED: readonly [path: string, cacheControl: string][] = [
  ['/feed.atom', CACHE_CONTROL.catalog],
  ['/feed.json', CACHE_CONTROL.catalog],
  ['/feed.rss', CACHE_CONTROL.catalog],
  ['/opds', CACHE_CONTROL.catalog],
  ['/opds/articles', CACHE_CONTROL.catalog],
  ['/opds/editions', CACHE_CONTROL.catalog],
  ['/opds/search?q=pakistan', CACHE_CONTROL.catalog],
  ['/opds/opensearch.xml', CACHE_CONTROL.catalog],
  ['/opds/v2', CACHE_CONTROL.catalog],
  ['/opds/v2/articles', CACHE_CONTROL.catalog],
  ['/opds/v2/editions', CACHE_CONTROL.catalog],
  ['/opds/v2/search?q=pakistan', CACHE_CONTROL.catalog],
  [`/opds/v2/articles/${slug}`, CACHE_CONTROL.catalog],
  ['/', CACHE_CONTROL.page],
  [`/articles/${slug}`, CACHE_CONTROL.page],
  ['/editions/latest', CACHE_CONTROL.page],
  ['/search?q=pakistan', CACHE_CONTROL.page],
  ['/v1/articles', CACHE_CONTROL.page],
  ['/v1/articles?tag=diplomacy&limit=5', CACHE_CONTROL.page],
  ['/v1/editions', CACHE_CONTROL.page],
];

describeEachBackend('validators for catalog and feed clients', (backend: BackendName) => {
  let server: TestServer;
  const counter = { reads: 0 };
  beforeAll(async () => {
    server = await startTestServer({
      store: backend,
      seed: [seed],
      wrapStore: (store) => countingStore(store, counter),
    });
  });
  afterAll(() => server.close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(server.url + path, { headers });

  it.each(POLLED)(
    '%s: ETag and Last-Modified; a poll with If-None-Match gets 304, no body, nothing read',
    async (path, cacheControl) => {
      const first = await get(path);
      expect(first.status).toBe(200);
      expect((await first.arrayBuffer()).byteLength).toBeGreaterThan(0);
      const etag = first.headers.get('etag');
      const lastModified = first.headers.get('last-modified');
      expect(etag).toMatch(/^(W\/)?"[0-9a-f]{32}"$/);
      expect(Number.isNaN(Date.parse(lastModified ?? ''))).toBe(false);
      expect(first.headers.get('cache-control')).toBe(cacheControl);

      const readsBefore = counter.reads;
      const poll = await get(path, { 'if-none-match': etag! });
      expect(poll.status).toBe(304);
      expect(await poll.text()).toBe('');
      expect(poll.headers.get('etag')).toBe(etag);
      expect(poll.headers.get('cache-control')).toBe(cacheControl);
      const byDate = await get(path, { 'if-modified-since': lastModified! });
      expect(byDate.status).toBe(304);
      expect(counter.reads).toBe(readsBefore);
    },
  );

  it('a write changes every validator, and so does a deletion', async () => {
    const etags = async () =>
      Promise.all(POLLED.map(async ([path]) => (await get(path)).headers.get('etag')!));
    const before = await etags();
    const created = await fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { ...server.auth, 'content-type': 'application/json' },
      body: JSON.stringify(articleInput({ slug: 'second-story', id: 'second-story' })),
    });
    expect(created.status).toBe(201);
    for (const [i, [path]] of POLLED.entries()) {
      const poll = await get(path, { 'if-none-match': before[i]! });
      expect([path, poll.status]).toEqual([path, 200]);
    }
    const afterWrite = await etags();
    const deleted = await fetch(`${server.url}/v1/articles/second-story`, {
      method: 'DELETE',
      headers: server.auth,
    });
    expect(deleted.status).toBe(204);
    const afterDelete = await etags();
    for (const [i, [path]] of POLLED.entries()) {
      expect([path, afterWrite[i]]).not.toEqual([path, before[i]]);
      expect([path, afterDelete[i]]).not.toEqual([path, afterWrite[i]]);
      const poll = await get(path, { 'if-none-match': afterWrite[i]! });
      expect([path, poll.status]).toEqual([path, 200]);
    }
  });

  it('a validator names its URL: another page or query is not answered 304', async () => {
    const etag = (await get('/opds/v2/articles')).headers.get('etag')!;
    const other = await get('/opds/v2/editions', { 'if-none-match': etag });
    expect(other.status).toBe(200);
  });

  it('a failure carries no validator and is not kept by shared caches', async () => {
    const res = await get('/opds/articles?page=0');
    expect(res.status).toBe(404);
    expect(res.headers.get('etag')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
