import { createTestDatabase, type TestDatabase } from '@broadsheet/testing';
import type { Options } from 'express-rate-limit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { articleInput } from '../../test-support/articles.js';
import { describeWithPostgres } from '../../test-support/backends.js';
import { startTestServer, type TestServer } from '../../test-support/server.js';
import { openPostgresStore, type PostgresStore } from './index.js';
import { PostgresRateLimitStore } from './rate-limit-store.js';

describeWithPostgres('rate limits shared by replicas (PostgreSQL)', () => {
  let database: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    const options = {
      store: 'postgres' as const,
      databaseUrl: database.url,
      writesPerMinute: 4,
      authFailuresPerMinute: 3,
    };
    [a, b] = await Promise.all([startTestServer(options), startTestServer(options)]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await database.drop();
  });

  const post = (s: TestServer, n: number, auth: Record<string, string> = s.auth) =>
    fetch(`${s.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify(articleInput({ headline: `Shared budget ${n}` })),
    });

  it("a writer's budget holds across two apps on one database: writes alternate, the fifth is refused on both", async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 6; n++) {
      const res = await post(n % 2 === 0 ? a : b, n);
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
  });

  it('failed authentications from one address count on both apps', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 5; n++) {
      const res = await post(n % 2 === 0 ? b : a, n, {
        authorization: 'Bearer wrong-token-123456',
      });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describeWithPostgres('PostgresRateLimitStore', () => {
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

  const limiter = (windowMs: number) => {
    const limits = new PostgresRateLimitStore(store.pool, 'writes');
    limits.init({ windowMs } as Options);
    return limits;
  };

  it('counts concurrent hits exactly once each', async () => {
    const limits = limiter(60_000);
    const totals = await Promise.all(Array.from({ length: 40 }, () => limits.increment('busy')));
    expect(totals.map((t) => t.totalHits).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect((await limits.get('busy'))?.totalHits).toBe(40);
    await limits.decrement('busy');
    expect((await limits.get('busy'))?.totalHits).toBe(39);
    await limits.resetKey('busy');
    expect(await limits.get('busy')).toBeUndefined();
  });

  it('a window that is over starts again at one hit, with a new reset time', async () => {
    const limits = limiter(300);
    const first = await limits.increment('client');
    await limits.increment('client');
    expect((await limits.increment('client')).totalHits).toBe(3);
    await new Promise((r) => setTimeout(r, 400));
    expect(await limits.get('client')).toBeUndefined();
    const next = await limits.increment('client');
    expect(next.totalHits).toBe(1);
    expect(next.resetTime?.getTime()).toBeGreaterThan(first.resetTime?.getTime() ?? Infinity);
  });
});
