import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from './fetch-error.js';
import { fetchPage } from './fetch-page.js';
import { importHtml } from './import-html.js';
import { fixture } from './test-support/fixtures.js';
import { type LocalServer, startLocalServer } from './test-support/local-server.js';

const PAGE = fixture('jsonld-only.html');

function route(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '/';
  const html = (body: string | Buffer, type = 'text/html; charset=utf-8') => {
    res.writeHead(200, { 'content-type': type });
    res.end(body);
  };
  if (path === '/article') return html(PAGE);
  if (path === '/xhtml') return html(PAGE, 'application/xhtml+xml');
  if (path === '/latin1')
    return html(
      Buffer.from('<html><body><p>Caf\xe9 cr\xe8me</p></body></html>', 'latin1'),
      'text/html; charset=iso-8859-1',
    );
  if (path === '/meta-charset')
    return html(
      Buffer.from(
        '<html><head><meta charset="windows-1252"></head><body><p>\x93quoted\x94</p></body></html>',
        'latin1',
      ),
      'text/html',
    );
  if (path === '/hop1') {
    res.writeHead(301, { location: '/hop2' }).end();
    return;
  }
  if (path === '/hop2') {
    res.writeHead(302, { location: `${'/article'}` }).end();
    return;
  }
  if (path === '/loop') {
    res.writeHead(307, { location: '/loop' }).end();
    return;
  }
  if (path === '/to-file') {
    res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    return;
  }
  if (path === '/no-location') {
    res.writeHead(302).end();
    return;
  }
  if (path === '/json') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"headline":"x"}');
    return;
  }
  if (path === '/declared-big') {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(10 * 1024 * 1024) });
    res.write('<html>');
    return; // never finishes: the client must give up on the header alone
  }
  if (path === '/streamed-big') {
    // No Content-Length: the cap has to be enforced while reading.
    res.writeHead(200, { 'content-type': 'text/html' });
    const chunk = `<p>${'x'.repeat(16 * 1024)}</p>`;
    for (let i = 0; i < 64; i += 1) res.write(chunk);
    res.end();
    return;
  }
  if (path === '/hang') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<html><body><p>still loading');
    return; // never ends
  }
  res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
}

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer(route);
});
afterAll(async () => {
  await server.close();
});

describe('fetchPage', () => {
  it('fetches an HTML page that importHtml turns into the article, links resolved against the final URL', async () => {
    const page = await fetchPage(`${server.origin}/hop1`, { timeoutMs: 5_000 });
    expect(page.url).toBe(`${server.origin}/article`);
    expect(page.contentType).toBe('text/html; charset=utf-8');
    const article = importHtml(page.html, { url: page.url });
    expect(article.headline).toBe('Harbour towns brace for record spring tides');
  });

  it.each([
    ['/xhtml', 'Harbour towns brace'],
    ['/latin1', 'Café crème'],
    ['/meta-charset', '“quoted”'],
  ])('%s is decoded as the server declares it', async (path, text) => {
    const page = await fetchPage(`${server.origin}${path}`, { timeoutMs: 5_000 });
    expect(page.html).toContain(text);
  });

  it.each([
    ['not a url', {}, 'invalid-url', /not an absolute http\(s\) URL/],
    ['file:///etc/passwd', {}, 'invalid-url', /not an absolute http\(s\) URL/],
    ['/missing', {}, 'http-status', /answered 404/],
    ['/json', {}, 'wrong-content-type', /"application\/json", not an HTML page/],
    ['/loop', { maxRedirects: 3 }, 'too-many-redirects', /more than 3 redirects/],
    ['/hop1', { maxRedirects: 1 }, 'too-many-redirects', /more than 1 redirects/],
    ['/to-file', {}, 'bad-redirect', /"file:\/\/\/etc\/passwd", not an http\(s\) URL/],
    ['/no-location', {}, 'bad-redirect', /no Location header/],
    [
      '/declared-big',
      { maxBytes: 1024 * 1024 },
      'too-large',
      /10485760 bytes, larger than the limit of 1048576 bytes/,
    ],
    [
      '/streamed-big',
      { maxBytes: 256 * 1024 },
      'too-large',
      /larger than the limit of 262144 bytes/,
    ],
    ['/hang', { timeoutMs: 300 }, 'timeout', /no complete response within 300 ms/],
  ])('%s %j fails with %s', async (path, options, code, message) => {
    const url = path.startsWith('/') ? `${server.origin}${path}` : path;
    const error = await fetchPage(url, { timeoutMs: 5_000, ...options }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).code).toBe(code);
    expect((error as FetchError).message).toMatch(message);
  });

  it('reports a refused connection as a network error naming the URL', async () => {
    const closed = await startLocalServer(route);
    await closed.close();
    const error = await fetchPage(`${closed.origin}/article`, { timeoutMs: 5_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).code).toBe('network');
    expect((error as FetchError).message).toContain(
      `${closed.origin}/article: could not be fetched`,
    );
  });

  it('uses an injected fetch', async () => {
    const seen: string[] = [];
    const wrapped: typeof fetch = (input, init) => {
      seen.push(input instanceof Request ? input.url : input instanceof URL ? input.href : input);
      return fetch(input, init);
    };
    await fetchPage(`${server.origin}/hop1`, { timeoutMs: 5_000, fetch: wrapped });
    expect(seen).toEqual([
      `${server.origin}/hop1`,
      `${server.origin}/hop2`,
      `${server.origin}/article`,
    ]);
  });
});
