import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const ORIGIN = 'https://elsewhere.example';

function preflight(path: string, method: string, headers?: string): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin: ORIGIN,
      'access-control-request-method': method,
      ...(headers !== undefined && { 'access-control-request-headers': headers }),
    },
  });
}

describe('CORS: reads open to every origin, writes not offered cross-origin', () => {
  it('a simple read from another origin may be read (Access-Control-Allow-Origin: *)', async () => {
    const res = await fetch(`${server.url}/v1/articles`, { headers: { origin: ORIGIN } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toContain('ETag');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it.each([
    ['/v1/articles/some-story.pdf', 'GET', 'range,if-range'],
    ['/v1/articles', 'GET', 'if-none-match'],
    ['/v1/articles', 'HEAD', undefined],
  ])('grants a preflight for %s %s', async (path, method, headers) => {
    const res = await preflight(path, method, headers);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,HEAD');
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of headers?.split(',') ?? []) expect(allowed).toContain(header);
    // Granted headers are a fixed list, not an echo of whatever the page asked for.
    expect(allowed).not.toContain('authorization');
  });

  it.each([
    ['/v1/articles', 'POST', 'authorization,content-type'],
    ['/v1/articles/some-story', 'PUT', 'authorization,content-type'],
    ['/v1/articles/some-story', 'DELETE', 'authorization'],
    ['/v1/editions', 'POST', 'authorization,content-type'],
    ['/v1/articles', 'PATCH', undefined],
  ])('refuses a preflight for %s %s, granting nothing', async (path, method, headers) => {
    const res = await preflight(path, method, headers);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/only GET and HEAD/);
    for (const name of [
      'access-control-allow-origin',
      'access-control-allow-methods',
      'access-control-allow-headers',
    ])
      expect(res.headers.get(name), name).toBeNull();
  });
});
