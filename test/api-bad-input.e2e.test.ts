import { connect } from 'node:net';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Hostile and broken requests against the built server process: every one gets a 4xx
 * (a problem document where the app answers), never a 5xx, and the server keeps serving.
 */

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess({ env: { BROADSHEET_WRITES_PER_MINUTE: '100000' } });
}, 60_000);
afterAll(() => server.cleanup());

interface BadRequest {
  name: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  status: number;
}

const json = { 'content-type': 'application/json' };
const valid = { headline: 'Fine', language: 'en', body: [{ type: 'paragraph', text: 'ok' }] };
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

const table = (): BadRequest[] => {
  const auth = { authorization: `Bearer ${server.token ?? ''}` };
  const post = (
    name: string,
    body: string | Buffer,
    status: number,
    headers: Record<string, string> = json,
  ): BadRequest => ({
    name,
    method: 'POST',
    path: '/v1/articles',
    headers: { ...auth, ...headers },
    body,
    status,
  });
  return [
    post('malformed JSON', '{"headline": "x", ', 400),
    post('JSON null', 'null', 400),
    post('JSON array', '[]', 400),
    post('headline of the wrong type', JSON.stringify({ ...valid, headline: 42 }), 400),
    post('body of the wrong type', JSON.stringify({ ...valid, body: 'text' }), 400),
    post(
      'unknown block type',
      JSON.stringify({ ...valid, body: [{ type: 'script', text: 'x' }] }),
      400,
    ),
    post(
      'javascript: link',
      JSON.stringify({
        ...valid,
        body: [{ type: 'paragraph', content: [{ text: 'x', href: 'javascript:alert(1)' }] }],
      }),
      400,
    ),
    post(
      'huge headline (too long)',
      JSON.stringify({ ...valid, headline: 'x'.repeat(200_000) }),
      400,
    ),
    post(
      'body over the 1 MB limit',
      JSON.stringify({ ...valid, standfirst: 'x'.repeat(1_200_000) }),
      413,
    ),
    post('deep nesting', deep(100_000), 400),
    post(
      'deep nesting inside a field',
      `{"headline":"x","language":"en","body":${deep(5_000)}}`,
      400,
    ),
    post(
      'invalid UTF-8 in JSON',
      Buffer.concat([
        Buffer.from('{"headline":"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('","language":"en","body":[]}'),
      ]),
      400,
    ),
    post('invalid UTF-8 in text', Buffer.from([0x48, 0x69, 0x0a, 0x0a, 0xff, 0xfe, 0xfd]), 400, {
      'content-type': 'text/plain',
    }),
    post('empty plain text', '', 400, { 'content-type': 'text/plain' }),
    post('XML body', '<article/>', 415, { 'content-type': 'application/xml' }),
    post('no content type', Buffer.from('hello'), 415, {}),
    post('JSON in latin1', '{}', 415, { 'content-type': 'application/json; charset=latin1' }),
    post(
      '__proto__ pollution attempt',
      '{"__proto__":{"admin":true},"headline":"x","language":"en"}',
      400,
    ),
    post('bad language tag', JSON.stringify({ ...valid, language: 'not a language!' }), 400),
    {
      name: 'no token',
      method: 'POST',
      path: '/v1/articles',
      headers: json,
      body: JSON.stringify(valid),
      status: 401,
    },
    {
      name: 'token with header injection',
      method: 'DELETE',
      path: '/v1/articles/x',
      headers: { authorization: 'Bearer abc%0d%0aSet-Cookie: a=b' },
      status: 401,
    },
    { name: '../ in a slug', path: '/v1/articles/..%2F..%2Fetc%2Fpasswd', status: 404 },
    {
      name: '../ in a download slug',
      path: '/v1/articles/..%2F..%2Fetc%2Fpasswd.epub',
      status: 404,
    },
    { name: 'NUL in a slug', path: '/v1/articles/abc%00def', status: 404 },
    { name: 'NUL in an edition id', path: '/v1/editions/2018-05-02%00.pdf', status: 404 },
    { name: 'CRLF in a slug', path: '/v1/articles/a%0d%0aSet-Cookie:%20x=y', status: 404 },
    { name: 'bad percent-encoding', path: '/v1/articles/%E0%A4%A', status: 400 },
    { name: 'very long slug', path: `/v1/articles/${'a'.repeat(5000)}`, status: 404 },
    {
      name: 'SQL in a query',
      path: "/v1/articles?tag=x'%20OR%201=1--&section=%22;DROP%20TABLE%20articles",
      status: 200,
    },
    {
      name: 'FTS syntax in q',
      path: '/v1/articles?q=NEAR(%22a%22%20%22b%22)%20OR%20*',
      status: 200,
    },
    { name: 'q too long', path: `/v1/articles?q=${'a'.repeat(600)}`, status: 400 },
    { name: 'limit not a number', path: '/v1/articles?limit=1e400', status: 400 },
    { name: 'repeated parameter', path: '/v1/articles?limit=1&limit=2', status: 400 },
    { name: 'forged cursor', path: '/v1/articles?cursor=eyJrIjoxfQ', status: 400 },
    { name: 'bad page size', path: '/v1/articles/x.pdf?pageSize=A0', status: 404 },
    {
      name: 'malformed Range',
      path: '/v1/editions/latest.epub',
      headers: { range: 'bytes=abc' },
      status: 200,
    },
    {
      name: 'unsatisfiable Range',
      path: '/v1/editions/latest.epub',
      headers: { range: 'bytes=999999999-' },
      status: 416,
    },
    {
      name: 'weird Accept',
      path: '/v1/editions/latest',
      headers: { accept: 'x/y;q=abc, */*;q=-1' },
      status: 200,
    },
    {
      name: 'edition with wrong slug types',
      method: 'POST',
      path: '/v1/editions',
      headers: { ...json, ...auth },
      body: '{"title":"x","date":"2018-05-02","slugs":[1,{}]}',
      status: 400,
    },
    { name: 'unknown route', path: '/v2/everything', status: 404 },
    // PATCH is a route now (a JSON Merge Patch); POST to an article is not.
    { name: 'unknown method', method: 'POST', path: '/v1/articles/x', headers: auth, status: 404 },
    {
      name: 'patch without a body',
      method: 'PATCH',
      path: '/v1/articles/x',
      headers: auth,
      status: 400,
    },
  ];
};

describe('bad requests never produce a 5xx', () => {
  it('answers each row of the table with its 4xx (or harmless 2xx) status', async () => {
    const failures: string[] = [];
    for (const row of table()) {
      const init: RequestInit = { method: row.method ?? 'GET', headers: row.headers ?? {} };
      if (row.body !== undefined)
        init.body = typeof row.body === 'string' ? row.body : new Uint8Array(row.body);
      let res: Response;
      try {
        res = await fetch(`${server.url}${row.path}`, init);
      } catch (err) {
        failures.push(`${row.name}: request failed (${String(err)})`);
        continue;
      }
      const type = res.headers.get('content-type') ?? '';
      await res.arrayBuffer();
      if (res.status !== row.status)
        failures.push(`${row.name}: expected ${row.status}, got ${res.status}`);
      if (res.status >= 400 && !type.startsWith('application/problem+json'))
        failures.push(`${row.name}: ${res.status} as ${type}, not problem+json`);
      if (res.headers.get('set-cookie') !== null)
        failures.push(`${row.name}: a Set-Cookie header was injected`);
    }
    expect(failures).toEqual([]);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  }, 120_000);

  it.each([
    [
      'a raw CR inside a header value',
      'GET /health HTTP/1.1\r\nHost: x\r\nX-Request-Id: a\rb\r\n\r\n',
    ],
    ['a header line without a colon', 'GET /health HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n'],
    ['a request line with spaces in the path', 'GET /v1/articles/a b HTTP/1.1\r\nHost: x\r\n\r\n'],
    [
      'conflicting Content-Length headers',
      'POST /v1/articles HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
    ],
    [
      'a request id that tries to inject a header',
      'GET /health HTTP/1.1\r\nHost: x\r\nX-Request-Id: ok%0d%0aSet-Cookie:x\r\nConnection: close\r\n\r\n',
    ],
  ])(
    'refuses %s at the HTTP layer with a 4xx',
    async (_name, raw) => {
      const reply = await rawRequest(server.port, raw);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1]);
      expect(status).toBeGreaterThanOrEqual(200);
      expect(status).toBeLessThan(500);
      expect(reply).not.toMatch(/^set-cookie:/im);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    },
    30_000,
  );
});

function rawRequest(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(raw));
    let data = '';
    socket.setEncoding('latin1').on('data', (d: string) => (data += d));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
  });
}
