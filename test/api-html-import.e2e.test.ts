import { epubcheckTs, formatEpubCheckProblems, homePage, newsPage } from '@broadsheet/testing';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, writeHeaders } from './support/http.js';

/**
 * The built server as a process, configured as behind a proxy (BROADSHEET_PUBLIC_URL): a web
 * page posted as text/html becomes an article whose EPUB validates, catalogs link to the
 * public address, and the cover they name is served as a PNG.
 */

const PUBLIC = 'https://news.example.org/reader';
let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess({ env: { BROADSHEET_PUBLIC_URL: `${PUBLIC}/` } });
}, 60_000);

afterAll(async () => {
  await server?.cleanup();
});

describe('HTML import and the public URL, in the built server', () => {
  it('imports a news page, renders it, and links it under the public URL', async () => {
    const res = await fetch(
      `${server.url}/v1/articles?slug=harbour-wall&url=${encodeURIComponent('https://herald.example/news/harbour')}`,
      {
        method: 'POST',
        headers: writeHeaders(server, { 'content-type': 'text/html; charset=utf-8' }),
        body: newsPage({
          headline: 'Harbour wall raised before spring tides',
          imageSrc: '/img/wall.jpg',
        }),
      },
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const article = (await res.json()) as {
      slug: string;
      headline: string;
      image?: { src: string };
    };
    expect(article).toMatchObject({
      slug: 'harbour-wall',
      headline: 'Harbour wall raised before spring tides',
      image: { src: 'https://herald.example/img/wall.jpg' },
    });

    const epub = await fetch(`${server.url}/v1/articles/harbour-wall.epub`);
    expect(epub.status).toBe(200);
    const report = await epubcheckTs(new Uint8Array(await epub.arrayBuffer()));
    expect(report.fatals + report.errors, formatEpubCheckProblems(report)).toBe(0);

    const opds = (await (await fetch(`${server.url}/opds/v2/articles/harbour-wall`)).json()) as {
      links: { rel?: string; href: string }[];
      images: { href: string }[];
    };
    expect(opds.links.find((l) => l.rel === 'self')?.href).toBe(
      `${PUBLIC}/opds/v2/articles/harbour-wall`,
    );
    expect(opds.images[0]?.href).toBe(`${PUBLIC}/v1/articles/harbour-wall/cover.png`);
    // The proxy would map the public prefix to this server; fetch the same path here.
    const cover = await fetch(
      `${server.url}${new URL(opds.images[0]?.href ?? '').pathname.replace('/reader', '')}`,
    );
    expect(cover.headers.get('content-type')).toBe('image/png');
    expect(Array.from(new Uint8Array(await cover.arrayBuffer()).subarray(0, 4))).toEqual([
      0x89, 0x50, 0x4e, 0x47,
    ]);
  }, 120_000);

  it('answers a page without an article with a 400 problem naming the reason', async () => {
    const res = await fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: writeHeaders(server, { 'content-type': 'text/html' }),
      body: homePage(),
    });
    const problem = await expectProblem(res, 400);
    expect(problem.detail).toMatch(/no article found/);
  });
});
