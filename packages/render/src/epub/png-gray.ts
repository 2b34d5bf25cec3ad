import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Encodes RGBA pixels drawn in grays only (R = G = B) as an 8-bit grayscale PNG. The cover is
 * read on e-ink as often as on colour screens; one byte a pixel and the Up filter make it
 * several times smaller and faster to encode than the canvas' own RGBA PNG encoder.
 */
export function encodeGrayPng(rgba: Uint8Array, width: number, height: number): Buffer {
  const stride = width + 1;
  const raw = Buffer.alloc(stride * height);
  const row = width * 4;
  for (let y = 0; y < height; y++) {
    const at = y * stride;
    const p = y * row + 1; // the green channel
    if (y === 0) {
      raw[at] = 0; // filter None
      for (let x = 0; x < width; x++) raw[at + 1 + x] = rgba[p + x * 4]!;
    } else {
      raw[at] = 2; // filter Up: mostly zeros on a page of flat colour
      for (let x = 0; x < width; x++)
        raw[at + 1 + x] = (rgba[p + x * 4]! - rgba[p + x * 4 - row]!) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // colour type: grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
