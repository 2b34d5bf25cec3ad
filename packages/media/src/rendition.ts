import sharp from 'sharp';
import { MEDIA_DEFAULTS, type ProcessedImage, type StoredType } from './process-image.js';

export interface RenditionOptions {
  /** `epub`: at most 1600 px on the long edge; `pdf`: at most 300 dpi at `placedWidthPt`. */
  readonly target: 'epub' | 'pdf';
  /** E-ink: one grey channel. */
  readonly grayscale?: boolean;
  /** Width the PDF draws the picture at, in points (the text width). */
  readonly placedWidthPt?: number;
}

export const EPUB_MAX_EDGE = 1600;
export const PDF_MAX_DPI = 300;
/**
 * Text width of an A4 page with the PDF's default margins (595 pt less 2 × 66), the widest a
 * picture is drawn; callers that know the page pass their own (the API takes it from the
 * renderer's page geometry).
 */
export const DEFAULT_PLACED_WIDTH_PT = 463;

/** The same options always name the same rendition: part of every render-cache key. */
export function renditionKey(options: RenditionOptions): string {
  return options.target === 'epub'
    ? `epub:${EPUB_MAX_EDGE}:${options.grayscale === true ? 'gray' : 'colour'}`
    : `pdf:${PDF_MAX_DPI}dpi@${options.placedWidthPt ?? DEFAULT_PLACED_WIDTH_PT}pt:${options.grayscale === true ? 'gray' : 'colour'}`;
}

/**
 * The picture as a book embeds it: scaled down (never up) to what the reader can show, in the
 * stored type (JPEG photo, PNG line art), grey when asked. Input is a stored image (already
 * metadata-free and oriented), so no limits apply again here.
 */
export async function rendition(
  stored: Uint8Array,
  type: StoredType,
  options: RenditionOptions,
): Promise<ProcessedImage> {
  let image = sharp(stored);
  image =
    options.target === 'epub'
      ? image.resize(EPUB_MAX_EDGE, EPUB_MAX_EDGE, { fit: 'inside', withoutEnlargement: true })
      : image.resize({
          width: Math.round(
            ((options.placedWidthPt ?? DEFAULT_PLACED_WIDTH_PT) / 72) * PDF_MAX_DPI,
          ),
          withoutEnlargement: true,
        });
  if (options.grayscale === true) image = image.grayscale().toColourspace('b-w');
  const encoded =
    type === 'image/png'
      ? image.png({ compressionLevel: 9, adaptiveFiltering: false })
      : image.jpeg({ quality: MEDIA_DEFAULTS.renditionQuality, mozjpeg: false });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  return { bytes: data, type, width: info.width, height: info.height };
}
