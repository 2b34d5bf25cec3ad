import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import {
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from '../test-support/server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: TestServerOptions): Promise<TestServer> {
  server = await startTestServer(options);
  return server;
}

/** A POST of a valid article, with whatever headers the caller adds. */
function post(s: TestServer, headers: Record<string, string> = {}, n = 0): Promise<Response> {
  return fetch(`${s.url}/v1/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(articleInput({ headline: `Story number ${n}`, slug: `story-${n}` })),
  });
}

async function problemOf(res: Response): Promise<{ status: number; detail: string }> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as { status: number; detail: string };
}

describe('write access: authentication first, then each credential its own budget', () => {
  it('an anonymous flood gets 401 then 429, and never costs the real writer a 429', async () => {
    const s = await start({ writesPerMinute: 5, authFailuresPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await post(
        s,
        i % 2 === 0 ? {} : { authorization: 'Bearer not-the-token-at-all' },
      );
      statuses.push(res.status);
      if (res.status === 429) {
        const seconds = Number(res.headers.get('retry-after'));
        expect(seconds).toBeGreaterThan(0);
        expect(seconds).toBeLessThanOrEqual(60);
        expect((await problemOf(res)).detail).toMatch(/failed authentications/);
      } else await res.arrayBuffer();
    }
    expect(statuses).toEqual([401, 401, 401, ...Array<number>(9).fill(429)]);
    // Same address, the right token: the writer's own budget is untouched.
    for (let i = 0; i < 5; i++) expect((await post(s, s.auth, i)).status).toBe(201);
  });

  it('limits the writer by its credential, apart from the failures of others', async () => {
    const s = await start({ writesPerMinute: 3, authFailuresPerMinute: 100 });
    for (let i = 0; i < 3; i++) expect((await post(s, s.auth, i)).status).toBe(201);
    const limited = await post(s, s.auth, 3);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await problemOf(limited)).detail).toMatch(/with this credential/);
    // An anonymous client is still told what is wrong (401), not the writer's 429.
    expect((await post(s)).status).toBe(401);
    // Reads are never limited.
    expect((await fetch(`${s.url}/v1/articles`)).status).toBe(200);
  });

  it('one budget across every write route (articles and editions)', async () => {
    const s = await start({ writesPerMinute: 2, authFailuresPerMinute: 100 });
    expect((await post(s, s.auth, 1)).status).toBe(201);
    const edition = await fetch(`${s.url}/v1/editions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...s.auth },
      body: JSON.stringify({ title: 'Weekend', date: '2018-05-05', slugs: ['story-1'] }),
    });
    expect(edition.status).toBe(201);
    const third = await fetch(`${s.url}/v1/articles/story-1`, {
      method: 'DELETE',
      headers: s.auth,
    });
    expect(third.status).toBe(429);
  });
});

/** A logger writing JSON lines into an array. */
function collectingLogger() {
  const lines: { req?: { remoteAddress?: string } }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line) lines.push(JSON.parse(line) as { req?: { remoteAddress?: string } });
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('BROADSHEET_TRUST_PROXY and the failed-authentication limit', () => {
  const fromA = { 'x-forwarded-for': '203.0.113.7' };
  const fromB = { 'x-forwarded-for': '198.51.100.9' };

  it('with one trusted hop, X-Forwarded-For tells clients apart (and is the logged address)', async () => {
    const { logger, lines } = collectingLogger();
    const s = await start({ authFailuresPerMinute: 2, trustProxy: 1, logger });
    expect((await post(s, fromA)).status).toBe(401);
    expect((await post(s, fromA)).status).toBe(401);
    expect((await post(s, fromA)).status).toBe(429);
    expect((await post(s, fromB)).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const addresses = lines.flatMap((l) => (l.req?.remoteAddress ? [l.req.remoteAddress] : []));
    expect(addresses).toContain('203.0.113.7');
    expect(addresses).toContain('198.51.100.9');
  });

  it('without it, X-Forwarded-For is ignored: one address, one budget', async () => {
    const s = await start({ authFailuresPerMinute: 2 });
    expect((await post(s, fromA)).status).toBe(401);
    expect((await post(s, fromA)).status).toBe(401);
    expect((await post(s, fromA)).status).toBe(429);
    expect((await post(s, fromB)).status).toBe(429);
  });
});
