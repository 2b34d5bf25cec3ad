import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { dataUriBytes, DEFAULT_MAX_IMAGE_PIXELS, inspectImage } from '../../images/index.js';
import { pngDrawable } from './png-drawable.js';

export interface LoadedImage {
  data: Buffer;
  width: number;
  height: number;
}

function readSource(src: string, baseDir: string | undefined): Buffer | undefined {
  if (/^data:/i.test(src)) {
    // The model bounds a data: URI's length; its pixels are checked below.
    const decoded = dataUriBytes(src, Number.MAX_SAFE_INTEGER);
    return decoded.ok ? decoded.bytes : undefined;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || baseDir === undefined) return undefined;
  const path = resolve(baseDir, src);
  const rel = relative(resolve(baseDir), path);
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Reads images for embedding, once per source and render: data: URIs, and relative paths
 * inside `baseDir`. http(s) sources are never fetched (rendering does no network access).
 * Anything unreadable, not a PNG or JPEG, over `maxPixels` by its header, or a PNG pdfkit
 * would fail to decode gives undefined: the figure keeps its caption without a picture, and
 * nothing is ever allocated for the pixels a header claims beyond the cap.
 */
export class ImageLoader {
  readonly #verdicts = new Map<string, { width: number; height: number } | null>();

  constructor(
    private readonly baseDir: string | undefined,
    private readonly maxPixels = DEFAULT_MAX_IMAGE_PIXELS,
  ) {}

  load(src: string): LoadedImage | undefined {
    const known = this.#verdicts.get(src);
    if (known === null) return undefined;
    const data = readSource(src, this.baseDir);
    if (!data) return undefined;
    // An edition laid out twice (page counts, then pages) checks each picture once.
    if (known) return { data, ...known };
    const inspected = inspectImage(data, this.maxPixels);
    const size =
      inspected.ok &&
      (inspected.header.format === 'jpeg' ||
        (inspected.header.format === 'png' && pngDrawable(data)))
        ? { width: inspected.header.width, height: inspected.header.height }
        : null;
    this.#verdicts.set(src, size);
    return size ? { data, ...size } : undefined;
  }
}
