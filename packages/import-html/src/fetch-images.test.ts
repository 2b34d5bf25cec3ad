import { type Article, parseArticle } from '@broadsheet/model';
import {
  GIF_BYTES,
  type LocalWebServer,
  pngBytes,
  redirect,
  serve,
  startLocalWebServer,
  type WebRoute,
} from '@broadsheet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchError } from './fetch-error.js';
import { fetchImages } from './fetch-images.js';
import { fetchPage } from './fetch-page.js';
import { importHtml } from './import-html.js';
import { figures } from './test-support/fixtures.js';

const PNG = pngBytes(40, 30);
const SLOW = Array.from({ length: 8 }, (_, i) => `/slow/${i}.png`);
let inFlight = 0;
let maxInFlight = 0;

/** Answers after a pause, counting how many requests are open at once. */
const slow: WebRoute = (_req, res) => {
  inFlight += 1;
  maxInFlight = Math.max(maxInFlight, inFlight);
  setTimeout(() => {
    inFlight -= 1;
    res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
  }, 40);
};

const routes: Record<string, WebRoute> = {
  '/lead.png': serve('image/png', PNG),
  '/pic.gif': serve('image/gif', GIF_BYTES),
  '/moved.png': redirect('/lead.png', 301),
  '/liar.png': serve('image/png', '<html><body>Error 500</body></html>'),
  '/page.html': serve('text/html', '<html></html>'),
  '/drawing.svg': serve(
    'image/svg+xml',
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  ),
  '/huge.png': serve('image/png', Buffer.concat([PNG, Buffer.alloc(300_000)])),
  ...Object.fromEntries(SLOW.map((path) => [path, slow])),
  '/story': serve(
    'text/html; charset=utf-8',
    `<!DOCTYPE html><html lang="en"><head><title>Lighthouse keepers return</title><meta property="og:type" content="article"><meta property="og:image" content="/lead.png"></head>
      <body><article><h1>Lighthouse keepers return</h1>
      <p>For the first time since automation in 1998, a keeper will live at the lighthouse on the point, the trust that owns it said on Friday, after a storm knocked out its remote monitoring for a week.</p>
      <figure><img data-src="/pic.gif" alt="The lamp room" width="400" height="300"><figcaption>The lamp room after the storm.</figcaption></figure>
      <p>The keeper will be paid by the trust and will also run tours of the tower for visitors between April and October, when the ferry runs twice a day from the harbour.</p>
      </article></body></html>`,
  ),
};

let server: LocalWebServer;
beforeAll(async () => {
  server = await startLocalWebServer(routes);
});
afterAll(async () => {
  await server.close();
});

function articleWith(srcs: string[]): Article {
  return parseArticle({
    headline: 'Pictures',
    language: 'en',
    image: { src: `${server.origin}/lead.png`, alt: 'Lead', caption: 'The lead picture.' },
    body: [
      { type: 'paragraph', text: 'Text.' },
      ...srcs.map((src) => ({ type: 'figure', image: { src, alt: src } })),
    ],
  });
}

describe('fetchImages', () => {
  it('embeds each image as a data: URI typed by its bytes, following redirects', async () => {
    const article = await fetchImages(
      articleWith([`${server.origin}/pic.gif`, `${server.origin}/moved.png`]),
      { timeoutMs: 5_000 },
    );
    const png = `data:image/png;base64,${PNG.toString('base64')}`;
    expect(article.image).toEqual({ src: png, alt: 'Lead', caption: 'The lead picture.' });
    expect(figures(article).map((f) => f.src)).toEqual([
      `data:image/gif;base64,${GIF_BYTES.toString('base64')}`,
      png,
    ]);
  });

  it.each([
    ['/liar.png', 'wrong-content-type', /bytes are not JPEG, PNG, GIF, WebP or AVIF/],
    ['/page.html', 'wrong-content-type', /"text\/html", not a raster image/],
    ['/drawing.svg', 'wrong-content-type', /"image\/svg\+xml", not a raster image/],
    ['/huge.png', 'too-large', /larger than the limit of 100000 bytes/],
    ['/missing.png', 'http-status', /answered 404/],
  ])('%s stays a reference (%s)', async (path, code, message) => {
    const errors: FetchError[] = [];
    const src = `${server.origin}${path}`;
    const article = await fetchImages(articleWith([src]), {
      timeoutMs: 5_000,
      maxBytes: 100_000,
      onError: (_src, e) => errors.push(e),
    });
    expect(figures(article)[0]?.src).toBe(src);
    expect(article.image?.src).toMatch(/^data:image\/png;base64,/);
    expect(errors.map((e) => e.code)).toEqual([code]);
    expect(errors[0]?.message).toMatch(message);
  });

  it('keeps at most `concurrency` downloads in flight', async () => {
    maxInFlight = 0;
    const srcs = SLOW.map((path) => `${server.origin}${path}`);
    const article = await fetchImages(articleWith(srcs), { concurrency: 2, timeoutMs: 5_000 });
    expect(figures(article).every((f) => f.src?.startsWith('data:image/png;base64,'))).toBe(true);
    expect(maxInFlight).toBe(2);
  });

  it('returns the same article when there is nothing to fetch', async () => {
    const article = parseArticle({
      headline: 'Plain',
      language: 'en',
      body: [{ type: 'paragraph', text: 'No pictures.' }],
    });
    expect(await fetchImages(article)).toBe(article);
  });

  it('fetch page → import → fetch images gives an article with embedded pictures', async () => {
    const page = await fetchPage(`${server.origin}/story`, { timeoutMs: 5_000 });
    const imported = importHtml(page.html, { url: page.url });
    expect(imported.image?.src).toBe(`${server.origin}/lead.png`);
    expect(figures(imported).map((f) => f.src)).toEqual([`${server.origin}/pic.gif`]);
    const embedded = await fetchImages(imported, { timeoutMs: 5_000 });
    expect(embedded.image?.src).toMatch(/^data:image\/png;base64,/);
    expect(figures(embedded)[0]).toMatchObject({
      src: expect.stringMatching(/^data:image\/gif;base64,/) as unknown,
      caption: 'The lamp room after the storm.',
    });
    expect(embedded.id).toBe(imported.id);
  });
});
