import {
  gifClaimingSize,
  GIF_BYTES,
  jpegClaimingSize,
  pngBytes,
  pngClaimingSize,
} from '@broadsheet/testing';
import { describe, expect, it } from 'vitest';
import { dataUriBytes, DEFAULT_IMAGE_LIMITS, imageSourceProblem, inspectImage } from './index.js';

const dataUri = (type: string, bytes: Uint8Array) =>
  `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

describe('inspectImage reads the header and never decodes', () => {
  it.each([
    ['a real PNG', pngBytes(64, 48), 'png', 64, 48],
    ['a PNG at the 40 MP cap', pngClaimingSize(8000, 5000), 'png', 8000, 5000],
    ['a JPEG at the cap', jpegClaimingSize(8000, 5000), 'jpeg', 8000, 5000],
    ['a GIF at the cap', gifClaimingSize(8000, 5000), 'gif', 8000, 5000],
    ['a 1×1 GIF', GIF_BYTES, 'gif', 1, 1],
  ])('accepts %s', (_name, bytes, format, width, height) => {
    expect(inspectImage(bytes, DEFAULT_IMAGE_LIMITS.maxPixels)).toEqual({
      ok: true,
      header: { format, width, height },
    });
  });

  it.each([
    ['a PNG one row over the cap', pngClaimingSize(8000, 5001), /8000 × 5001 pixels/],
    ['a 255-byte PNG claiming 12000 × 12000', pngClaimingSize(12000, 12000), /144 megapixels/],
    ['a PNG claiming 40000 × 40000', pngClaimingSize(40000, 40000, 6), /1600 megapixels/],
    ['a JPEG over the cap', jpegClaimingSize(8001, 5000), /8001 × 5000/],
    ['a GIF over the cap', gifClaimingSize(65535, 65535), /65535 × 65535/],
    ['a truncated PNG', pngBytes(4, 4).subarray(0, 20), /truncated header/],
    ['a JPEG without a frame header', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), /truncated/],
    ['text', Buffer.from('not an image at all'), /not a readable/],
    [
      'SVG',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
      /SVG image; only PNG, JPEG and GIF/,
    ],
    ['a PNG of zero width', pngClaimingSize(0, 10), /empty size|not a readable/],
  ])('refuses %s, saying why', (_name, bytes, reason) => {
    const result = inspectImage(bytes, DEFAULT_IMAGE_LIMITS.maxPixels);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('imageSourceProblem', () => {
  it('looks only at data: URIs (http(s) images are never fetched)', () => {
    expect(
      imageSourceProblem('https://example.com/huge.png', DEFAULT_IMAGE_LIMITS),
    ).toBeUndefined();
    expect(imageSourceProblem('images/local.png', DEFAULT_IMAGE_LIMITS)).toBeUndefined();
    expect(
      imageSourceProblem(dataUri('image/png', pngBytes(8, 8)), DEFAULT_IMAGE_LIMITS),
    ).toBeUndefined();
  });

  it('refuses a data: URI over the byte cap before decoding it', () => {
    const src = dataUri('image/png', pngBytes(64, 48));
    const limits = { ...DEFAULT_IMAGE_LIMITS, maxBytes: 100 };
    expect(imageSourceProblem(src, limits)).toMatch(/at most 100 bytes/);
    expect(dataUriBytes(src, 100).ok).toBe(false);
  });

  it('applies the pixel cap it is given', () => {
    const src = dataUri('image/png', pngBytes(64, 48));
    expect(
      imageSourceProblem(src, { ...DEFAULT_IMAGE_LIMITS, maxPixels: 64 * 48 }),
    ).toBeUndefined();
    expect(imageSourceProblem(src, { ...DEFAULT_IMAGE_LIMITS, maxPixels: 64 * 48 - 1 })).toMatch(
      /64 × 48 pixels/,
    );
  });
});
