import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { processImage } from './process-image.js';
import { rendition, renditionKey } from './rendition.js';
import { encoded, lineArt } from './test-support/fixtures.js';

describe('rendition', () => {
  it('EPUB: a 3000 × 2000 photo becomes 1600 px on the long edge, JPEG', async () => {
    const stored = await processImage(await encoded('jpeg', 3000, 2000));
    const out = await rendition(stored.bytes, stored.type, { target: 'epub' });
    expect([out.width, out.height]).toEqual([1600, 1067]);
    expect((await sharp(out.bytes).metadata()).format).toBe('jpeg');
    expect(out.bytes.byteLength).toBeLessThan(stored.bytes.byteLength);
  });

  it('EPUB: a portrait photo is bounded by its height', async () => {
    const stored = await processImage(await encoded('png', 1000, 2400));
    const out = await rendition(stored.bytes, stored.type, { target: 'epub' });
    expect([out.width, out.height]).toEqual([667, 1600]);
  });

  it('never upscales a small picture', async () => {
    const stored = await processImage(await encoded('jpeg', 200, 100));
    for (const target of ['epub', 'pdf'] as const) {
      const out = await rendition(stored.bytes, stored.type, { target });
      expect([out.width, out.height]).toEqual([200, 100]);
    }
  });

  it('PDF: at most 300 dpi at the placed width', async () => {
    const stored = await processImage(await encoded('jpeg', 3000, 2000));
    const out = await rendition(stored.bytes, stored.type, { target: 'pdf', placedWidthPt: 432 });
    // 432 pt = 6 in; 6 in × 300 dpi = 1800 px.
    expect([out.width, out.height]).toEqual([1800, 1200]);
  });

  it('line art stays PNG', async () => {
    const stored = await processImage(await lineArt(2400, 1200).png().toBuffer());
    const out = await rendition(stored.bytes, stored.type, { target: 'epub' });
    expect(out.type).toBe('image/png');
    expect((await sharp(out.bytes).metadata()).format).toBe('png');
    expect([out.width, out.height]).toEqual([1600, 800]);
  });

  it('grayscale gives one channel', async () => {
    const stored = await processImage(await encoded('jpeg'));
    const out = await rendition(stored.bytes, stored.type, { target: 'epub', grayscale: true });
    const meta = await sharp(out.bytes).metadata();
    expect(meta.channels).toBe(1);
    expect(meta.space).toBe('b-w');
  });

  it('each option set has its own cache key', () => {
    const keys = new Set(
      [
        { target: 'epub' },
        { target: 'epub', grayscale: true },
        { target: 'pdf' },
        { target: 'pdf', grayscale: true },
        { target: 'pdf', placedWidthPt: 300 },
      ].map((o) => renditionKey(o as Parameters<typeof renditionKey>[0])),
    );
    expect(keys.size).toBe(5);
  });
});
