import { deflateSync } from 'node:zlib';
import { parseArticle, type Article } from '@broadsheet/model';
import {
  gifClaimingSize,
  openEpub,
  pdfImageSizes,
  pdftotext,
  pngBytes,
  pngClaimingSize,
} from '@broadsheet/testing';
import { describe, expect, it } from 'vitest';
import { renderEpub } from '../epub/index.js';
import { renderPdf } from '../pdf/index.js';

/** An RGBA PNG whose compressed pixel data is not zlib at all (pdfkit decodes RGBA pixels). */
function rgbaWithCorruptData(): Buffer {
  const png = pngBytes(16, 16, [10, 20, 30], 255);
  const idat = png.indexOf('IDAT', 0, 'latin1');
  const copy = Buffer.from(png);
  copy.fill(0x5a, idat + 4, idat + 14);
  return copy;
}

/** An RGBA PNG whose scanlines use filter type 9 (png-js throws "Invalid filter algorithm"). */
function rgbaWithBadFilter(): Buffer {
  const good = pngBytes(8, 8, [10, 20, 30], 255);
  const raw = Buffer.concat(
    Array.from({ length: 8 }, () => Buffer.concat([Buffer.from([9]), Buffer.alloc(32, 7)])),
  );
  const idat = good.indexOf('IDAT', 0, 'latin1');
  const length = good.readUInt32BE(idat - 4);
  const rest = good.subarray(idat + 4 + length + 4);
  const data = deflateSync(raw);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  // The CRC is not checked by pdfkit or by us; a zero one keeps the builder short.
  return Buffer.concat([
    good.subarray(0, idat - 4),
    head,
    Buffer.from('IDAT'),
    data,
    Buffer.alloc(4),
    rest,
  ]);
}

const dataUri = (bytes: Uint8Array) =>
  `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;

function pictured(src: string): Article {
  return parseArticle({
    headline: 'A picture that should not be believed',
    language: 'en',
    image: { src, caption: 'The lead caption stays.' },
    body: [
      { type: 'paragraph', text: 'Text before the figure.' },
      { type: 'figure', image: { src, caption: 'The figure caption stays.' } },
    ],
  });
}

// Each would, before, make pdfkit allocate what the header claims (1.1 GB and 22 s at 12000²
// RGBA; "Invalid typed array length" at 40000²) or throw from a zlib callback.
// The EPUB carries bytes without decoding them: it leaves out what is over the cap (reading
// systems would decode it) and keeps the rest for the reading system to judge.
const HOSTILE: [name: string, bytes: Buffer, overCap: boolean][] = [
  ['a PNG claiming 40000 × 40000 (RGBA)', pngClaimingSize(40_000, 40_000, 6), true],
  ['a PNG claiming 12000 × 12000 (RGBA)', pngClaimingSize(12_000, 12_000, 6), true],
  ['a PNG claiming 40000 × 40000 (RGB)', pngClaimingSize(40_000, 40_000, 2), true],
  ['an RGBA PNG under the cap whose data is truncated', pngClaimingSize(6000, 6000, 6), false],
  ['an RGBA PNG whose data is not zlib', rgbaWithCorruptData(), false],
  ['an RGBA PNG with an unknown scanline filter', rgbaWithBadFilter(), false],
];

describe.each(HOSTILE)('%s', (_name, bytes) => {
  const article = pictured(dataUri(bytes));

  it('is left out of the PDF, captions kept', async () => {
    const pdf = await renderPdf(article);
    expect(await pdfImageSizes(pdf)).toEqual([]);
    const text = (await pdftotext(pdf)).join(' ');
    expect(text).toContain('The lead caption stays.');
    expect(text).toContain('The figure caption stays.');
  }, 60_000);
});

describe.each(HOSTILE.filter(([, , overCap]) => overCap))('%s', (_name, bytes) => {
  it('is left out of the EPUB', async () => {
    const epub = openEpub(await renderEpub(pictured(dataUri(bytes))));
    expect(epub.names.filter((n) => /\.(png|jpg|gif)$/.test(n) && !/cover/.test(n))).toEqual([]);
  }, 60_000);
});

describe('pictures within the cap', () => {
  it('are drawn: RGB, RGBA and a GIF in the EPUB', async () => {
    const rgb = pngBytes(64, 48, [20, 120, 200]);
    const rgba = pngBytes(32, 24, [200, 20, 20], 128);
    const article = parseArticle({
      headline: 'Pictures that can be drawn',
      language: 'en',
      image: { src: dataUri(rgb), caption: 'RGB' },
      body: [
        { type: 'figure', image: { src: dataUri(rgba), caption: 'RGBA' } },
        {
          type: 'figure',
          image: {
            src: `data:image/gif;base64,${gifClaimingSize(1, 1).toString('base64')}`,
            caption: 'GIF',
          },
        },
      ],
    });
    expect(await pdfImageSizes(await renderPdf(article))).toEqual(
      expect.arrayContaining(['64x48', '32x24']),
    );
    const epub = openEpub(await renderEpub(article));
    expect(epub.names.filter((n) => /images\/img-\d+\.(png|gif)$/.test(n))).toHaveLength(3);
  }, 60_000);

  it('follow the pixel cap a render is given', async () => {
    const article = pictured(dataUri(pngBytes(64, 48)));
    expect(await pdfImageSizes(await renderPdf(article, { maxImagePixels: 64 * 48 }))).toContain(
      '64x48',
    );
    expect(await pdfImageSizes(await renderPdf(article, { maxImagePixels: 64 * 48 - 1 }))).toEqual(
      [],
    );
  }, 60_000);
});
