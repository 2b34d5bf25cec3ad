import sharp, { type Sharp } from 'sharp';
import { MediaError } from './media-error.js';

/** What a stored picture is: always JPEG (photos) or PNG (line art), metadata-free. */
export type StoredType = 'image/jpeg' | 'image/png';

export interface ProcessedImage {
  readonly bytes: Buffer;
  readonly type: StoredType;
  readonly width: number;
  readonly height: number;
}

export interface ProcessOptions {
  /** Decoded pixels at most (BROADSHEET_IMAGE_MAX_PIXELS). Default 40 million. */
  readonly maxPixels?: number;
}

export const MEDIA_DEFAULTS = {
  maxPixels: 40_000_000,
  /** Quality of stored JPEGs: high, since renditions are made from them again. */
  storeQuality: 90,
  renditionQuality: 82,
} as const;

/** Formats decoded; everything else (SVG included) is refused. `heif` covers AVIF. */
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif']);

// sharp's messages for input it cannot take, mapped to our refusals.
function refusal(e: unknown): MediaError {
  const message = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(message))
    return new MediaError('too-many-pixels', `has more pixels than the limit allows (${message})`);
  if (/unsupported image format/i.test(message))
    return new MediaError('not-an-image', 'is not an image in a known format');
  return new MediaError('corrupt', `cannot be decoded (${message.split('\n')[0] ?? ''})`);
}

function open(input: Uint8Array, maxPixels: number): Sharp {
  // pages: 1 reads the first frame of an animation only; failOn 'error' refuses truncated
  // files instead of storing a half-grey picture.
  return sharp(input, { limitInputPixels: maxPixels, failOn: 'error', pages: 1 });
}

/**
 * Whether a picture is line art (PNG keeps it sharp) rather than a photo (JPEG keeps it
 * small): it uses transparency, or a thumbnail of it has few distinct colours.
 */
async function isLineArt(image: Sharp): Promise<boolean> {
  const { data, info } = await image
    .clone()
    .resize(128, 128, { fit: 'inside', withoutEnlargement: true, kernel: 'nearest' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const colours = new Set<number>();
  for (let i = 0; i < data.length; i += info.channels) {
    if ((data[i + 3] ?? 255) < 255) return true;
    colours.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
    if (colours.size > 256) return false;
  }
  return true;
}

/**
 * Decodes and encodes a picture again, so what is stored is only pixels: every piece of
 * metadata (EXIF with GPS, camera serials, comments, ICC aside from sRGB conversion) is gone,
 * the EXIF orientation is applied to the pixels, and an animation keeps its first frame.
 * JPEG for photos, PNG for line art. SVG is refused (not rasterised): its scripts and external
 * references are not worth the risk for news pictures. Throws MediaError naming the reason.
 */
export async function processImage(
  input: Uint8Array,
  options: ProcessOptions = {},
): Promise<ProcessedImage> {
  const maxPixels = options.maxPixels ?? MEDIA_DEFAULTS.maxPixels;
  // Markup is judged before libvips sees it: an SVG without a size would otherwise read as
  // merely "cannot be decoded", and nothing XML-shaped is parsed at all.
  const head = Buffer.from(input.subarray(0, 1024))
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart();
  if (head.startsWith('<')) {
    if (/<svg[\s>]/i.test(head))
      throw new MediaError('svg-refused', 'is SVG, which is not accepted; send PNG or JPEG');
    throw new MediaError('not-an-image', 'is markup (HTML or XML), not an image');
  }
  let format: string | undefined;
  try {
    ({ format } = await open(input, maxPixels).metadata());
  } catch (e) {
    throw refusal(e);
  }
  if (format === 'svg')
    throw new MediaError('svg-refused', 'is SVG, which is not accepted; send PNG or JPEG');
  if (format === undefined || !ACCEPTED.has(format))
    throw new MediaError(
      'unsupported-format',
      `is ${format ?? 'an unknown format'}, not JPEG, PNG, GIF, WebP, AVIF or TIFF`,
    );
  try {
    const image = open(input, maxPixels).autoOrient().toColourspace('srgb');
    // A JPEG is a photo by its nature (its artefacts would ruin line art anyway): no analysis.
    const lineArt = format !== 'jpeg' && (await isLineArt(image));
    const encoded = lineArt
      ? image.png({ compressionLevel: 9, adaptiveFiltering: false })
      : image
          .flatten({ background: '#ffffff' })
          .jpeg({ quality: MEDIA_DEFAULTS.storeQuality, mozjpeg: false });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return {
      bytes: data,
      type: lineArt ? 'image/png' : 'image/jpeg',
      width: info.width,
      height: info.height,
    };
  } catch (e) {
    throw refusal(e);
  }
}
