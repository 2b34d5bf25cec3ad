import type { Article, Edition } from '@broadsheet/model';
import { inspectImage } from '../images/index.js';
import { isEdition, leadArticles } from '../shared/edition.js';
import type { ImageStore } from './images.js';

/** A picture the cover shows, with the alt text its figure carries. */
export interface CoverPicture {
  /** PNG, JPEG or GIF bytes, already checked against the pixel cap by the ImageStore. */
  bytes: Uint8Array;
  alt: string;
}

/**
 * Smaller pictures (icons, thumbnails, tracking pixels kept by an importer) would only be a
 * blur across the cover's width: below this the cover is text only.
 */
export const COVER_PICTURE_MIN_WIDTH = 300;
export const COVER_PICTURE_MIN_HEIGHT = 200;

/** The lead story: an edition's first article by the cover's own order, or the article itself. */
export function coverStory(input: Article | Edition): Article | undefined {
  return isEdition(input) ? leadArticles(input, 1)[0] : input;
}

/**
 * The lead story's own picture (its lead figure, never one from further down its body or from
 * another story), when the store could embed it and it is at least 300 × 200. Nothing else is
 * considered, so the same input always gives the same cover.
 */
export function coverPicture(
  input: Article | Edition,
  images: ImageStore,
): CoverPicture | undefined {
  const image = coverStory(input)?.image;
  const embedded = images.get(image?.src);
  if (!image || !embedded) return undefined;
  const inspected = inspectImage(embedded.bytes, Number.MAX_SAFE_INTEGER);
  if (!inspected.ok) return undefined;
  const { width, height } = inspected.header;
  if (width < COVER_PICTURE_MIN_WIDTH || height < COVER_PICTURE_MIN_HEIGHT) return undefined;
  return { bytes: embedded.bytes, alt: image.alt.trim() };
}
