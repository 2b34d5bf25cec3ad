import { crc32, deflateSync } from 'node:zlib';

/** One PNG chunk: length, type, data, and the CRC over type and data. */
function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A valid RGB PNG of one flat colour, built in code so tests need no binary fixtures: real image
 * bytes for fetch, embed and render tests. Same arguments, same bytes. With `alpha` (0-255) it
 * is an RGBA PNG, the kind whose pixels pdfkit decodes.
 */
export function pngBytes(
  width: number,
  height: number,
  rgb: [number, number, number] = [200, 80, 40],
  alpha?: number,
): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, alpha === undefined ? 2 : 6, 0, 0, 0], 8);
  const pixel = alpha === undefined ? rgb : [...rgb, alpha];
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: width }, () => pixel).flat()),
  ]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 1×1 GIF: the smallest real image of a second format. */
export const GIF_BYTES: Buffer = Buffer.from(
  'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7',
  'base64',
);

/**
 * A PNG whose header claims `width` × `height` but whose pixel data is a few bytes: the shape
 * of a decompression bomb (a decoder believing the header allocates every pixel). `colorType`
 * 2 is RGB, which pdfkit copies as it is; 6 is RGBA, whose pixels pdfkit decodes.
 */
export function pngClaimingSize(
  width: number,
  height: number,
  colorType: 2 | 6 = 2,
  /** Bytes of (zero) pixel data, stored uncompressed: a larger file, the same lie. */
  dataBytes = 200,
): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, colorType, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(dataBytes), { level: 0 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A baseline JPEG header (SOI, JFIF APP0, SOF0 with the given size, EOI), without scan data. */
export function jpegClaimingSize(width: number, height: number): Buffer {
  const app0 = Buffer.from([
    0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
  ]);
  const sof = Buffer.from([0xff, 0xc0, 0, 17, 8, 0, 0, 0, 0, 3]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  const components = Buffer.from([1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    app0,
    sof,
    components,
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** A GIF whose logical screen is `width` × `height`, then the 1×1 image of GIF_BYTES. */
export function gifClaimingSize(width: number, height: number): Buffer {
  const gif = Buffer.from(GIF_BYTES);
  gif.writeUInt16LE(width, 6);
  gif.writeUInt16LE(height, 8);
  return gif;
}
