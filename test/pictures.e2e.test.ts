import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  aceCheck,
  epubcheckJava,
  formatEpubCheckProblems,
  newsPage,
  openEpub,
  pdfImageSizes,
  pngBytes,
  qpdfCheck,
} from '@broadsheet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { writeHeaders } from './support/http.js';

/**
 * The issue's done-when, in the built server: pictures on a web server at 127.0.0.1 (allowed
 * by BROADSHEET_FETCH_ALLOW_HOSTS, fetched by default with BROADSHEET_FETCH_IMAGES=1) are
 * stored when the article is written, and the EPUB and PDF downloads carry them.
 */
let pictures: Server;
let origin: string;
let server: ServerProcess;
const PICTURE = pngBytes(900, 600, [30, 90, 160]);
let picturesServed = 0;

beforeAll(async () => {
  pictures = createServer((req, res) => {
    if (req.url === '/img/wall.png') {
      picturesServed += 1;
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(PICTURE);
    } else res.writeHead(404).end();
  });
  pictures.listen(0, '127.0.0.1');
  await once(pictures, 'listening');
  origin = `http://127.0.0.1:${(pictures.address() as AddressInfo).port}`;
  server = await startServerProcess({
    env: {
      BROADSHEET_FETCH_IMAGES: '1',
      BROADSHEET_FETCH_ALLOW_HOSTS: origin.slice('http://'.length),
    },
  });
}, 60_000);

afterAll(async () => {
  await server?.cleanup();
  await new Promise((r) => pictures?.close(r));
});

describe('pictures fetched on write, in the built server', () => {
  it(
    'stores the page picture and downloads EPUB and PDF with it',
    { timeout: 300_000 },
    async () => {
      const res = await fetch(
        `${server.url}/v1/articles?slug=wall&url=${encodeURIComponent(`${origin}/news/wall`)}`,
        {
          method: 'POST',
          headers: writeHeaders(server, { 'content-type': 'text/html; charset=utf-8' }),
          body: newsPage({ headline: 'Harbour wall raised', imageSrc: '/img/wall.png' }),
        },
      );
      expect(res.status, await res.clone().text()).toBe(201);
      const article = (await res.json()) as { image?: { src: string }; warnings: unknown[] };
      expect(article.warnings).toEqual([]);
      expect(article.image?.src).toMatch(/\/v1\/media\/[0-9a-f]{64}$/);
      expect(picturesServed).toBe(1);

      const epub = new Uint8Array(
        await (await fetch(`${server.url}/v1/articles/wall.epub`)).arrayBuffer(),
      );
      const report = await epubcheckJava(epub);
      expect(report.problems, formatEpubCheckProblems(report)).toEqual([]);
      const zip = openEpub(epub);
      const chapter = zip.names
        .filter((n) => n.endsWith('.xhtml'))
        .map((n) => zip.text(n))
        .find((t) => t.includes('<figure'));
      expect(chapter).toMatch(/<img[^>]+alt="The harbour wall at high tide"/);
      expect(chapter).toMatch(/<figcaption/);
      // Ace by DAISY (axe-core and the EPUB accessibility rules, in Debian's Chromium): the
      // stored picture, its alt text and caption leave no violation.
      const ace = await aceCheck(epub);
      expect(ace.violations).toEqual([]);
      expect(ace.outcome).toBe('pass');

      const pdf = new Uint8Array(
        await (await fetch(`${server.url}/v1/articles/wall.pdf`)).arrayBuffer(),
      );
      expect(await pdfImageSizes(pdf)).toEqual(['900x600']);
      expect((await qpdfCheck(pdf)).ok).toBe(true);
    },
  );

  it('a picture on a private address not allowed is a warning, and the article is stored', async () => {
    const res = await fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: writeHeaders(server, { 'content-type': 'application/json' }),
      body: JSON.stringify({
        headline: 'Metadata',
        language: 'en',
        image: { src: 'http://169.254.169.254/latest/meta-data/', alt: 'x' },
        body: [{ type: 'paragraph', text: 'x' }],
      }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { warnings: { path: string; message: string }[] };
    expect(body.warnings).toHaveLength(1);
    expect(body.warnings[0]?.message).toMatch(/link-local/);
  });
});
