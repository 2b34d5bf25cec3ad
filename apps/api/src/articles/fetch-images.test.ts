import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAllowHosts } from '@broadsheet/fetch';
import { epubcheckJava, openEpub, pdfImageSizes, qpdfCheck } from '@broadsheet/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/server.js';

/** A photo-like picture (noise over a gradient) in the given format, made by sharp. */
async function picture(format: 'jpeg' | 'webp' | 'png', width: number, height: number) {
  const data = Buffer.alloc(width * height * 3);
  let s = width;
  for (let i = 0; i < data.length; i += 1) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    data[i] = (((i / 3) % width) / width) * 180 + (s % 60);
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
    [format]()
    .toBuffer();
}

interface Written {
  slug: string;
  image?: { src: string };
  body: { type: string; image?: { src: string } }[];
  warnings?: { path: string; url: string; message: string }[];
}

describe('?images=fetch on article writes', () => {
  let images: Server;
  let origin: string;
  let server: TestServer;
  let lead: Buffer;
  let figure: Buffer;

  beforeAll(async () => {
    lead = await picture('jpeg', 2400, 1600);
    figure = await picture('webp', 800, 600);
    images = createServer((req, res) => {
      if (req.url === '/lead.jpg') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(lead);
      // Declared as HTML: the type comes from the bytes.
      else if (req.url === '/figure.webp')
        res.writeHead(200, { 'content-type': 'text/html' }).end(figure);
      else if (req.url === '/page.html')
        res
          .writeHead(200, { 'content-type': 'image/png' })
          .end('<!doctype html><p>not a picture</p>');
      else if (req.url === '/metadata')
        res.writeHead(302, { location: 'http://169.254.169.254/latest/' }).end();
      else res.writeHead(404).end();
    });
    images.listen(0, '127.0.0.1');
    await once(images, 'listening');
    origin = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
    server = await startTestServer({
      imageFetch: {
        byDefault: false,
        allowHosts: parseAllowHosts(origin.slice(7)),
        maxBytes: 10 * 1024 ** 2,
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await new Promise((r) => images.close(r));
  });

  const write = (path: string, method: string, body: string, type = 'application/json') =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { ...server.auth, 'content-type': type },
      body,
    });

  const article = (slug: string) =>
    JSON.stringify({
      slug,
      headline: `Pictures from the coast (${slug})`,
      language: 'en',
      image: {
        src: `${origin}/lead.jpg`,
        alt: 'The harbour at dawn',
        caption: 'Dawn over the harbour.',
      },
      body: [
        { type: 'paragraph', text: 'The tide came in early.' },
        {
          type: 'figure',
          image: { src: `${origin}/figure.webp`, alt: 'Boats', caption: 'Boats at rest.' },
        },
        { type: 'figure', image: { src: `${origin}/missing.jpg`, alt: 'Gone' } },
        { type: 'figure', image: { src: `${origin}/page.html`, alt: 'A page' } },
        { type: 'figure', image: { src: `${origin}/metadata`, alt: 'Metadata' } },
        { type: 'paragraph', text: 'Then it went out again.' },
      ],
    });

  it('stores fetched pictures as media, rewrites src, and lists failures as warnings', async () => {
    const res = await write('/v1/articles?images=fetch', 'POST', article('coast'));
    expect(res.status).toBe(201);
    const body = (await res.json()) as Written;
    const mediaUrl = new RegExp(`^${server.url}/v1/media/[0-9a-f]{64}$`);
    expect(body.image?.src).toMatch(mediaUrl);
    expect(body.body[1]?.image?.src).toMatch(mediaUrl);
    expect(body.body[2]?.image?.src).toBe(`${origin}/missing.jpg`);
    expect(body.warnings?.map((w) => [w.path, w.url])).toEqual([
      ['body[2].image.src', `${origin}/missing.jpg`],
      ['body[3].image.src', `${origin}/page.html`],
      ['body[4].image.src', `${origin}/metadata`],
    ]);
    expect(body.warnings?.[0]?.message).toMatch(/404/);
    expect(body.warnings?.[1]?.message).toMatch(/text\/html, not an image/);
    expect(body.warnings?.[2]?.message).toMatch(/169\.254\.169\.254.*link-local/);

    const lead = await fetch(body.image?.src ?? '');
    expect(lead.headers.get('content-type')).toBe('image/jpeg');
    const fig = await fetch(body.body[1]?.image?.src ?? '');
    // WebP is converted: e-readers and pdfkit cannot show it.
    expect(fig.headers.get('content-type')).toBe('image/jpeg');
    // The stored article (GET) has the media URLs and no warnings field.
    const stored = (await (await fetch(`${server.url}/v1/articles/coast`)).json()) as Written;
    expect(stored.image?.src).toBe(body.image?.src);
    expect(stored.warnings).toBeUndefined();
  });

  it('the EPUB and PDF carry the pictures, sized for each', async () => {
    const epubRes = await fetch(`${server.url}/v1/articles/coast.epub`);
    expect(epubRes.status).toBe(200);
    const epub = new Uint8Array(await epubRes.arrayBuffer());
    const zip = openEpub(epub);
    const pictures = zip.names.filter((n) => /\.(jpe?g|png)$/i.test(n) && !/cover/i.test(n));
    expect(pictures).toHaveLength(2);
    const sizes = await Promise.all(
      pictures.map(async (n) => {
        const m = await sharp(zip.bytes(n)).metadata();
        return `${m.width}x${m.height}`;
      }),
    );
    expect(sizes.sort()).toEqual(['1600x1067', '800x600']);
    const report = await epubcheckJava(epub);
    expect(report.problems).toEqual([]);

    const pdf = new Uint8Array(
      await (await fetch(`${server.url}/v1/articles/coast.pdf`)).arrayBuffer(),
    );
    // 463 pt of A4 text width at 300 dpi is 1929 px; the 800 px figure is never enlarged.
    expect((await pdfImageSizes(pdf)).sort()).toEqual(['1929x1286', '800x600']);
    expect((await qpdfCheck(pdf)).ok).toBe(true);
    // Tagged: each picture is a Figure whose Alt is the figure's alt text.
    const dir = mkdtempSync(path.join(tmpdir(), 'pictures-pdf-'));
    writeFileSync(path.join(dir, 'in.pdf'), pdf);
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', 'in.pdf', 'out.pdf'], { cwd: dir });
    const qdf = readFileSync(path.join(dir, 'out.pdf'), 'latin1');
    expect(qdf.match(/\/S \/Figure/g)).toHaveLength(2);
    expect(qdf).toContain('/Alt (The harbour at dawn)');
    expect(qdf).toContain('/Alt (Boats)');
  });

  it('?images=grayscale gives grey pictures and a different ETag', async () => {
    const colour = await fetch(`${server.url}/v1/articles/coast.pdf`);
    const grey = await fetch(`${server.url}/v1/articles/coast.pdf?images=grayscale`);
    expect(grey.status).toBe(200);
    expect(grey.headers.get('etag')).not.toBe(colour.headers.get('etag'));
    const epub = openEpub(
      new Uint8Array(
        await (await fetch(`${server.url}/v1/articles/coast.epub?images=grayscale`)).arrayBuffer(),
      ),
    );
    const name = epub.names.find((n) => /\.jpe?g$/i.test(n) && !/cover/i.test(n)) ?? '';
    expect((await sharp(epub.bytes(name)).metadata()).channels).toBe(1);
  });

  it('without ?images=fetch (and no server default) pictures stay links', async () => {
    const res = await write('/v1/articles', 'POST', article('coast-links'));
    expect(res.status).toBe(201);
    const body = (await res.json()) as Written;
    expect(body.image?.src).toBe(`${origin}/lead.jpg`);
    expect(body.warnings).toBeUndefined();
  });

  it('works for PUT and for HTML and text bodies', async () => {
    const put = await write('/v1/articles/coast-put?images=fetch', 'PUT', article('coast-put'));
    expect(put.status).toBe(201);
    expect(((await put.json()) as Written).image?.src).toMatch(/\/v1\/media\//);

    const html = `<!doctype html><html lang="en"><head><title>Harbour news</title></head><body><article>
      <h1>Harbour news</h1><p>${'The harbour was busy all morning with boats coming in. '.repeat(8)}</p>
      <figure><img src="/lead.jpg" alt="The harbour"><figcaption>The harbour.</figcaption></figure>
      <p>${'Fishermen unloaded their catch on the quay before noon. '.repeat(8)}</p></article></body></html>`;
    const fromHtml = await write(
      `/v1/articles?images=fetch&url=${encodeURIComponent(`${origin}/news/harbour`)}`,
      'POST',
      html,
      'text/html',
    );
    expect(fromHtml.status).toBe(201);
    const h = (await fromHtml.json()) as Written;
    const srcs = [h.image?.src, ...h.body.map((b) => b.image?.src)].filter(Boolean);
    expect(srcs.length).toBeGreaterThan(0);
    for (const src of srcs) expect(src).toMatch(/\/v1\/media\/[0-9a-f]{64}$/);
    expect(h.warnings).toEqual([]);

    const text = await write(
      '/v1/articles?images=fetch',
      'POST',
      'Plain headline\n\nA paragraph.',
      'text/plain',
    );
    expect(text.status).toBe(201);
    expect(((await text.json()) as Written).warnings).toEqual([]);
  });

  it('?images=bogus is a 400 naming the parameter', async () => {
    const res = await write('/v1/articles?images=bogus', 'POST', article('bogus'));
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/images/);
  });
});

describe('BROADSHEET_FETCH_IMAGES=1', () => {
  let server: TestServer;
  let images: Server;
  let origin: string;
  beforeAll(async () => {
    const jpeg = await picture('jpeg', 300, 200);
    images = createServer((_req, res) => res.writeHead(200).end(jpeg));
    images.listen(0, '127.0.0.1');
    await once(images, 'listening');
    origin = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
    server = await startTestServer({
      imageFetch: {
        byDefault: true,
        allowHosts: parseAllowHosts(origin.slice(7)),
        maxBytes: 1024 ** 2,
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await new Promise((r) => images.close(r));
  });

  it.each([
    ['', /\/v1\/media\//],
    ['?images=keep', /\/p\.jpg$/],
  ])('POST /v1/articles%s', async (query, expected) => {
    const res = await fetch(`${server.url}/v1/articles${query}`, {
      method: 'POST',
      headers: { ...server.auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        headline: `Default ${query}`,
        language: 'en',
        image: { src: `${origin}/p.jpg`, alt: 'x' },
        body: [{ type: 'paragraph', text: 'x' }],
      }),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as Written).image?.src).toMatch(expected);
  });
});
