import { imageSize } from 'image-size';

/** Default pixel cap (width × height) of an image the API accepts and the renderers embed. */
export const DEFAULT_MAX_IMAGE_PIXELS = 40_000_000;

/** Default cap of the decoded bytes of one `data:` image. */
export const DEFAULT_MAX_IMAGE_BYTES = 10 * 1024 * 1024;

export interface ImageLimits {
  /** Largest width × height accepted. */
  maxPixels: number;
  /** Largest decoded size of a `data:` URI, in bytes. */
  maxBytes: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxPixels: DEFAULT_MAX_IMAGE_PIXELS,
  maxBytes: DEFAULT_MAX_IMAGE_BYTES,
};

/** The formats both renderers take (PDF draws PNG and JPEG; EPUB also carries GIF). */
export type ImageFormat = 'png' | 'jpeg' | 'gif';

export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}

export type ImageInspection = { ok: true; header: ImageHeader } | { ok: false; reason: string };

const FORMATS: Record<string, ImageFormat> = { png: 'png', jpg: 'jpeg', gif: 'gif' };

/**
 * Bytes each format's header needs (image-size reads past a short buffer as zeros): PNG
 * signature and IHDR chunk, GIF signature and logical screen descriptor.
 */
const HEADER_BYTES: Partial<Record<ImageFormat, number>> = { png: 33, gif: 13 };

const megapixels = (n: number) => `${Math.round(n / 100_000) / 10} megapixels`;

/**
 * Format and size of an image from its header alone (nothing is decoded), checked against the
 * pixel cap: a 255-byte PNG may claim 40000 × 40000, and a decoder would believe it.
 */
export function inspectImage(bytes: Uint8Array, maxPixels: number): ImageInspection {
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    return {
      ok: false,
      reason: 'is not a readable PNG, JPEG or GIF image (unknown or truncated header)',
    };
  }
  const format = FORMATS[size.type ?? ''];
  if (!format) {
    return {
      ok: false,
      reason: `is a ${String(size.type).toUpperCase()} image; only PNG, JPEG and GIF can be rendered`,
    };
  }
  if (bytes.length < (HEADER_BYTES[format] ?? 0)) {
    return { ok: false, reason: 'is not a readable PNG, JPEG or GIF image (truncated header)' };
  }
  const { width, height } = size;
  if (!(width > 0 && height > 0)) {
    return { ok: false, reason: `declares an empty size (${width} × ${height} pixels)` };
  }
  if (width * height > maxPixels) {
    return {
      ok: false,
      reason: `is ${width} × ${height} pixels (${megapixels(width * height)}); at most ${megapixels(maxPixels)} are accepted`,
    };
  }
  return { ok: true, header: { format, width, height } };
}

const DATA_URI = /^data:image\/[a-z0-9.+-]+(?:;[a-z0-9=.+-]+)*;base64,/i;

/** True for `data:` sources: the only images whose bytes travel inside an article. */
export function isDataUri(src: string): boolean {
  return /^data:/i.test(src);
}

/**
 * The bytes of a `data:image/…;base64,` URI, or a reason when it is malformed or would decode
 * to more than `maxBytes` (measured from its length, before anything is allocated).
 */
export function dataUriBytes(
  src: string,
  maxBytes: number,
): { ok: true; bytes: Buffer } | { ok: false; reason: string } {
  const head = DATA_URI.exec(src);
  if (!head) return { ok: false, reason: 'is not a data:image/…;base64 URI' };
  const encodedChars = src.length - head[0].length;
  if (Math.floor((encodedChars * 3) / 4) > maxBytes) {
    return {
      ok: false,
      reason: `holds about ${Math.floor((encodedChars * 3) / 4)} bytes; at most ${maxBytes} bytes are accepted in a data: URI`,
    };
  }
  const bytes = Buffer.from(src.slice(head[0].length), 'base64');
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      reason: `holds ${bytes.length} bytes; at most ${maxBytes} bytes are accepted in a data: URI`,
    };
  }
  if (bytes.length === 0) return { ok: false, reason: 'is an empty data: URI' };
  return { ok: true, bytes };
}

/**
 * Why an image source cannot be accepted, or undefined when it can. Only `data:` URIs are
 * looked at: http(s) sources are never fetched and relative paths belong to the command line.
 */
export function imageSourceProblem(src: string, limits: ImageLimits): string | undefined {
  if (!isDataUri(src)) return undefined;
  const data = dataUriBytes(src, limits.maxBytes);
  if (!data.ok) return data.reason;
  const inspected = inspectImage(data.bytes, limits.maxPixels);
  return inspected.ok ? undefined : inspected.reason;
}
