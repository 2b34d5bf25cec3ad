import type { Article, Edition } from '@broadsheet/model';
import { inspectImage } from '../images/index.js';
import { coverPictureFits, coverStory } from '../shared/cover-story.js';
import type { ImageStore } from './images.js';

/** A picture the cover shows, with the alt text its figure carries. */
export interface CoverPicture {
  /** PNG, JPEG or GIF bytes, already checked against the pixel cap by the ImageStore. */
  bytes: Uint8Array;
  alt: string;
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
  if (!coverPictureFits(width, height)) return undefined;
  return { bytes: embedded.bytes, alt: image.alt.trim() };
}
