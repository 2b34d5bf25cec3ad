import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../test-support/server.js';
import { startTestServer } from '../test-support/server.js';
import { sampleArticle } from './test-support/fixtures.js';

let server: TestServer;
const slug = 'pakistan-russia-look-at-strategic-partnership';

beforeAll(async () => {
  server = await startTestServer({ seed: [sampleArticle()] });
});
afterAll(async () => {
  await server.close();
});

async function page(path: string) {
  const res = await fetch(server.url + path);
  return { res, doc: parse(await res.text()) };
}

describe('reader pages over the real app', () => {
  it('serves the front page with the stored article, under a policy that allows no script', async () => {
    const { res, doc } = await page('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(doc.querySelector('#articles-heading + ul a')?.getAttribute('href')).toBe(
      `/articles/${slug}`,
    );
    expect(doc.querySelector('#editions-heading + ul a')?.getAttribute('href')).toBe(
      '/editions/2018-05-02',
    );
    expect(doc.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(`${server.url}/`);
  });

  it('serves an article with JSON-LD and download buttons showing the real file sizes', async () => {
    // Rendered once before (as by an earlier reader), so the sizes are known however busy the machine is.
    for (const format of ['epub', 'pdf'])
      expect((await fetch(`${server.url}/v1/articles/${slug}.${format}`)).status).toBe(200);
    const { res, doc } = await page(`/articles/${slug}`);
    expect(res.status).toBe(200);
    expect(doc.querySelector('h1')?.text).toBe('Pakistan, Russia look at strategic partnership');
    const jsonLd = JSON.parse(
      doc.querySelector('script[type="application/ld+json"]')?.text ?? '{}',
    ) as Record<string, unknown>;
    expect(jsonLd['@type']).toBe('NewsArticle');
    for (const format of ['epub', 'pdf']) {
      const button = doc.querySelector(`.downloads a[data-format=${format}]`);
      const href = button?.getAttribute('href') ?? '';
      const file = await fetch(server.url + href);
      expect(file.status).toBe(200);
      const bytes = (await file.arrayBuffer()).byteLength;
      const shown = /\((\d+(?:\.\d)?) (B|KB|MB)\)/.exec(button?.text ?? '');
      expect(shown, button?.text).not.toBeNull();
      const factor = { B: 1, KB: 1024, MB: 1024 * 1024 }[shown![2] as 'B' | 'KB' | 'MB'];
      expect(Math.abs(Number(shown![1]) * factor - bytes)).toBeLessThan(factor);
    }
  }, 120_000);

  it('answers an unknown or malformed article with an HTML 404 page', async () => {
    for (const path of ['/articles/no-such-article', '/articles/..%2F..%2Fetc', '/editions/nope']) {
      const { res, doc } = await page(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(doc.querySelector('h1')?.text).toMatch(/not found/);
    }
  });

  it('finds the article by a word of its text and marks the word in the snippet', async () => {
    const { res, doc } = await page('/search?q=counterterrorism');
    expect(res.status).toBe(200);
    expect(doc.querySelector('.listing a')?.getAttribute('href')).toBe(`/articles/${slug}`);
    expect(doc.querySelector('.snippet mark')?.text.toLowerCase()).toBe('counterterrorism');
  });

  it.each([
    ['/search', 'Search'],
    ['/search?q=', 'Search'],
    ['/search?q=zebra', 'Results for “zebra”'],
    ['/search?q=%22%29%28*%3A', 'Results for “")(*:”'],
    ['/search?q[]=a', 'Search'],
  ])('search %s answers 200 with heading %s', async (path, heading) => {
    const { res, doc } = await page(path);
    expect(res.status).toBe(200);
    expect(doc.querySelector('h1')?.text).toBe(heading);
  });

  it('serves the daily edition with its table of contents', async () => {
    const { res, doc } = await page('/editions/2018-05-02');
    expect(res.status).toBe(200);
    expect(doc.querySelector('.toc a')?.getAttribute('href')).toBe(`/articles/${slug}`);
    expect(doc.querySelectorAll('.downloads a').map((a) => a.getAttribute('href'))).toEqual([
      '/v1/editions/2018-05-02.epub',
      '/v1/editions/2018-05-02.pdf',
    ]);
  }, 120_000);

  it('serves the stylesheet', async () => {
    const res = await fetch(`${server.url}/assets/reader.css`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/css/);
    const css = await res.text();
    expect(css).toContain('prefers-color-scheme: dark');
    // Every font the stylesheet names is served.
    const fonts = [...css.matchAll(/url\('([^']+)'\)/g)].map((m) => m[1] ?? '');
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      const file = await fetch(server.url + font);
      expect(file.status, font).toBe(200);
      expect(file.headers.get('content-type'), font).toBe('font/woff2');
    }
  });
});

describe('catalog and feeds over the real app', () => {
  it.each([
    ['/opds', 'application/atom+xml;profile=opds-catalog;kind=navigation;charset=utf-8'],
    ['/opds/editions', 'application/atom+xml;profile=opds-catalog;kind=acquisition;charset=utf-8'],
    ['/opds/articles', 'application/atom+xml;profile=opds-catalog;kind=acquisition;charset=utf-8'],
    [
      '/opds/search?q=pakistan',
      'application/atom+xml;profile=opds-catalog;kind=acquisition;charset=utf-8',
    ],
    ['/opds/opensearch.xml', 'application/opensearchdescription+xml;charset=utf-8'],
    ['/opds/v2', 'application/opds+json; charset=utf-8'],
    ['/opds/v2/editions', 'application/opds+json; charset=utf-8'],
    ['/opds/v2/articles', 'application/opds+json; charset=utf-8'],
    ['/opds/v2/search?q=pakistan', 'application/opds+json; charset=utf-8'],
    [`/opds/v2/articles/${slug}`, 'application/opds-publication+json; charset=utf-8'],
    ['/opds/v2/editions/2018-05-02', 'application/opds-publication+json; charset=utf-8'],
    ['/feed.atom', 'application/atom+xml;charset=utf-8'],
    ['/feed.json', 'application/feed+json; charset=utf-8'],
    ['/feed.rss', 'application/rss+xml;charset=utf-8'],
  ])('%s is served as %s', async (path, type) => {
    const res = await fetch(server.url + path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
  });

  it('lists the stored article in the OPDS search results', async () => {
    const xml = await (await fetch(`${server.url}/opds/search?q=pakistan`)).text();
    expect(xml).toContain(`${server.url}/v1/articles/${slug}.epub`);
  });

  it.each([
    '/opds/editions?page=0',
    '/opds/articles?page=x',
    '/opds/v2/articles?page=99999999',
    '/opds/v2/articles/nope',
    '/opds/v2/editions/nope',
  ])('%s is a 404 problem, not a server error', async (path) => {
    const res = await fetch(server.url + path);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers a page past the end with an empty feed that links back', async () => {
    const body = (await (await fetch(`${server.url}/opds/v2/articles?page=5`)).json()) as {
      publications?: unknown[];
      navigation: { href: string }[];
      links: { rel: string }[];
    };
    // No publications: OPDS 2 wants at least one link to go on with, the catalog's start.
    expect(body.publications).toBeUndefined();
    expect(body.navigation.map((n) => n.href)).toEqual([`${server.url}/opds/v2`]);
    expect(body.links.map((l) => l.rel)).toContain('previous');
  });
});
