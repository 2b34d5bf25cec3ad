import { request, Agent } from 'node:http';
import { brotliDecompressSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNTHROTTLED } from './support/http.js';
import { HOSTILE_FRAGMENTS, hostileString } from './support/hostile-text.js';

/** At least this many requests reach the server (the issue asks for 10,000). */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = 16;
/** Fixed, so that a failure can be replayed; change it to explore further. */
const SEED = 20_180_502;

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

// Methods Node's HTTP parser knows (an unknown one is refused by Node itself before our code
// runs); CONNECT is left out because it turns the connection into a tunnel.
const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'OPTIONS',
  'TRACE',
  'PROPFIND',
  'PURGE',
  'LOCK',
  'MKCOL',
  'SEARCH',
  'QUERY',
  'COPY',
  'MOVE',
  'REPORT',
];

const RAW_SEGMENTS = [
  '%',
  '%zz',
  '%C0%AF',
  '%ff%fe',
  '%00',
  '%2e%2e',
  '..',
  '....//',
  '%2F',
  '%5C',
  '~',
  '.epub',
  '.pdf',
  'a.b.c',
  '2018-05-02',
  '9999-99-99',
  'latest',
  '-',
  '_',
  '%E2%80%AE',
  '%F0%9F%98%80',
];

/** A percent-encoded form of any string, lone surrogates included (encodeURIComponent throws on those). */
function encodeAll(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** Header values Node's client will send: tab, printable ASCII and Latin-1, nothing else. */
const headerSafe = (s: string) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '').slice(0, 2000);

function arbitraries(known: { slugs: string[]; editions: string[]; token: string }) {
  const segment = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...known.slugs, ...known.editions) },
    { weight: 3, arbitrary: hostileString(3).map(encodeAll) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    {
      weight: 1,
      arbitrary: fc
        .string({ unit: 'grapheme-ascii', maxLength: 30 })
        .map((s) => s.replace(/[^\x21-\x7e]/g, '').replace(/[?#]/g, '')),
    },
    { weight: 1, arbitrary: fc.constant('x'.repeat(1500)) },
  );
  const base = fc.constantFrom(
    '/',
    '/health',
    '/v1/articles',
    '/v1/articles/{s}',
    '/v1/articles/{s}.epub',
    '/v1/articles/{s}.pdf',
    '/v1/articles/{s}/{s}',
    '/v1/editions',
    '/v1/editions/{s}',
    '/v1/editions/{s}.epub',
    '/v1/editions/{s}.pdf',
    '/v1/editions/latest',
    '/openapi.json',
    '/docs',
    '/docs/{s}',
    '/opds',
    '/opds/{s}',
    '/feed.atom',
    '/feed.json',
    '/articles/{s}',
    '/editions/{s}',
    '/{s}',
    '//v1//articles//{s}',
    '/v1/../v1/articles/{s}',
  );
  const queryValue = fc.oneof(
    hostileString(2).map(encodeAll),
    fc.constantFrom(
      '',
      '-1',
      '0',
      '1',
      '100',
      '101',
      '1e9',
      'NaN',
      '2018-05-02',
      '2018-13-45',
      'garbage',
      '%',
      '%zz',
      '[]',
      '{}',
      'true',
    ),
  );
  const query = fc
    .array(
      fc.tuple(
        fc.constantFrom(
          'q',
          'tag',
          'section',
          'from',
          'to',
          'limit',
          'cursor',
          'format',
          'page',
          '__proto__',
          'constructor',
          'q[]',
          'a',
        ),
        queryValue,
      ),
      { maxLength: 5 },
    )
    .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`));
  const path = fc
    .tuple(base, fc.array(segment, { minLength: 3, maxLength: 3 }), query)
    .map(([template, segs, q]) => {
      let i = 0;
      return template.replace(/\{s\}/g, () => segs[i++] ?? 'x') + q;
    });

  const validArticle = hostileString(3).map((headline) =>
    JSON.stringify({
      headline: `Fuzz ${headline}`,
      language: 'en',
      body: [{ type: 'paragraph', text: headline || 'text' }],
    }),
  );
  const deep = fc.integer({ min: 10, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n));
  const deepObject = fc
    .integer({ min: 10, max: 5_000 })
    .map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n));
  const body = fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: validArticle.map((s) => Buffer.from(s)) },
    {
      weight: 3,
      arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
    },
    { weight: 2, arbitrary: hostileString(12).map((s) => Buffer.from(s)) },
    { weight: 1, arbitrary: fc.oneof(deep, deepObject).map((s) => Buffer.from(s)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)) },
    {
      weight: 1,
      arbitrary: validArticle.map((s) => Buffer.from(s.slice(0, Math.floor(s.length / 2)))),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]),
        Buffer.from('{"headline":"\ud800"}'),
        Buffer.from('\ufeff{"a":1}'),
      ),
    },
    { weight: 1, arbitrary: validArticle.map((s) => gzipSync(s)) },
  );
  const huge = fc.constant(Buffer.alloc(1_200_000, 0x61));

  const headerPairs = fc.record(
    {
      accept: fc.constantFrom(
        'application/json',
        'application/ld+json',
        'text/html',
        'application/problem+json',
        '*/*',
        'image/png',
        'garbage/;;;',
        'application/epub+zip',
        'application/pdf',
        'application/atom+xml',
        'x'.repeat(1000),
      ),
      'accept-encoding': fc.constantFrom(
        'gzip',
        'br',
        'deflate',
        'identity;q=0',
        '*;q=0',
        'gzip;q=2',
        'garbage',
      ),
      'accept-language': fc.constantFrom('ur', 'zh-Hant-TW', '*', 'xx;q=abc'),
      'content-type': fc.constantFrom(
        'application/json',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'text/plain',
        'text/plain; charset=utf-8',
        'text/plain; charset=x-unknown',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/ld+json',
        'application/problem+json',
        'application/xml',
        '',
        ';;;',
      ),
      'content-encoding': fc.constantFrom(
        'gzip',
        'deflate',
        'br',
        'identity',
        'x-foo',
        'gzip, gzip',
      ),
      authorization: fc.constantFrom(
        `Bearer ${known.token}`,
        `Bearer ${known.token}`,
        'Bearer wrong-token-wrong-token',
        'Bearer',
        'Basic dXNlcjpwYXNz',
        `bearer ${known.token}x`,
        'Bearer ' + 'a'.repeat(3000),
      ),
      range: fc.constantFrom(
        'bytes=0-10',
        'bytes=-5',
        'bytes=100000000-',
        'bytes=5-1',
        'bytes=0-1,3-4',
        'items=0-1',
        'bytes=',
        'garbage',
      ),
      'if-none-match': fc.constantFrom('*', '"x"', 'W/"x"', 'garbage', '"' + 'a'.repeat(500) + '"'),
      'if-modified-since': fc.constantFrom(
        'garbage',
        'Wed, 02 May 2018 00:00:00 GMT',
        'Fri, 01 Jan 2100 00:00:00 GMT',
        '0',
      ),
      'if-range': fc.constantFrom('"x"', 'Wed, 02 May 2018 00:00:00 GMT', 'garbage'),
      'x-request-id': hostileString(2).map(headerSafe),
      origin: fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1'),
      'x-forwarded-for': fc.constantFrom('1.2.3.4', '::1, 8.8.8.8', 'garbage'),
      cookie: fc.constantFrom('a=b', '__proto__=x', 'x'.repeat(2000)),
      'x-hostile': fc.constantFrom(...HOSTILE_FRAGMENTS).map(headerSafe),
    },
    { requiredKeys: [] },
  );

  return fc
    .record({
      method: fc.constantFrom(...METHODS),
      path,
      headers: headerPairs,
      body: fc.oneof({ weight: 60, arbitrary: body }, { weight: 1, arbitrary: huge }),
    })
    .map(({ method, path: p, headers, body: b }): FuzzRequest => {
      const h: Record<string, string> = {};
      for (const [k, v] of Object.entries(headers)) if (v !== undefined) h[k] = headerSafe(v);
      if (b === undefined) return { method, path: p, headers: h };
      // Node's client frames a GET, DELETE or TRACE body with no Content-Length (the bytes then
      // read as the next request on the connection), so every body carries its length.
      h['content-length'] = String(b.length);
      return { method, path: p, headers: h, body: b };
    });
}

/** The body as sent before compression (the server compresses what the client accepts). */
function decode(body: Buffer, encoding: string | undefined): Buffer {
  if (body.length === 0) return body;
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'br':
      return brotliDecompressSync(body);
    default:
      return body;
  }
}

function send(url: URL, agent: Agent, req: FuzzRequest): Promise<Answer | 'unsendable'> {
  return new Promise((resolve, reject) => {
    let r;
    try {
      r = request(
        {
          host: url.hostname,
          port: url.port,
          agent,
          method: req.method,
          path: req.path,
          headers: req.headers,
          timeout: 60_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            try {
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: decode(Buffer.concat(chunks), res.headers['content-encoding']),
              });
            } catch (err) {
              reject(
                new Error(
                  `undecodable ${String(res.headers['content-encoding'])} body: ${err instanceof Error ? err.message : String(err)}`,
                ),
              );
            }
          });
          res.on('error', reject);
        },
      );
    } catch {
      // Node's client refused to send it (an invalid character in the path or a header):
      // it never reaches any server, so it does not count.
      resolve('unsendable');
      return;
    }
    r.on('timeout', () => r.destroy(new Error('no answer within 60 s')));
    r.on('error', reject);
    r.end(req.body);
  });
}

/** Undefined if the answer is acceptable for any request; else what is wrong with it. */
function judge(req: FuzzRequest, answer: Answer): string | undefined {
  if (answer.status >= 500)
    return `status ${answer.status}: ${answer.body.toString('utf8', 0, 300)}`;
  if (answer.status < 400) return undefined;
  const type = String(answer.headers['content-type'] ?? '');
  // Reader pages are for people: a browser asking for HTML may get an HTML error page there.
  const readerPage =
    /^\/(?:$|articles\/|editions\/)/.test(req.path) && !req.path.startsWith('/v1/');
  const wantsHtml =
    req.headers.accept === undefined || /text\/html|\*\/\*/.test(req.headers.accept);
  if (readerPage && wantsHtml && type.startsWith('text/html')) return undefined;
  if (!type.startsWith('application/problem+json'))
    return `${answer.status} with content-type "${type}", not a problem document`;
  if (req.method === 'HEAD') return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(answer.body.toString('utf8'));
  } catch {
    return `${answer.status} problem document is not JSON: ${answer.body.toString('utf8', 0, 200)}`;
  }
  const d = doc as { status?: unknown; title?: unknown; type?: unknown };
  if (d.status !== answer.status)
    return `problem document status ${String(d.status)} ≠ HTTP ${answer.status}`;
  if (typeof d.title !== 'string' || d.title === '') return 'problem document without a title';
  return undefined;
}

describe('HTTP fuzz: generated hostile requests at a running server', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ env: UNTHROTTLED });
  }, 60_000);
  afterAll(async () => server.cleanup());

  it(`answers ${REQUESTS} generated requests without a 5xx, every error a problem document, and stays healthy`, async () => {
    const list = (await (await fetch(`${server.url}/v1/articles?limit=5`)).json()) as {
      items: { slug: string }[];
    };
    const editions = (await (await fetch(`${server.url}/v1/editions`)).json()) as {
      items?: { id?: string }[];
    };
    const known = {
      slugs: list.items.map((i) => i.slug),
      editions: (editions.items ?? []).flatMap((e) => (typeof e.id === 'string' ? [e.id] : [])),
      token: server.token ?? '',
    };
    expect(known.slugs.length).toBeGreaterThan(0);

    const t0 = performance.now();
    const generated = fc.sample(arbitraries(known), {
      numRuns: Math.ceil(REQUESTS * 1.1),
      seed: SEED,
    });
    if (process.env.FUZZ_DEBUG) console.log('generated', Math.round(performance.now() - t0));
    const url = new URL(server.url);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    let next = 0;
    const worker = async () => {
      while (sent < REQUESTS && next < generated.length) {
        const req = generated[next++] as FuzzRequest;
        let answer: Answer | 'unsendable';
        try {
          answer = await send(url, agent, req);
        } catch (err) {
          failures.push(
            `${req.method} ${req.path.slice(0, 200)}: no answer (${err instanceof Error ? err.message : String(err)})`,
          );
          sent++;
          continue;
        }
        if (answer === 'unsendable') continue;
        sent++;
        if (process.env.FUZZ_DEBUG && sent % 250 === 0)
          console.log(sent, Math.round(performance.now() - t0), req.method, req.path.slice(0, 80));
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const wrong = judge(req, answer);
        if (wrong)
          failures.push(
            `${req.method} ${req.path.slice(0, 200)} ${JSON.stringify(req.headers).slice(0, 300)}: ${wrong}`,
          );
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();

    expect(sent, 'enough requests reached the server').toBeGreaterThanOrEqual(REQUESTS);
    if (process.env.FUZZ_DEBUG)
      for (const f of failures) console.log('BAD', f.replace(/x{20,}/g, 'x…').slice(0, 400));
    expect(failures.slice(0, 20), `${failures.length} bad answers (seed ${SEED})`).toEqual([]);
    // The generator reached past the front door: successes, client errors and auth failures all occurred.
    expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(404) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(401) ?? 0).toBeGreaterThan(0);

    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(server.child.exitCode).toBeNull();
    // About 20 s on a quiet 2-core machine; the limit allows for a shared, loaded one.
  }, 300_000);
});
