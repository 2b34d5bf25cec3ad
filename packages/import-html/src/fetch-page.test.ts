import {
  type LocalWebServer,
  redirect,
  serve,
  stall,
  startLocalWebServer,
  type WebRoute,
} from '@broadsheet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from './fetch-error.js';
import { fetchPage } from './fetch-page.js';
import { importHtml } from './import-html.js';
import { fixture } from './test-support/fixtures.js';

const PAGE = fixture('jsonld-only.html');
const HTML = 'text/html; charset=utf-8';

const routes: Record<string, WebRoute> = {
  '/article': serve(HTML, PAGE),
  '/xhtml': serve('application/xhtml+xml', PAGE),
  '/latin1': serve(
    'text/html; charset=iso-8859-1',
    Buffer.from('<html><body><p>Caf\xe9 cr\xe8me</p></body></html>', 'latin1'),
  ),
  '/meta-charset': serve(
    'text/html',
    Buffer.from(
      '<html><head><meta charset="windows-1252"></head><body><p>\x93quoted\x94</p></body></html>',
      'latin1',
    ),
  ),
  '/hop1': redirect('/hop2', 301),
  '/hop2': redirect('/article', 302),
  '/loop': redirect('/loop', 307),
  '/to-file': redirect('file:///etc/passwd'),
  '/no-location': (_req, res) => {
    res.writeHead(302).end();
  },
  '/json': serve('application/json', '{"headline":"x"}'),
  '/declared-big': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(10 * 1024 * 1024) });
    res.write('<html>'); // never finishes: the client must give up on the header alone
  },
  '/streamed-big': (_req, res) => {
    // No Content-Length: the cap has to be enforced while reading.
    res.writeHead(200, { 'content-type': 'text/html' });
    const chunk = `<p>${'x'.repeat(16 * 1024)}</p>`;
    for (let i = 0; i < 64; i += 1) res.write(chunk);
    res.end();
  },
  '/hang': stall('text/html'),
};

let server: LocalWebServer;
beforeAll(async () => {
  server = await startLocalWebServer(routes);
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
    const closed = await startLocalWebServer(routes);
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
