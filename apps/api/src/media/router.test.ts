import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/server.js';

/** A real photo-like JPEG (noise over a gradient), made by sharp. */
async function photoJpeg(width = 320, height = 200, seed = 7): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  let s = seed;
  for (let i = 0; i < data.length; i += 1) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    data[i] = (((i / 3) % width) % 200) + (s % 50);
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
    .jpeg()
    .toBuffer();
}

interface MediaBody {
  id: string;
  url: string;
  type: string;
  width: number;
  height: number;
  bytes: number;
}

describe('media routes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      imageLimits: { maxPixels: 1_000_000, maxBytes: 2 * 1024 * 1024 },
    });
  });
  afterAll(() => server.close());

  const post = (body: Uint8Array | string, type = 'application/octet-stream', auth = true) =>
    fetch(`${server.url}/v1/media`, {
      method: 'POST',
      headers: { 'content-type': type, ...(auth ? server.auth : {}) },
      body,
    });

  it('stores a picture once: 201 with its description, then 200 for the same bytes', async () => {
    const jpeg = await photoJpeg();
    const res = await post(jpeg, 'image/jpeg');
    expect(res.status).toBe(201);
    const body = (await res.json()) as MediaBody;
    expect(body).toMatchObject({ type: 'image/jpeg', width: 320, height: 200 });
    expect(body.id).toMatch(/^[0-9a-f]{64}$/);
    expect(body.url).toBe(`${server.url}/v1/media/${body.id}`);
    expect(res.headers.get('location')).toBe(`/v1/media/${body.id}`);
    // Declared as text: the type comes from the bytes, and it is the same picture.
    const again = await post(jpeg, 'text/plain');
    expect(again.status).toBe(200);
    expect(((await again.json()) as MediaBody).id).toBe(body.id);

    const got = await fetch(body.url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(got.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = got.headers.get('etag');
    expect(etag).toBe(`"${body.id}"`);
    const bytes = Buffer.from(await got.arrayBuffer());
    expect(bytes.byteLength).toBe(body.bytes);
    expect((await sharp(bytes).metadata()).width).toBe(320);
    const cached = await fetch(body.url, { headers: { 'if-none-match': etag ?? '' } });
    expect(cached.status).toBe(304);
  });

  it('strips EXIF GPS written by exiftool from what it stores', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'api-gps-'));
    const file = path.join(dir, 'geo.jpg');
    writeFileSync(file, await photoJpeg(200, 100, 99));
    execFileSync('exiftool', [
      '-overwrite_original',
      '-GPSLatitude=48.8584',
      '-GPSLatitudeRef=N',
      '-GPSLongitude=2.2945',
      '-GPSLongitudeRef=E',
      file,
    ]);
    expect(execFileSync('exiftool', [file], { encoding: 'utf8' })).toMatch(/GPS Position/);
    const res = await post(readFileSync(file), 'image/jpeg');
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as MediaBody;
    const stored = path.join(dir, 'stored.jpg');
    writeFileSync(stored, Buffer.from(await (await fetch(url)).arrayBuffer()));
    expect(execFileSync('exiftool', [stored], { encoding: 'utf8' })).not.toMatch(/GPS/);
  });

  it.each([
    ['text', 'hello', 415, /not an image/],
    ['SVG', '<svg xmlns="http://www.w3.org/2000/svg"/>', 415, /SVG/],
    ['a truncated JPEG', 'truncated', 400, /cannot be decoded/],
    ['too many pixels', 'big', 400, /more pixels than the limit/],
  ])('refuses %s with a problem naming the image', async (_, kind, status, detail) => {
    let body: Uint8Array | string = kind;
    if (kind === 'truncated') {
      const whole = await photoJpeg();
      body = whole.subarray(0, whole.byteLength >> 1);
    } else if (kind === 'big') body = await photoJpeg(1200, 1000);
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await res.json()) as { detail: string; errors: { path: string }[] };
    expect(problem.detail).toMatch(/^the image in the request body /);
    expect(problem.detail).toMatch(detail);
    expect(problem.errors[0]?.path).toBe('the image in the request body');
  });

  it('refuses a body over the byte limit with 413, an empty one with 400, and writes without a token with 401', async () => {
    expect((await post(Buffer.alloc(3 * 1024 * 1024, 1))).status).toBe(413);
    expect((await post(Buffer.alloc(0))).status).toBe(400);
    expect((await post(await photoJpeg(), 'image/jpeg', false)).status).toBe(401);
  });

  it.each(['nope', '0'.repeat(64), 'A'.repeat(64)])('GET /v1/media/%s is 404', async (id) => {
    const res = await fetch(`${server.url}/v1/media/${id}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});
