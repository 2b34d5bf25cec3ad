import { terminateConnections } from '@broadsheet/testing';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { articleInput } from '../../test-support/articles.js';
import { describeWithPostgres } from '../../test-support/backends.js';
import { startTestServer, type TestServer } from '../../test-support/server.js';

interface Outcome {
  status: number;
  retryAfter: string | null;
  type: string | null;
}

describeWithPostgres('PostgreSQL faults over HTTP', () => {
  let server: TestServer;
  let database: string;
  beforeAll(async () => {
    server = await startTestServer({ store: 'postgres' });
    database = server.database?.name ?? '';
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${server.url}/v1/articles`, {
        method: 'POST',
        headers: { ...server.auth, 'content-type': 'application/json' },
        body: JSON.stringify(articleInput({ headline: `Flood story number ${i}` })),
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => server.close());

  /** One request of the mix: searches, lists, days, writes; nothing a cache can answer. */
  async function request(i: number): Promise<Outcome> {
    const paths = [
      '/v1/articles?q=flood+story',
      '/v1/articles?tag=weather',
      '/v1/editions',
      '/health',
    ];
    const res =
      i % 5 === 4
        ? await fetch(`${server.url}/v1/articles`, {
            method: 'POST',
            headers: { ...server.auth, 'content-type': 'application/json' },
            body: JSON.stringify(articleInput({ headline: `Burst write ${i} ${Math.random()}` })),
          })
        : await fetch(`${server.url}${paths[i % paths.length] ?? '/health'}`);
    await res.arrayBuffer();
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      type: res.headers.get('content-type'),
    };
  }

  it('connections killed by pg_terminate_backend mid-run: 503 + Retry-After, then success; never 500', async () => {
    const outcomes: Outcome[] = [];
    // Killing the connections while requests run hits some in flight; five rounds at least (each
    // a new chance for a kill to race a connection being opened or handed out), more until one did.
    for (
      let round = 0;
      round < 5 || (round < 20 && !outcomes.some((o) => o.status === 503));
      round++
    ) {
      let stop = false;
      const loops = Array.from({ length: 8 }, async (_, lane) => {
        for (let i = lane; !stop; i += 8) outcomes.push(await request(i));
      });
      await new Promise((r) => setTimeout(r, 100));
      await terminateConnections(database);
      await new Promise((r) => setTimeout(r, 100));
      stop = true;
      await Promise.all(loops);
    }
    const failures = outcomes.filter((o) => o.status >= 500);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure.status).toBe(503);
      expect(failure.retryAfter).toMatch(/^\d+$/);
      expect(failure.type).toContain('application/problem+json');
    }
    // The pool has replaced the killed connections: every kind of request works again.
    const after = await Promise.all(Array.from({ length: 10 }, (_, i) => request(i)));
    expect(after.map((o) => o.status).filter((s) => s >= 300)).toEqual([]);
  });

  it('/health answers 503 while the database refuses connections, 200 once it accepts them', async () => {
    const admin = new pg.Client({
      connectionString: 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS false`);
      await terminateConnections(database);
      const down = await fetch(`${server.url}/health`);
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await down.json()) as { detail: string }).detail).toMatch(
        /database is not answering/,
      );
      const read = await fetch(`${server.url}/v1/articles?q=flood`);
      expect(read.status).toBe(503);
    } finally {
      await admin.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    const up = await fetch(`${server.url}/health`);
    expect(up.status).toBe(200);
  });
});
