import { request } from 'node:http';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

/** GET with a chosen Host header (fetch does not let a caller set one), as a proxy would send it. */
function get(
  server: TestServer,
  path: string,
  host: string,
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Every absolute URL a reader or client would follow, from each surface that writes them. */
async function links(server: TestServer, host: string) {
  const page = parse((await get(server, '/articles/river-levels', host)).body);
  const jsonLd = JSON.parse(
    page.querySelector('script[type="application/ld+json"]')?.text ?? '{}',
  ) as { url?: string; isBasedOn?: string };
  const opds = (await get(server, '/opds/articles', host)).body;
  const opds2 = JSON.parse((await get(server, '/opds/v2/articles', host)).body) as {
    links: { rel: string; href: string }[];
    publications: { images: { href: string }[] }[];
  };
  const feed = JSON.parse((await get(server, '/feed.json', host)).body) as {
    feed_url: string;
    items: { url: string; image: string }[];
  };
  const atom = (await get(server, '/feed.atom', host)).body;
  return {
    canonical: page.querySelector('link[rel=canonical]')?.getAttribute('href'),
    ogUrl: page.querySelector('meta[property="og:url"]')?.getAttribute('content'),
    jsonLd,
    opdsSelf: /<link rel="self" href="([^"]+)"/.exec(opds)?.[1],
    opdsCover: /<link rel="http:\/\/opds-spec.org\/image" href="([^"]+)"/.exec(opds)?.[1],
    opds2Self: opds2.links.find((l) => l.rel === 'self')?.href,
    opds2Cover: opds2.publications[0]?.images[0]?.href,
    feedUrl: feed.feed_url,
    feedItem: feed.items[0]?.url,
    feedImage: feed.items[0]?.image,
    atomSelf: /<link rel="self" href="([^"]+)"/.exec(atom)?.[1],
  };
}

const expected = (base: string) => ({
  canonical: `${base}/articles/river-levels`,
  ogUrl: `${base}/articles/river-levels`,
  jsonLd: { url: `${base}/articles/river-levels`, isBasedOn: 'https://example.org/rivers' },
  opdsSelf: `${base}/opds/articles`,
  opdsCover: `${base}/v1/articles/river-levels/cover.png`,
  opds2Self: `${base}/opds/v2/articles`,
  opds2Cover: `${base}/v1/articles/river-levels/cover.png`,
  feedUrl: `${base}/feed.json`,
  feedItem: `${base}/articles/river-levels`,
  feedImage: `${base}/v1/articles/river-levels/cover.png`,
  atomSelf: `${base}/feed.atom`,
});

async function withArticle(server: TestServer): Promise<void> {
  const res = await fetch(`${server.url}/v1/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...server.auth },
    body: JSON.stringify(
      articleInput({
        slug: 'river-levels',
        source: { url: 'https://example.org/rivers', name: 'Example' },
      }),
    ),
  });
  expect(res.status).toBe(201);
}

describe('absolute links', () => {
  let direct: TestServer;
  let proxied: TestServer;
  beforeAll(async () => {
    [direct, proxied] = await Promise.all([
      startTestServer({ seed: [] }),
      startTestServer({ seed: [], publicUrl: 'https://news.example.org/reader' }),
    ]);
    await Promise.all([withArticle(direct), withArticle(proxied)]);
  });
  afterAll(async () => {
    await Promise.all([direct?.close(), proxied?.close()]);
  });

  it('follow the request Host when no public URL is set', async () => {
    expect(await links(direct, 'books.internal:8080')).toMatchObject(
      expected('http://books.internal:8080'),
    );
  });

  it('fall back to localhost for a Host header that is not a host name', async () => {
    expect((await links(direct, 'evil.example"><script>')).canonical).toBe(
      'http://localhost/articles/river-levels',
    );
  });

  it('use BROADSHEET_PUBLIC_URL, path prefix included, whatever Host the request carries', async () => {
    expect(await links(proxied, 'books.internal:8080')).toMatchObject(
      expected('https://news.example.org/reader'),
    );
  });
});
