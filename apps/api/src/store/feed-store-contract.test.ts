import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@broadsheet/testing';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeEachBackend, type BackendName } from '../test-support/backends.js';
import type { FeedBackoff, FeedSettings } from './feed-types.js';
import { openPostgresStore } from './postgres/index.js';
import { openSqliteStore } from './sqlite/index.js';
import { ConflictError, InvalidCursorError, PreconditionFailedError, type Store } from './types.js';

/** The feed store contract: the same tests, unchanged, on SQLite and on PostgreSQL. */

let clock: number;
const now = () => new Date(clock);
const at = (ms: number) => new Date(ms).toISOString();
const T0 = Date.parse('2026-01-01T00:00:00Z');
const MINUTE = 60_000;
const BACKOFF: FeedBackoff = { baseMs: MINUTE, maxMs: 16 * MINUTE };

interface Backend {
  /** Two stores on the same data: two processes (SQLite) or two replicas (PostgreSQL). */
  open(): Promise<Store>;
}

function useSqlite(): Backend {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-feeds-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return {
    open: () => Promise.resolve().then(() => openSqliteStore(join(dir, 'db.sqlite'), { now })),
  };
}

function usePostgres(): Backend {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await (await openPostgresStore(database.url, { listen: false })).close();
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      // CASCADE: publications' feed lists reference feeds.
      await client.query('TRUNCATE feeds, feed_items CASCADE');
    } finally {
      await client.end();
    }
  });
  return { open: () => openPostgresStore(database.url, { now, listen: false }) };
}

const settings = (overrides: Partial<FeedSettings> = {}): FeedSettings => ({
  url: 'https://news.example.org/feed.xml',
  fullText: 'auto',
  ...overrides,
});

describeEachBackend('feed store contract', (name: BackendName) => {
  const backend = name === 'sqlite' ? useSqlite() : usePostgres();
  let store: Store;
  const opened: Store[] = [];
  const open = async () => {
    const s = await backend.open();
    opened.push(s);
    return s;
  };
  beforeEach(async () => {
    clock = T0;
    store = await open();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  it('creates a feed due at once, reads it back, and refuses a second one with the same url', async () => {
    const created = await store.feeds.create('f1', {
      ...settings({ section: 'World', maxItems: 5 }),
      title: 'Example News',
    });
    expect(created).toEqual({
      id: 'f1',
      url: 'https://news.example.org/feed.xml',
      section: 'World',
      fullText: 'auto',
      maxItems: 5,
      title: 'Example News',
      createdAt: at(T0),
      updatedAt: at(T0),
      revision: 1,
      failures: 0,
      nextPollAt: at(T0),
    });
    expect(await store.feeds.get('f1')).toEqual(created);
    expect(await store.feeds.get('nope')).toBeUndefined();
    expect(await store.feeds.findByUrl('https://news.example.org/feed.xml')).toEqual(created);
    expect(await store.feeds.findByUrl('https://news.example.org/other.xml')).toBeUndefined();
    await expect(store.feeds.create('f2', settings())).rejects.toMatchObject({
      name: 'ConflictError',
      field: 'url',
    });
    await expect(
      store.feeds.create('f1', settings({ url: 'https://other.example.org/' })),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('lists oldest first in pages that neither repeat nor skip, with the total', async () => {
    for (let i = 0; i < 7; i++) {
      clock = T0 + i * 1000;
      await store.feeds.create(`f${i}`, settings({ url: `https://example.org/${i}.xml` }));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.feeds.list({ limit: 3, cursor });
      expect(page.total).toBe(7);
      seen.push(...page.items.map((f) => f.id));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6']);
    await expect(store.feeds.list({ limit: 3, cursor: 'garbage' })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });

  it('replaces settings under If-Match, and a new url forgets the validators and is due at once', async () => {
    await store.feeds.create('f1', settings());
    clock += MINUTE;
    await store.feeds.recordSuccess('f1', {
      etag: '"v1"',
      lastModified: 'Wed, 01 Jan 2026 00:00:00 GMT',
      nextPollAt: new Date(clock + 30 * MINUTE),
    });
    const same = await store.feeds.replace('f1', settings({ section: 'Sport' }), { revision: 1 });
    expect(same).toMatchObject({ section: 'Sport', revision: 2, etag: '"v1"' });
    await expect(
      store.feeds.replace('f1', settings({ section: 'Late' }), { revision: 1 }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    const moved = await store.feeds.replace('f1', settings({ url: 'https://elsewhere.example/' }));
    expect(moved).toMatchObject({ revision: 3, nextPollAt: at(clock) });
    expect(moved?.etag).toBeUndefined();
    expect(moved?.section).toBeUndefined();
    expect(await store.feeds.replace('nope', settings())).toBeUndefined();
    await store.feeds.create('f2', settings({ url: 'https://taken.example/' }));
    await expect(
      store.feeds.replace('f1', settings({ url: 'https://taken.example/' })),
    ).rejects.toMatchObject({ name: 'ConflictError', field: 'url' });
  });

  it('deletes a feed with its items, under If-Match', async () => {
    await store.feeds.create('f1', settings());
    await store.feeds.upsertItem('f1', { itemKey: 'k', contentHash: 'h', articleSlug: 's' });
    await expect(store.feeds.delete('f1', { revision: 9 })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    expect(await store.feeds.delete('f1', { revision: 1 })).toBe(true);
    expect(await store.feeds.delete('f1')).toBe(false);
    expect(await store.feeds.findItems('k')).toEqual([]);
  });

  it('leases each due feed to one poller only, until the lease ends or a poll is recorded', async () => {
    const other = await open();
    await store.feeds.create('due', settings({ url: 'https://a.example/' }));
    await store.feeds.create('later', settings({ url: 'https://b.example/' }));
    await store.feeds.recordSuccess('later', { nextPollAt: new Date(T0 + 10 * MINUTE) });
    const [first, second] = await Promise.all([
      store.feeds.leaseDue(10, 5 * MINUTE),
      other.feeds.leaseDue(10, 5 * MINUTE),
    ]);
    expect([...(first ?? []), ...(second ?? [])].map((f) => f.id)).toEqual(['due']);
    expect(await store.feeds.lease('due', MINUTE)).toBeUndefined();
    clock += 5 * MINUTE;
    expect((await other.feeds.leaseDue(10, MINUTE)).map((f) => f.id)).toEqual(['due']);
    await other.feeds.recordSuccess('due', { nextPollAt: new Date(clock) });
    expect((await store.feeds.lease('due', MINUTE))?.id).toBe('due');
    await store.feeds.recordSuccess('due', { nextPollAt: new Date(clock + 60 * MINUTE) });
    clock += 10 * MINUTE;
    expect((await other.feeds.leaseDue(10, MINUTE)).map((f) => f.id)).toEqual(['later']);
    expect(await store.feeds.lease('nope', MINUTE)).toBeUndefined();
  });

  it('records a success: validators, title, failures back to 0, a warning kept as lastError', async () => {
    await store.feeds.create('f1', { ...settings(), title: 'Old' });
    await store.feeds.recordFailure('f1', { error: 'HTTP 500' }, BACKOFF);
    clock += MINUTE;
    const ok = await store.feeds.recordSuccess('f1', {
      etag: '"e"',
      title: 'New title',
      siteUrl: 'https://news.example.org/',
      nextPollAt: new Date(clock + 30 * MINUTE),
      warning: '1 item failed: boom',
    });
    expect(ok).toMatchObject({
      etag: '"e"',
      title: 'New title',
      siteUrl: 'https://news.example.org/',
      failures: 0,
      lastSuccessAt: at(clock),
      lastError: '1 item failed: boom',
      lastErrorAt: at(clock),
      nextPollAt: at(clock + 30 * MINUTE),
    });
    expect(ok?.leasedUntil).toBeUndefined();
    // A 304 carries no title: the stored one stays; no warning clears lastError.
    const again = await store.feeds.recordSuccess('f1', {
      etag: '"e"',
      nextPollAt: new Date(clock),
    });
    expect(again).toMatchObject({ title: 'New title' });
    expect(again?.lastError).toBeUndefined();
    expect(
      await store.feeds.recordSuccess('nope', { nextPollAt: new Date(clock) }),
    ).toBeUndefined();
  });

  it('backs off exponentially per feed up to the cap, and honours a longer Retry-After', async () => {
    await store.feeds.create('f1', settings());
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const feed = await store.feeds.recordFailure('f1', { error: `HTTP 500 (${i})` }, BACKOFF);
      waits.push((Date.parse(feed?.nextPollAt ?? '') - clock) / MINUTE);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 16, 16]);
    const feed = await store.feeds.recordFailure(
      'f1',
      { error: 'HTTP 429', retryAfterMs: 60 * MINUTE },
      BACKOFF,
    );
    expect(feed).toMatchObject({
      failures: 8,
      lastError: 'HTTP 429',
      lastErrorAt: at(clock),
      nextPollAt: at(clock + 60 * MINUTE),
    });
  });

  it('restores feeds and their items copied from another store: as given, leases not, idempotent', async () => {
    await store.feeds.create('f1', { ...settings(), title: 'Harbour news' });
    await store.feeds.recordSuccess('f1', { etag: '"v1"', nextPollAt: new Date(T0 + 30 * MINUTE) });
    await store.feeds.upsertItem('f1', { itemKey: 'k1', contentHash: 'h1', articleSlug: 'one' });
    clock += MINUTE;
    await store.feeds.upsertItem('f1', { itemKey: 'k2', contentHash: 'h2', articleSlug: 'two' });
    const leased = await store.feeds.lease('f1', 5 * MINUTE);
    expect(leased?.leasedUntil).toBeDefined();
    const items = await store.feeds.items('f1');
    expect(items.map((i) => [i.itemKey, i.articleSlug])).toEqual([
      ['k1', 'one'],
      ['k2', 'two'],
    ]);

    // Copied under another id and url, as a second store would receive them.
    const copy = { ...leased!, id: 'f2', url: 'https://copy.example.org/feed.xml' };
    expect(await store.feeds.restore([copy])).toEqual({ created: 1, updated: 0, unchanged: 0 });
    // Everything but the lease, which belonged to a process of the other store.
    expect(await store.feeds.get('f2')).toEqual({ ...copy, leasedUntil: undefined });
    const copiedItems = items.map((i) => ({ ...i, feedId: 'f2' }));
    expect(await store.feeds.restoreItems(copiedItems)).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(await store.feeds.items('f2')).toEqual(copiedItems);

    // Again: nothing changes. Changed at the source: replaced, with a new revision here.
    expect(await store.feeds.restore([copy])).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await store.feeds.restoreItems(copiedItems)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    expect(await store.feeds.restore([{ ...copy, failures: 2, lastError: 'HTTP 503' }])).toEqual({
      created: 0,
      updated: 1,
      unchanged: 0,
    });
    const replaced = await store.feeds.get('f2');
    expect([replaced?.failures, replaced?.lastError, replaced?.revision]).toEqual([
      2,
      'HTTP 503',
      copy.revision + 1,
    ]);
    const moved = { ...copiedItems[1]!, contentHash: 'h3', updatedAt: at(T0 + 9 * MINUTE) };
    expect(await store.feeds.restoreItems([moved])).toEqual({
      created: 0,
      updated: 1,
      unchanged: 0,
    });
    expect((await store.feeds.items('f2'))[1]).toEqual(moved);

    // Another feed here with the copied url: a conflict, and nothing of the batch is written.
    await expect(
      store.feeds.restore([
        { ...copy, id: 'f3', url: 'https://other.example.org/a.xml' },
        { ...copy, id: 'f4' },
      ]),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await store.feeds.get('f3')).toBeUndefined();
  });

  it('upserts items: new, unchanged, updated by content hash, keeping the first article slug', async () => {
    await store.feeds.create('a', settings({ url: 'https://a.example/' }));
    await store.feeds.create('b', settings({ url: 'https://b.example/' }));
    const item = { itemKey: 'guid-1', contentHash: 'h1', articleSlug: 'story-a' };
    expect(await store.feeds.upsertItem('a', item)).toEqual({
      status: 'new',
      articleSlug: 'story-a',
    });
    expect(await store.feeds.upsertItem('a', item)).toEqual({
      status: 'unchanged',
      articleSlug: 'story-a',
    });
    clock += MINUTE;
    expect(
      await store.feeds.upsertItem('a', { ...item, contentHash: 'h2', articleSlug: 'other' }),
    ).toEqual({ status: 'updated', articleSlug: 'story-a' });
    // The same GUID in another feed: a row of its own, pointing at the article found by key.
    const [found] = await store.feeds.findItems('guid-1');
    expect(found).toEqual({
      feedId: 'a',
      itemKey: 'guid-1',
      articleSlug: 'story-a',
      contentHash: 'h2',
      firstSeenAt: at(T0),
      updatedAt: at(clock),
    });
    expect(
      await store.feeds.upsertItem('b', { ...item, articleSlug: found?.articleSlug ?? '' }),
    ).toEqual({ status: 'new', articleSlug: 'story-a' });
    expect((await store.feeds.findItems('guid-1')).map((r) => r.feedId)).toEqual(['a', 'b']);
  });

  describe('concurrent item upserts', () => {
    it('record an item once even when two pollers see it at once', async () => {
      const other = await open();
      await store.feeds.create('a', settings());
      const item = { itemKey: 'k', contentHash: 'h', articleSlug: 's' };
      const results = await Promise.all([
        store.feeds.upsertItem('a', item),
        other.feeds.upsertItem('a', item),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['new', 'unchanged']);
      expect(await store.feeds.findItems('k')).toHaveLength(1);
    });
  });
});
