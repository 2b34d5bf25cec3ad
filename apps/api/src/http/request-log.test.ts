import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/server.js';

/** A logger writing JSON lines into an array, as a log collector would receive them. */
function collectingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('request log', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('writes one structured line per response with the id the client sent', async () => {
    const { logger, lines } = collectingLogger();
    server = await startTestServer({ logger });
    const res = await fetch(`${server.url}/health`, { headers: { 'X-Request-Id': 'trace-42' } });
    expect(res.headers.get('x-request-id')).toBe('trace-42');
    await settle();
    const line = lines.find((l) => (l.req as { url?: string } | undefined)?.url === '/health');
    expect(line).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: 'trace-42', method: 'GET', url: '/health' },
      res: { statusCode: 200 },
    });
    expect(typeof line?.responseTime).toBe('number');
  });

  it.each([
    ['a malformed id', 'bad id with spaces'],
    ['an over-long id', 'x'.repeat(65)],
  ])('replaces %s with a fresh UUID', async (_what, given) => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/health`, { headers: { 'X-Request-Id': given } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs client errors as warnings and never logs credentials', async () => {
    const { logger, lines } = collectingLogger();
    server = await startTestServer({ logger });
    const res = await fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { authorization: 'Bearer secret-token-value', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    await settle();
    const line = lines.find(
      (l) => (l.res as { statusCode?: number } | undefined)?.statusCode === 401,
    );
    expect(line).toMatchObject({ level: 40, req: { method: 'POST', url: '/v1/articles' } });
    expect(JSON.stringify(lines)).not.toContain('secret-token-value');
  });

  it.each([
    ['POST', '/v1/articles?token=query-secret-value', 401],
    ['GET', '/v1/articles?limit=many&access_token=query-secret-value', 400],
    ['GET', '/nope?api_key=query-secret-value&key=query-secret-value', 404],
  ])(
    'never echoes or logs a credential sent in the query (%s %s)',
    async (method, path, status) => {
      const { logger, lines } = collectingLogger();
      server = await startTestServer({ logger });
      const res = await fetch(`${server.url}${path}`, {
        method,
        ...(method === 'POST' && { headers: { 'content-type': 'application/json' }, body: '{}' }),
      });
      expect(res.status).toBe(status);
      const problem = (await res.json()) as { instance?: string };
      expect(problem.instance).toBe(path.replaceAll('query-secret-value', 'REDACTED'));
      await settle();
      const line = lines.find(
        (l) => (l.res as { statusCode?: number } | undefined)?.statusCode === status,
      );
      expect(line).toMatchObject({ req: { url: problem.instance } });
      expect(JSON.stringify(lines)).not.toContain('query-secret-value');
    },
  );
});
