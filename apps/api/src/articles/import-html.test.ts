import type { Article } from '@broadsheet/model';
import {
  epubcheckTs,
  formatEpubCheckProblems,
  homePage,
  newsPage,
  openEpub,
  pdfImageSizes,
  pngBytes,
} from '@broadsheet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ seed: [] });
});
afterAll(() => server.close());

function send(method: 'POST' | 'PUT', path: string, body: string | Uint8Array, type: string) {
  return fetch(server.url + path, {
    method,
    headers: { 'content-type': type, ...server.auth },
    body,
  });
}

describe('HTML import (text/html)', () => {
  it('imports a news page, resolving relative images against ?url= without fetching anything', async () => {
    const page = newsPage({
      headline: 'Harbour wall raised before spring tides',
      imageSrc: '/img/wall.jpg',
    });
    const res = await send(
      'POST',
      `/v1/articles?url=${encodeURIComponent('https://herald.example/news/harbour-wall')}`,
      page,
      'text/html; charset=utf-8',
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const article = (await res.json()) as Article;
    expect(res.headers.get('location')).toBe(`/v1/articles/${article.slug}`);
    expect(article.headline).toBe('Harbour wall raised before spring tides');
    expect(article.authors.map((a) => a.name)).toEqual(['Mara Quinn']);
    expect(article.publishedAt).toBe('2024-03-09T06:30:00+00:00');
    expect(article.image?.src).toBe('https://herald.example/img/wall.jpg');
    expect(JSON.stringify(article)).not.toContain('tracking');
    expect(article.body.some((b) => b.type === 'heading' && b.text === 'What happens next')).toBe(
      true,
    );
  });

  it('decodes the page by its <meta charset>, as a browser would', async () => {
    const page = newsPage({
      headline: 'Caf\u00e9 owners \u2018relieved\u2019 as the quay reopens',
      charset: 'windows-1252',
    });
    const bytes = Uint8Array.from(
      page,
      (c) => ({ '\u2018': 0x91, '\u2019': 0x92 })[c] ?? c.charCodeAt(0),
    );
    const res = await send('POST', '/v1/articles?slug=cafe-owners', bytes, 'text/html');
    expect(res.status).toBe(201);
    expect(((await res.json()) as Article).headline).toBe(
      'Caf\u00e9 owners \u2018relieved\u2019 as the quay reopens',
    );
  });

  it('replaces an article with PUT, keeping the slug of the URL', async () => {
    const res = await send(
      'PUT',
      '/v1/articles/harbour-story',
      newsPage({ headline: 'Harbour story, updated' }),
      'text/html',
    );
    expect(res.status).toBe(201);
    expect(((await res.json()) as Article).slug).toBe('harbour-story');
  });

  it.each([
    ['a home page', homePage(), /no article found/],
    ['an empty document', '<!DOCTYPE html><html><body></body></html>', /no article found/],
  ])('answers %s with a 400 problem naming the reason', async (_name, html, message) => {
    const res = await send('POST', '/v1/articles', html, 'text/html');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as {
      detail: string;
      errors: { path: string; message: string }[];
    };
    expect(problem.errors[0]?.message).toMatch(message);
  });

  it('rejects a ?url= that is not http(s) before reading the page', async () => {
    const res = await send(
      'POST',
      '/v1/articles?url=file:///etc/passwd',
      newsPage({ headline: 'Any' }),
      'text/html',
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
      'query.url',
    );
  });
});

describe('data: images given in JSON', () => {
  it('are stored and embedded in the EPUB and PDF with their media type', async () => {
    const png = pngBytes(64, 48, [20, 120, 200]);
    const res = await send(
      'POST',
      '/v1/articles',
      JSON.stringify({
        slug: 'pictured',
        headline: 'A picture sent with the article',
        language: 'en',
        image: {
          src: `data:image/png;base64,${png.toString('base64')}`,
          alt: 'A blue square',
          caption: 'Sent inline.',
        },
        body: [{ type: 'paragraph', text: 'The picture above came in the request.' }],
      }),
      'application/json',
    );
    expect(res.status).toBe(201);
    const epubRes = await fetch(`${server.url}/v1/articles/pictured.epub`);
    expect(epubRes.status, await epubRes.clone().text()).toBe(200);
    const epub = new Uint8Array(await epubRes.arrayBuffer());
    expect(formatEpubCheckProblems(await epubcheckTs(epub))).toBe('');
    const zip = openEpub(epub);
    const opfName = zip.names.find((n) => n.endsWith('.opf')) ?? '';
    const opf = zip.text(opfName);
    const embedded = zip.names.filter((n) => Buffer.from(zip.bytes(n)).equals(png));
    expect(embedded).toHaveLength(1);
    const href = embedded[0]!.slice(opfName.lastIndexOf('/') + 1);
    expect(opf).toMatch(
      new RegExp(
        `<item [^>]*href="${href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*media-type="image/png"|<item [^>]*media-type="image/png"[^>]*href="${href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`,
      ),
    );

    const pdf = new Uint8Array(
      await (await fetch(`${server.url}/v1/articles/pictured.pdf`)).arrayBuffer(),
    );
    expect(await pdfImageSizes(pdf)).toContain('64x48');
  }, 120_000);
});
