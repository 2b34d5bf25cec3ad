import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { COVER_HEIGHT, COVER_WIDTH } from '@broadsheet/render';
import { openEpub, pngBytes } from '@broadsheet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ renderThreads: 1 });
  const res = await fetch(`${server.url}/v1/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...server.auth },
    body: JSON.stringify(
      articleInput({
        headline: 'Cover story',
        slug: 'cover-story',
        publishedAt: '2026-11-27T08:00:00Z',
      }),
    ),
  });
  expect(res.status).toBe(201);
});
afterAll(() => server.close());

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which a PNG must start with. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

const cacheFiles = () =>
  readdirSync(join(server.dataDir, 'cache'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);

describe('covers', () => {
  it('serves an article cover as a PNG with a strong ETag, cached as a .png, and 304 on revalidation', async () => {
    const res = await fetch(`${server.url}/v1/articles/cover-story/cover.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const png = Buffer.from(await res.arrayBuffer());
    expect(pngSize(png)).toEqual([COVER_WIDTH, COVER_HEIGHT]);
    expect(cacheFiles().filter((n) => n.endsWith('.png'))).toEqual([`${etag.slice(1, -1)}.png`]);
    expect(cacheFiles().some((n) => n.endsWith('.tmp'))).toBe(false);

    const before = server.deps.renderer.stats().rendered;
    const again = await fetch(`${server.url}/v1/articles/cover-story/cover.png`);
    expect(Buffer.from(await again.arrayBuffer()).equals(png)).toBe(true);
    const notModified = await fetch(`${server.url}/v1/articles/cover-story/cover.png`, {
      headers: { 'if-none-match': etag },
    });
    expect(notModified.status).toBe(304);
    expect(server.deps.renderer.stats().rendered).toBe(before);
  });

  it('is immutable when addressed by its hash (?v=ETag), revalidated when the hash is stale', async () => {
    const path = `${server.url}/v1/articles/cover-story/cover.png`;
    const etag = (await fetch(path)).headers.get('etag')!.slice(1, -1);
    const pinned = await fetch(`${path}?v=${etag}`);
    expect(pinned.status).toBe(200);
    expect(pinned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    await pinned.arrayBuffer();
    const stale = await fetch(`${path}?v=${'0'.repeat(64)}`);
    expect(stale.headers.get('cache-control')).toBe('no-cache');
    await stale.arrayBuffer();
  });

  it('changes when the article changes', async () => {
    const first = (await fetch(`${server.url}/v1/articles/cover-story/cover.png`)).headers.get(
      'etag',
    );
    const put = await fetch(`${server.url}/v1/articles/cover-story`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...server.auth },
      body: JSON.stringify(
        articleInput({ headline: 'Cover story, revised', publishedAt: '2026-11-27T08:00:00Z' }),
      ),
    });
    expect(put.status).toBe(200);
    const second = await fetch(`${server.url}/v1/articles/cover-story/cover.png`);
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).not.toBe(first);
    await second.arrayBuffer();
  });

  it('serves edition covers, HEAD without a body, and 404 problems for unknown ones', async () => {
    const res = await fetch(`${server.url}/v1/editions/2026-11-27/cover.png`);
    expect(res.status).toBe(200);
    expect(pngSize(Buffer.from(await res.arrayBuffer()))).toEqual([COVER_WIDTH, COVER_HEIGHT]);
    const head = await fetch(`${server.url}/v1/editions/latest/cover.png`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    for (const path of [
      '/v1/editions/1999-01-01/cover.png',
      '/v1/articles/no-such-story/cover.png',
    ]) {
      const missing = await fetch(server.url + path);
      expect(missing.status, path).toBe(404);
      expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it("an edition whose lead story has a stored picture: /cover.png is the EPUB's cover, and it shows the picture", async () => {
    const media = await fetch(`${server.url}/v1/media`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', ...server.auth },
      body: pngBytes(900, 600, [30, 90, 160]),
    });
    expect(media.status).toBe(201);
    const { url } = (await media.json()) as { url: string };
    const res = await fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...server.auth },
      body: JSON.stringify(
        articleInput({
          headline: 'Harbour wall raised',
          slug: 'harbour-photo',
          publishedAt: '2026-11-20T08:00:00Z',
          image: { src: url, alt: 'The harbour wall at high tide' },
        }),
      ),
    });
    expect(res.status).toBe(201);

    const cover = Buffer.from(
      await (await fetch(`${server.url}/v1/editions/2026-11-20/cover.png`)).arrayBuffer(),
    );
    expect(pngSize(cover)).toEqual([COVER_WIDTH, COVER_HEIGHT]);
    const epub = openEpub(
      new Uint8Array(
        await (await fetch(`${server.url}/v1/editions/2026-11-20.epub`)).arrayBuffer(),
      ),
    );
    expect(Buffer.compare(Buffer.from(epub.bytes('OEBPS/cover.png')), cover)).toBe(0);
    expect(epub.text('OEBPS/cover.xhtml')).toContain('Photo: The harbour wall at high tide');
  });
});
