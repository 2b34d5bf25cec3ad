import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MediaError } from './media-error.js';
import { processImage } from './process-image.js';
import { animatedGif, encoded, lineArt, photo, rotatedJpeg } from './test-support/fixtures.js';

async function refused(input: Uint8Array, maxPixels?: number): Promise<MediaError> {
  const e: unknown = await processImage(input, maxPixels === undefined ? {} : { maxPixels }).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(MediaError);
  return e as MediaError;
}

describe('processImage', () => {
  it.each(['jpeg', 'png', 'webp', 'avif', 'tiff', 'gif'] as const)(
    'a %s photo is decoded and stored as a JPEG or PNG of the same size',
    async (format) => {
      const out = await processImage(await encoded(format));
      expect([out.width, out.height]).toEqual([400, 300]);
      const meta = await sharp(out.bytes).metadata();
      // A GIF has a 256-colour palette: line art by the rule, kept sharp as PNG.
      expect(meta.format).toBe(format === 'gif' ? 'png' : 'jpeg');
      expect(out.type).toBe(format === 'gif' ? 'image/png' : 'image/jpeg');
    },
  );

  it('line art with transparency is kept as PNG with its alpha', async () => {
    const out = await processImage(await lineArt(300, 200).png().toBuffer());
    expect(out.type).toBe('image/png');
    expect((await sharp(out.bytes).metadata()).hasAlpha).toBe(true);
  });

  it('applies the EXIF orientation to the pixels and drops the tag', async () => {
    const out = await processImage(await rotatedJpeg());
    expect([out.width, out.height]).toEqual([40, 60]);
    const meta = await sharp(out.bytes).metadata();
    expect(meta.orientation).toBeUndefined();
    expect(meta.exif).toBeUndefined();
  });

  it('keeps the first frame of an animation only', async () => {
    const out = await processImage(await animatedGif());
    const meta = await sharp(out.bytes).metadata();
    expect(meta.pages ?? 1).toBe(1);
    expect([out.width, out.height]).toEqual([40, 30]);
    const { dominant } = await sharp(out.bytes).stats();
    expect(dominant.r).toBeGreaterThan(200);
    expect(dominant.b).toBeLessThan(50);
  });

  it('GPS written by exiftool is gone after processing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'media-gps-'));
    const file = path.join(dir, 'geo.jpg');
    writeFileSync(file, await encoded('jpeg'));
    execFileSync('exiftool', [
      '-overwrite_original',
      '-GPSLatitude=51.5007',
      '-GPSLatitudeRef=N',
      '-GPSLongitude=0.1246',
      '-GPSLongitudeRef=W',
      '-SerialNumber=CAM-12345',
      '-Comment=secret note',
      file,
    ]);
    const before = execFileSync('exiftool', ['-a', '-G1', file], { encoding: 'utf8' });
    expect(before).toMatch(/GPS Latitude/);
    expect(before).toMatch(/CAM-12345/);
    const out = await processImage(readFileSync(file));
    writeFileSync(path.join(dir, 'stored.jpg'), out.bytes);
    const after = execFileSync('exiftool', ['-a', '-G1', path.join(dir, 'stored.jpg')], {
      encoding: 'utf8',
    });
    expect(after).not.toMatch(/GPS/);
    expect(after).not.toMatch(/CAM-12345|secret note/);
    expect(after).toMatch(/Image Size\s+: 400x300/);
  });

  it('a picture over the pixel cap is refused with a 400 naming the limit', async () => {
    const big = await photo(300, 200).png().toBuffer();
    const e = await refused(big, 50_000);
    expect(e.code).toBe('too-many-pixels');
    expect(e.status).toBe(400);
  });

  it('a decompression bomb (a tiny PNG claiming 20000 × 20000) is refused without decoding', async () => {
    // A real 1×1 PNG whose header is rewritten to claim 400 million pixels (CRC fixed up).
    const png = Buffer.from(
      await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
        .png()
        .toBuffer(),
    );
    png.writeUInt32BE(20_000, 16);
    png.writeUInt32BE(20_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    expect((await sharp(png, { limitInputPixels: false }).metadata()).width).toBe(20_000);
    const e = await refused(png);
    expect(e.code).toBe('too-many-pixels');
    expect(e.status).toBe(400);
  });

  it.each([
    ['text', Buffer.from('hello, this is not a picture'), 'not-an-image', 415],
    ['an empty body', Buffer.alloc(0), 'corrupt', 400],
    [
      'SVG',
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
      ),
      'svg-refused',
      415,
    ],
  ])('%s is refused', async (_, input, code, status) => {
    const e = await refused(input);
    expect(e.code).toBe(code);
    expect(e.status).toBe(status);
  });

  it('a truncated JPEG is refused, not stored half grey', async () => {
    const whole = await encoded('jpeg');
    const e = await refused(whole.subarray(0, Math.floor(whole.byteLength / 2)));
    expect(e.code).toBe('corrupt');
    expect(e.status).toBe(400);
  });

  it('the same input gives the same bytes (content addressing depends on it)', async () => {
    const input = await encoded('webp');
    const [a, b] = await Promise.all([processImage(input), processImage(input)]);
    expect(a.bytes.equals(b.bytes)).toBe(true);
  });
});
