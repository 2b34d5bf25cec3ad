import { createHash } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@broadsheet/testing';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { articleInput } from '../../test-support/articles.js';
import { describeWithPostgres } from '../../test-support/backends.js';
import { startTestServer, type TestServer } from '../../test-support/server.js';
import { openPostgresStore, type PostgresStore } from './index.js';
import { PostgresRenderStore } from './render-store.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describeWithPostgres('shared render store: two apps on one database', () => {
  let database: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  let admin: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase();
    // Each app its own data directory (its own disk cache), as replicas on separate machines.
    const options = { store: 'postgres' as const, databaseUrl: database.url };
    [a, b] = await Promise.all([startTestServer(options), startTestServer(options)]);
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    for (const headline of ['Harbour reopens after the storm', 'Ferries run again']) {
      const res = await fetch(`${a.url}/v1/articles`, {
        method: 'POST',
        headers: { ...a.auth, 'content-type': 'application/json' },
        body: JSON.stringify(articleInput({ headline, publishedAt: '2024-03-05T08:00:00Z' })),
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await admin.end();
    await Promise.all([a.close(), b.close()]);
    await database.drop();
  });

  const download = async (s: TestServer, path: string) => {
    const res = await fetch(`${s.url}${path}`);
    expect(res.status).toBe(200);
    return { etag: res.headers.get('etag'), bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const rendered = async (s: TestServer) =>
    ((await (await fetch(`${s.url}/health`)).json()) as { rendered: number }).rendered;

  it('an EPUB rendered on A is served by B from the shared store: same bytes, same ETag, no render on B', async () => {
    const path = '/v1/articles/harbour-reopens-after-the-storm.epub';
    const onA = await download(a, path);
    expect(await rendered(a)).toBe(1);
    const [row] = (
      await admin.query<{ sha256: string; size: number; format: string }>(
        'SELECT sha256, size, format FROM render_cache',
      )
    ).rows;
    expect(row).toEqual({ sha256: sha256(onA.bytes), size: onA.bytes.length, format: 'epub' });

    const onB = await download(b, path);
    expect(onB.etag).toBe(onA.etag);
    expect(onB.bytes.equals(onA.bytes)).toBe(true);
    expect(await rendered(b)).toBe(0);
    expect(b.deps.renderer.stats().fromShared).toBe(1);
    // Now on B's own disk: the next download does not even ask the database.
    await download(b, path);
    expect(b.deps.renderer.stats().fromShared).toBe(1);
    expect(b.deps.renderer.cacheUsage().files).toBe(1);
  });

  it('the same edition rendered on both apps at once: both answer the same bytes, one row is kept', async () => {
    const path = '/v1/editions/2024-03-05.pdf';
    const [onA, onB] = await Promise.all([download(a, path), download(b, path)]);
    expect(onB.etag).toBe(onA.etag);
    expect(onB.bytes.equals(onA.bytes)).toBe(true);
    const rows = (
      await admin.query<{ sha256: string }>("SELECT sha256 FROM render_cache WHERE format = 'pdf'")
    ).rows;
    expect(rows).toEqual([{ sha256: sha256(onA.bytes) }]);
  });
});

describeWithPostgres('PostgresRenderStore: budget and integrity', () => {
  let database: TestDatabase;
  let store: PostgresStore;
  beforeAll(async () => {
    database = await createTestDatabase();
    store = await openPostgresStore(database.url, { listen: false });
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  const file = (n: number) => Buffer.alloc(1000, n);
  const keys = async () =>
    (await store.pool.query<{ key: string }>('SELECT key FROM render_cache ORDER BY key')).rows.map(
      (r) => r.key,
    );

  it('keeps to its byte budget, least recently used out first; a file over the budget is not kept', async () => {
    const shared = new PostgresRenderStore(store.pool, 3000);
    for (const n of [1, 2, 3]) await shared.put(`k${n}`, 'pdf', file(n), sha256(file(n)));
    expect(await keys()).toEqual(['k1', 'k2', 'k3']);
    // k1 fetched by a replica: k2 is now the least recently used.
    expect((await shared.get('k1'))?.bytes.equals(file(1))).toBe(true);
    await shared.put('k4', 'pdf', file(4), sha256(file(4)));
    expect(await keys()).toEqual(['k1', 'k3', 'k4']);
    expect(await shared.usage()).toEqual({ bytes: 3000, files: 3, maxBytes: 3000 });

    const huge = Buffer.alloc(3001, 9);
    await shared.put('huge', 'pdf', huge, sha256(huge));
    expect(await keys()).toEqual(['k1', 'k3', 'k4']);
    // A second put of a key keeps the first bytes (concurrent renders of one key are identical).
    await shared.put('k3', 'pdf', file(7), sha256(file(7)));
    expect((await shared.get('k3'))?.bytes.equals(file(3))).toBe(true);
  });

  it('a damaged row is never served, and is deleted', async () => {
    const shared = new PostgresRenderStore(store.pool, 1_000_000);
    await shared.put('bad', 'epub', file(5), sha256(file(5)));
    await store.pool.query(
      "UPDATE render_cache SET bytes = overlay(bytes placing '\\x00'::bytea from 10) WHERE key = 'bad'",
    );
    expect(await shared.get('bad')).toBeUndefined();
    expect(await keys()).not.toContain('bad');
  });
});

describeWithPostgres('shared render store out of order', () => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startTestServer({ store: 'postgres', databaseUrl: database.url });
    const res = await fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { ...server.auth, 'content-type': 'application/json' },
      body: JSON.stringify(articleInput({ headline: 'Lighthouse keeper retires' })),
    });
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    await server.close();
    await database.drop();
  });

  it('its table gone (an administrator dropped it): downloads still render and answer 200', async () => {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query('DROP TABLE render_cache');
    await admin.end();
    const res = await fetch(`${server.url}/v1/articles/lighthouse-keeper-retires.pdf`);
    expect(res.status).toBe(200);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    expect(server.deps.renderer.stats()).toMatchObject({ rendered: 1, fromShared: 0 });
  });
});
