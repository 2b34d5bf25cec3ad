import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  FEED_FIXTURES,
  type FeedFixtureName,
  FIXTURES_DIR,
  fixtureBytes,
  FULL_TEXT_PAGES,
} from './fixtures.js';

/** When every fixture last changed, as the server tells it (Last-Modified). */
export const FIXTURES_LAST_MODIFIED = 'Thu, 03 Dec 2026 18:30:00 GMT';
/** Bytes of the `/huge` body: a feed far over any fetch cap. */
export const HUGE_BYTES = 50 * 1024 * 1024;

export interface FeedServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly port: number;
  /** `origin + path` */
  url(path: string): string;
  /** Every request seen, in order: method, path and the conditional headers. */
  readonly requests: { path: string; ifNoneMatch?: string; ifModifiedSince?: string }[];
  close(): Promise<void>;
}

const etagOf = (bytes: Uint8Array) =>
  `"${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}"`;

/** The windows-1252 fixture without its XML declaration: only the header (or nothing) tells. */
function withoutDeclaration(name: FeedFixtureName): Uint8Array {
  const latin1 = Buffer.from(fixtureBytes(name)).toString('latin1');
  return new Uint8Array(Buffer.from(latin1.replace(/^<\?xml[^>]*\?>\s*/, ''), 'latin1'));
}

type Route = { body: Uint8Array; contentType: string };

function routes(): Map<string, Route> {
  const table = new Map<string, Route>();
  for (const [name, fixture] of Object.entries(FEED_FIXTURES))
    table.set(`/${name}`, {
      body: fixtureBytes(name as FeedFixtureName),
      contentType: fixture.contentType,
    });
  for (const [path, file] of Object.entries(FULL_TEXT_PAGES))
    table.set(path, {
      body: new Uint8Array(readFileSync(`${FIXTURES_DIR}${file}`)),
      contentType: 'text/html; charset=utf-8',
    });
  // Wrong or missing charset headers, as misconfigured servers send them.
  table.set('/charset/latin1-says-utf8', {
    body: fixtureBytes('iso-8859-1'),
    contentType: 'application/rss+xml; charset=utf-8',
  });
  table.set('/charset/1252-header-only', {
    body: withoutDeclaration('windows-1252'),
    contentType: 'text/xml; charset=windows-1252',
  });
  table.set('/charset/1252-no-hints', {
    body: withoutDeclaration('windows-1252'),
    contentType: 'text/xml',
  });
  // The summary-only feed with one item whose page is gone (404): an item failure that the
  // next poll retries. The other item's link gets a query (the page is served all the same),
  // so it is an item of its own, not the summary-only feed's.
  table.set('/summary-only-page-gone', {
    body: new TextEncoder().encode(
      Buffer.from(fixtureBytes('summary-only'))
        .toString('utf8')
        .replaceAll('/news/pier-theatre.html', '/news/gone.html')
        .replaceAll('/news/lifeboat-rescue.html', '/news/lifeboat-rescue.html?feed=page-gone'),
    ),
    contentType: FEED_FIXTURES['summary-only'].contentType,
  });
  // A feed answered as an HTML page (wrong type) still parses: the body decides.
  table.set('/charset/rss-as-text-plain', {
    body: fixtureBytes('wordpress-rss2'),
    contentType: 'text/plain',
  });
  return table;
}

function serveFixture(req: IncomingMessage, res: ServerResponse, route: Route): void {
  const etag = etagOf(route.body);
  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  const notModified =
    ifNoneMatch !== undefined
      ? ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*')
      : ifModifiedSince !== undefined &&
        Date.parse(ifModifiedSince) >= Date.parse(FIXTURES_LAST_MODIFIED);
  const headers = { etag, 'last-modified': FIXTURES_LAST_MODIFIED };
  if (notModified) {
    res.writeHead(304, headers).end();
    return;
  }
  res
    .writeHead(200, {
      ...headers,
      'content-type': route.contentType,
      'content-length': route.body.byteLength,
    })
    .end(route.body);
}

/** 50 MB of feed, written as the socket drains and abandoned when the client goes. */
function serveHuge(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/rss+xml' });
  const chunk = Buffer.alloc(64 * 1024, ' ');
  let sent = 0;
  res.write('<rss version="2.0"><channel><title>Huge</title><description>');
  const pump = (): void => {
    while (sent < HUGE_BYTES && !res.destroyed) {
      sent += chunk.byteLength;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end('</description></channel></rss>');
  };
  pump();
}

/**
 * A feed server on 127.0.0.1 at an ephemeral port, for tests of the feeds package, the API's
 * poller and the exporter. Routes:
 * - `/<fixture name>` (e.g. `/wordpress-rss2`, `/summary-only`, `/html-with-alternates`): the
 *   fixture, with ETag and Last-Modified, 304 to a matching If-None-Match / If-Modified-Since;
 * - `/news/*.html`: the summary-only feed's full pages;
 * - `/summary-only-page-gone`: the summary-only feed with one item's page gone (404);
 * - `/charset/latin1-says-utf8`, `/charset/1252-header-only`, `/charset/1252-no-hints`,
 *   `/charset/rss-as-text-plain`: wrong or missing charset headers;
 * - `/rate-limited`: 429 with `Retry-After: 120`; `/unavailable`: 503 with an HTTP-date
 *   Retry-After 60 s ahead;
 * - `/redirect-loop`: redirects to itself forever; `/huge`: a 50 MB body, streamed;
 * - `/slow?ms=N`: the wordpress feed after N milliseconds (default 5000);
 * - `/error/<status>`: that status.
 */
export async function startFeedServer(): Promise<FeedServer> {
  const table = routes();
  const requests: FeedServer['requests'] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({
      path: url.pathname,
      ...(req.headers['if-none-match'] !== undefined && {
        ifNoneMatch: req.headers['if-none-match'],
      }),
      ...(req.headers['if-modified-since'] !== undefined && {
        ifModifiedSince: req.headers['if-modified-since'],
      }),
    });
    const route = table.get(url.pathname);
    if (route !== undefined) return serveFixture(req, res, route);
    if (url.pathname === '/rate-limited')
      return void res.writeHead(429, { 'retry-after': '120' }).end('slow down');
    if (url.pathname === '/unavailable')
      return void res
        .writeHead(503, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() })
        .end('maintenance');
    if (url.pathname === '/redirect-loop')
      return void res.writeHead(302, { location: `/redirect-loop?n=${requests.length}` }).end();
    if (url.pathname === '/huge') return serveHuge(res);
    if (url.pathname === '/slow') {
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          serveFixture(req, res, table.get('/wordpress-rss2')!);
        },
        Number(url.searchParams.get('ms') ?? 5000),
      );
      timers.add(timer);
      return;
    }
    const status = /^\/error\/(\d{3})$/.exec(url.pathname)?.[1];
    res.writeHead(status === undefined ? 404 : Number(status)).end('no such feed');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    url: (path) => `${origin}${path}`,
    requests,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
