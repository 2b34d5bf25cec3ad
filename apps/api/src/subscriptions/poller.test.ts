import { mkdtempSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllowHosts } from '@broadsheet/fetch';
import { localNamesOnly, pngBytes } from '@broadsheet/testing';
import { DEFAULT_IMAGE_LIMITS } from '@broadsheet/render/images';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHtmlImportService, type HtmlImportService } from '../articles/import-pool.js';
import type { PeriodicJob } from '../jobs/periodic.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/types.js';
import { createFeedService } from './feed-service.js';
import { startFeedPoller } from './poller.js';
import { rss, startFeedOrigin, type FeedOrigin } from './test-support/feed-origin.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-12-04T06:00:00Z');

const item = (n: number, origin: FeedOrigin) => ({
  guid: `item-${n}`,
  title: `Story number ${n} of the day`,
  link: `${origin.url}/story/${n}`,
  content: `<p>Story ${n} has a first paragraph long enough to be an article body on its own, with detail.</p><p>And a second one.</p>`,
});

describe('feed poller (injected clock, real feeds over HTTP, real store and import threads)', () => {
  let dir: string;
  let clock: number;
  let store: Store;
  let importer: HtmlImportService;
  let origin: FeedOrigin;
  let poller: PeriodicJob;

  beforeEach(async () => {
    clock = T0;
    const now = () => new Date(clock);
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-poller-'));
    store = openSqliteStore(join(dir, 'db.sqlite'), { now });
    importer = createHtmlImportService({ logger: pino({ level: 'silent' }) });
    origin = await startFeedOrigin();
    const service = createFeedService({
      store,
      htmlImporter: importer,
      imageLimits: DEFAULT_IMAGE_LIMITS,
      fetch: {
        byDefault: false,
        allowHosts: parseAllowHosts(origin.host),
        maxBytes: 1024 ** 2,
        resolve: localNamesOnly,
      },
      logger: pino({ level: 'silent' }),
      now,
      pollIntervalMs: 30 * MINUTE,
      backoff: { baseMs: MINUTE, maxMs: 8 * MINUTE },
    });
    // Runs only when the test says so (runNow): the clock, not timers, decides what is due.
    poller = startFeedPoller({
      service,
      logger: pino({ level: 'silent' }),
      everyMs: 3_600_000,
      firstDelayMs: 3_600_000,
    });
  });
  afterEach(async () => {
    await poller.stop();
    await importer.close();
    await store.close();
    await origin.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const subscribe = (id: string, path: string) =>
    store.feeds.create(id, { url: `${origin.url}${path}`, fullText: 'never' });

  it('polls due feeds only, conditionally, on the success interval', async () => {
    origin.set('/a.rss', {
      body: rss('A', origin.url, [item(1, origin), item(2, origin)]),
      etag: '"a1"',
    });
    await subscribe('a', '/a.rss');
    await poller.runNow();
    expect(await store.articles.count()).toBe(2);
    expect(await store.feeds.get('a')).toMatchObject({
      etag: '"a1"',
      failures: 0,
      lastSuccessAt: new Date(T0).toISOString(),
      nextPollAt: new Date(T0 + 30 * MINUTE).toISOString(),
    });

    clock += 29 * MINUTE;
    await poller.runNow();
    expect(origin.hits('/a.rss').requests).toBe(1);

    clock += MINUTE;
    await poller.runNow();
    expect(origin.hits('/a.rss')).toEqual({ requests: 2, notModified: 1 });
    expect((await store.feeds.get('a'))?.nextPollAt).toBe(
      new Date(clock + 30 * MINUTE).toISOString(),
    );
    expect(await store.articles.count()).toBe(2);
  });

  it('backs off a failing feed exponentially while the others keep polling, and honours Retry-After', async () => {
    origin.set('/good.rss', { body: rss('Good', origin.url, [item(1, origin)]) });
    origin.set('/bad.rss', { status: 500, type: 'text/plain', body: 'oops' });
    origin.set('/busy.rss', {
      status: 429,
      type: 'text/plain',
      body: 'slow down',
      headers: { 'retry-after': '1200' },
    });
    await subscribe('good', '/good.rss');
    await subscribe('bad', '/bad.rss');
    await subscribe('busy', '/busy.rss');

    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      await poller.runNow();
      const bad = await store.feeds.get('bad');
      waits.push((Date.parse(bad?.nextPollAt ?? '') - clock) / MINUTE);
      expect(bad?.failures).toBe(i + 1);
      expect(bad?.lastError).toMatch(/500/);
      clock = Date.parse(bad?.nextPollAt ?? '');
    }
    expect(waits).toEqual([1, 2, 4, 8, 8]);
    expect(origin.hits('/bad.rss').requests).toBe(5);
    // Runs at minutes 0, 1, 3, 7 and 15: the good feed, due again at 30, was polled once.
    expect(origin.hits('/good.rss').requests).toBe(1);
    expect(await store.articles.count()).toBe(1);
    expect((await store.feeds.get('good'))?.failures).toBe(0);
    // The busy feed asked for 20 minutes (more than its 1-minute backoff): not asked again yet.
    const busy = await store.feeds.get('busy');
    expect(busy?.lastError).toMatch(/429/);
    expect(busy?.nextPollAt).toBe(new Date(T0 + 20 * MINUTE).toISOString());
    expect(origin.hits('/busy.rss').requests).toBe(1);
  });

  /**
   * Routes that answer after 200 ms (long enough for a second request to arrive if it were
   * sent) and count how many requests were ever in flight at once.
   */
  function slowRoutes() {
    let inFlight = 0;
    const seen = { most: 0 };
    const slow = (type: string, body: string | Buffer) => ({
      handle: (_req: unknown, res: ServerResponse) => {
        inFlight += 1;
        seen.most = Math.max(seen.most, inFlight);
        setTimeout(() => {
          inFlight -= 1;
          res.writeHead(200, { 'content-type': type }).end(body);
        }, 200);
      },
    });
    return { slow, seen };
  }

  it('sends one request at a time to a host, even for feeds polled side by side', async () => {
    const { slow, seen } = slowRoutes();
    origin.set('/one.rss', slow('application/rss+xml', rss('One', origin.url, [])));
    origin.set('/two.rss', slow('application/rss+xml', rss('Two', origin.url, [])));
    await subscribe('one', '/one.rss');
    await subscribe('two', '/two.rss');
    await poller.runNow();
    expect(origin.hits('/one.rss').requests + origin.hits('/two.rss').requests).toBe(2);
    expect(seen.most).toBe(1);
  });

  it("fetches an item's pictures one at a time from their host, as its feeds and pages", async () => {
    const { slow, seen } = slowRoutes();
    const png = pngBytes(40, 30, [200, 80, 20]);
    for (const n of [1, 2, 3]) origin.set(`/pic/${n}.png`, slow('image/png', png));
    const figures = [1, 2, 3]
      .map((n) => `<figure><img src="${origin.url}/pic/${n}.png" alt="Picture ${n}"></figure>`)
      .join('');
    origin.set('/pictures.rss', {
      body: rss('Pictures', origin.url, [
        { ...item(1, origin), content: `${item(1, origin).content}${figures}` },
      ]),
    });
    await store.feeds.create('pictures', {
      url: `${origin.url}/pictures.rss`,
      fullText: 'never',
    });
    await poller.runNow();
    expect([1, 2, 3].map((n) => origin.hits(`/pic/${n}.png`).requests)).toEqual([1, 1, 1]);
    const [stored] = (await store.articles.list({ limit: 10 })).items;
    const sources = JSON.stringify(stored?.article.body);
    expect(sources).toContain('/media/');
    expect(seen.most).toBe(1);
  });
});
