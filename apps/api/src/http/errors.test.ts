import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { startTestServer, TEST_TOKEN, type TestServer } from '../test-support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ bodyLimitBytes: 64 * 1024, writesPerMinute: 30 });
});
afterAll(() => server.close());

const problem = async (res: Response) => {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as {
    status: number;
    title: string;
    detail: string;
    errors?: { path: string }[];
  };
};

describe('errors are problem documents', () => {
  it('401 with WWW-Authenticate when the token is missing or wrong', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer wrong-token' },
      { authorization: `Basic ${TEST_TOKEN}` },
      { authorization: `Bearer ${TEST_TOKEN}x` },
    ]) {
      const res = await fetch(`${server.url}/v1/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect((await problem(res)).status).toBe(401);
    }
  });

  it.each(['/v1/articles/%ZZ', '/v1/articles/%E0%A4%A', '/v1/editions/%FF.epub', '/articles/%C3'])(
    '400 naming the path for bad percent-encoding: %s',
    async (path) => {
      const res = await fetch(server.url + path);
      expect(res.status).toBe(400);
      const body = await problem(res);
      expect(body.detail).toBe('the URL path is not valid percent-encoding');
      expect(body.errors?.[0]?.path).toBe('path');
    },
  );

  it('404 for unknown routes and unknown slugs', async () => {
    const route = await fetch(`${server.url}/nope`);
    expect(route.status).toBe(404);
    expect((await problem(route)).title).toBe('Not Found');
    expect((await fetch(`${server.url}/v1/articles/no-such-article`)).status).toBe(404);
  });

  it('413 for a body over the limit', async () => {
    const res = await fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...server.auth },
      body: JSON.stringify(articleInput({ standfirst: 'x'.repeat(100 * 1024) })),
    });
    expect(res.status).toBe(413);
    await problem(res);
  });

  it('415 for a media type other than JSON or plain text', async () => {
    const res = await fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', ...server.auth },
      body: '<a/>',
    });
    expect(res.status).toBe(415);
    expect((await problem(res)).detail).toMatch(/application\/json or text\/plain/);
  });

  it('400 for malformed JSON and invalid UTF-8', async () => {
    const bad = await fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...server.auth },
      body: '{"headline":',
    });
    expect(bad.status).toBe(400);
    const bytes = Buffer.concat([
      Buffer.from('Headline\n\nBody '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('\n'),
    ]);
    const utf8 = await fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...server.auth },
      body: bytes,
    });
    expect(utf8.status).toBe(400);
    expect((await problem(utf8)).detail).toMatch(/UTF-8/);
  });

  it('security headers and open CORS for reads', async () => {
    const res = await fetch(`${server.url}/health`, {
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('429 with Retry-After once writes exceed the limit, reads still served', async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await fetch(`${server.url}/v1/articles/none-${i}`, {
        method: 'DELETE',
        headers: server.auth,
      });
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(404);
    }
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
    if (limited) expect((await problem(limited)).status).toBe(429);
    expect((await fetch(`${server.url}/v1/articles`)).status).toBe(200);
  });
});
