import { inflateSync } from 'node:zlib';

/** Adam7 passes as (x0, y0, dx, dy); a plain image is one pass over every pixel. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;
const SINGLE = [[0, 0, 1, 1]] as const;

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

interface PngLayout {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
  hasTransparency: boolean;
  idat: Buffer[];
}

/** IHDR fields and IDAT chunks, or undefined when the chunk structure is broken. */
function readChunks(data: Buffer): PngLayout | undefined {
  let at = 8;
  let layout: PngLayout | undefined;
  const idat: Buffer[] = [];
  let hasTransparency = false;
  while (at + 12 <= data.length) {
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    const start = at + 8;
    if (start + length + 4 > data.length) return undefined;
    if (layout === undefined) {
      if (type !== 'IHDR' || length !== 13) return undefined;
      layout = {
        width: data.readUInt32BE(start),
        height: data.readUInt32BE(start + 4),
        bitDepth: data[start + 8] ?? 0,
        colorType: data[start + 9] ?? 0,
        interlaced: data[start + 12] === 1,
        hasTransparency: false,
        idat,
      };
    } else if (type === 'IDAT') idat.push(data.subarray(start, start + length));
    else if (type === 'tRNS') hasTransparency = true;
    else if (type === 'IEND') break;
    at = start + length + 4;
  }
  if (!layout || idat.length === 0) return undefined;
  layout.hasTransparency = hasTransparency;
  return layout;
}

/**
 * Whether pdfkit can draw this PNG without failing. pdfkit copies most PNGs' compressed data
 * as it is, but decodes the pixels of those with an alpha channel, a palette with
 * transparency, or interlacing, in a zlib callback where a corrupt, truncated or sub-byte
 * image throws past every handler (the render fails). Those are decoded here first, within
 * the size their header promises, and left out when anything is wrong.
 */
export function pngDrawable(data: Buffer): boolean {
  const png = readChunks(data);
  if (!png) return false;
  const channels = CHANNELS[png.colorType];
  if (channels === undefined || !DEPTHS[png.colorType]?.includes(png.bitDepth)) return false;
  const alpha = png.colorType === 4 || png.colorType === 6;
  const decoded = alpha || png.interlaced || (png.colorType === 3 && png.hasTransparency);
  if (!decoded) return true;
  // png-js (inside pdfkit) sizes its buffers in whole bytes per pixel.
  if (png.bitDepth < 8) return false;
  const pixelBytes = (channels * png.bitDepth) / 8;
  const passes = png.interlaced ? ADAM7 : SINGLE;
  const rows: number[] = [];
  let expected = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((png.width - x0) / dx);
    const h = Math.ceil((png.height - y0) / dy);
    if (w <= 0 || h <= 0) continue;
    for (let r = 0; r < h; r++) rows.push(w * pixelBytes);
    expected += h * (1 + w * pixelBytes);
  }
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(png.idat), { maxOutputLength: Math.max(1, expected) });
  } catch {
    return false;
  }
  // Short data is a truncated image (pdfkit would still allocate every pixel the header
  // claims), and every scanline starts with a filter type from 0 to 4 (png-js throws otherwise).
  if (raw.length !== expected) return false;
  let pos = 0;
  for (const rowBytes of rows) {
    if ((raw[pos] ?? 0) > 4) return false;
    pos += 1 + rowBytes;
  }
  return true;
}
