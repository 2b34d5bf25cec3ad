import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

export interface LoadedImage {
  data: Buffer;
  width: number;
  height: number;
}

/** Pixel size of a PNG or JPEG (the two formats pdfkit embeds), or undefined for anything else. */
export function imageSize(data: Buffer): { width: number; height: number } | undefined {
  if (
    data.length > 24 &&
    data.readUInt32BE(0) === 0x89504e47 &&
    data.toString('latin1', 12, 16) === 'IHDR'
  ) {
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  if (data.length > 4 && data[0] === 0xff && data[1] === 0xd8) {
    let at = 2;
    while (at + 9 < data.length) {
      if (data[at] !== 0xff) return undefined;
      const marker = data[at + 1] ?? 0;
      const length = data.readUInt16BE(at + 2);
      // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
      if (
        marker >= 0xc0 &&
        marker <= 0xcf &&
        marker !== 0xc4 &&
        marker !== 0xc8 &&
        marker !== 0xcc
      ) {
        return { height: data.readUInt16BE(at + 5), width: data.readUInt16BE(at + 7) };
      }
      at += 2 + length;
    }
  }
  return undefined;
}

/**
 * Reads an image for embedding: data: URIs, and relative paths inside `baseDir`. http(s)
 * sources are never fetched (rendering does no network access); anything unreadable or not a
 * PNG/JPEG gives undefined, and the figure keeps its caption without a picture.
 */
export function loadImage(src: string, baseDir: string | undefined): LoadedImage | undefined {
  let data: Buffer;
  try {
    const uri = /^data:image\/[a-z0-9.+-]+(?:;[a-z0-9=.+-]+)*;base64,(.*)$/is.exec(src);
    if (uri) data = Buffer.from((uri[1] ?? '').replace(/\s+/g, ''), 'base64');
    else if (/^[a-z][a-z0-9+.-]*:/i.test(src) || baseDir === undefined) return undefined;
    else {
      const path = resolve(baseDir, src);
      const rel = relative(resolve(baseDir), path);
      if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
      data = readFileSync(path);
    }
  } catch {
    return undefined;
  }
  const size = imageSize(data);
  if (!size || size.width === 0 || size.height === 0) return undefined;
  return { data, ...size };
}
