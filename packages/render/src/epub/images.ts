import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { dataUriBytes, DEFAULT_MAX_IMAGE_PIXELS, inspectImage } from '../images/index.js';

/** An image that will be stored inside the EPUB. */
export interface EmbeddedImage {
  /** Manifest id and file stem: `img-001`. Numbered in reading order, so names are stable. */
  id: string;
  extension: 'png' | 'jpg' | 'gif';
  mediaType: 'image/png' | 'image/jpeg' | 'image/gif';
  bytes: Uint8Array;
}

/** Where the image sits relative to the chapter files (all in OEBPS/). */
export function imageHref(image: EmbeddedImage): string {
  return `images/${image.id}.${image.extension}`;
}

type Kind = Pick<EmbeddedImage, 'extension' | 'mediaType'>;

/**
 * Recognises the image from its bytes, not from its name or declared type, so a renamed or
 * truncated file is refused instead of producing a picture no reader can show. Only EPUB 3
 * core media types that EPUBCheck 4.2 accepts without a fallback (PNG, JPEG, GIF); SVG is left
 * out on purpose, since it may carry scripts.
 */
export function sniffImage(bytes: Uint8Array): Kind | undefined {
  const b = (i: number) => bytes[i] ?? -1;
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length > 33 && b(0) === 0x89 && ascii(1, 4) === 'PNG' && ascii(12, 16) === 'IHDR') {
    return { extension: 'png', mediaType: 'image/png' };
  }
  if (bytes.length > 4 && b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) {
    return { extension: 'jpg', mediaType: 'image/jpeg' };
  }
  if (bytes.length > 13 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) {
    return { extension: 'gif', mediaType: 'image/gif' };
  }
  return undefined;
}

function decodeDataUri(src: string): Uint8Array | undefined {
  // The model bounds a data: URI's length; its pixels are checked by the caller.
  const decoded = dataUriBytes(src, Number.MAX_SAFE_INTEGER);
  return decoded.ok ? decoded.bytes : undefined;
}

async function readLocal(src: string, baseDir: string): Promise<Uint8Array | undefined> {
  const root = resolve(baseDir);
  const file = resolve(root, src);
  const rel = relative(root, file);
  // Refuse anything outside imageBaseDir, whatever the path spelling.
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}

/**
 * Collects the pictures an EPUB embeds. Sources are read locally and only locally: `data:`
 * URIs are decoded, relative paths are read under `imageBaseDir`, and http(s) URLs are never
 * fetched (the figure keeps its caption). Anything unreadable, unrecognised, with a header
 * that does not parse or claims more pixels than the cap yields undefined,
 * so the caller degrades to the caption instead of writing a broken file.
 */
export class ImageStore {
  readonly images: EmbeddedImage[] = [];
  readonly #bySrc = new Map<string, EmbeddedImage | undefined>();
  readonly #byHash = new Map<string, EmbeddedImage>();

  constructor(
    private readonly baseDir: string | undefined,
    /** Pictures whose header claims more pixels are left out: reading systems would decode them. */
    private readonly maxPixels = DEFAULT_MAX_IMAGE_PIXELS,
  ) {}

  async add(src: string | undefined): Promise<EmbeddedImage | undefined> {
    if (src === undefined) return undefined;
    if (this.#bySrc.has(src)) return this.#bySrc.get(src);
    let bytes: Uint8Array | undefined;
    if (/^data:/i.test(src)) bytes = decodeDataUri(src);
    else if (!/^[a-z][a-z0-9+.-]*:/i.test(src) && this.baseDir !== undefined)
      bytes = await readLocal(src, this.baseDir);
    const kind = bytes && inspectImage(bytes, this.maxPixels).ok ? sniffImage(bytes) : undefined;
    let image: EmbeddedImage | undefined;
    if (bytes && kind) {
      // The same picture under two sources (a data: URI and a file) is stored once.
      const hash = createHash('sha256').update(bytes).digest('hex');
      image = this.#byHash.get(hash);
      if (!image) {
        image = { id: `img-${String(this.images.length + 1).padStart(3, '0')}`, ...kind, bytes };
        this.images.push(image);
        this.#byHash.set(hash, image);
      }
    }
    this.#bySrc.set(src, image);
    return image;
  }

  /** The embedded image for a source added before, if it could be embedded. */
  get(src: string | undefined): EmbeddedImage | undefined {
    return src === undefined ? undefined : this.#bySrc.get(src);
  }
}
