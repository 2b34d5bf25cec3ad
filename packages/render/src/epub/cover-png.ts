import type { Article, Edition } from '@broadsheet/model';
import { isEdition } from '../shared/index.js';
import { renderCover } from './cover.js';
import { coverStory } from '../shared/cover-story.js';
import { coverPicture } from './cover-picture.js';
import { articleCoverSpec, editionCoverSpec } from './cover-spec.js';
import { ImageStore } from './images.js';

export interface CoverPngOptions {
  /** Where a relative lead picture resolves, as in renderEpub. */
  imageBaseDir?: string;
  /** As in renderEpub: a lead picture claiming more pixels is left off the cover. */
  maxImagePixels?: number;
}

/**
 * The same cover the EPUB carries (with the lead story's picture when it has one large
 * enough), as PNG bytes, for catalogs (OPDS images and thumbnails) and feeds. Deterministic:
 * same input, same bytes.
 */
export async function renderCoverPng(
  input: Article | Edition,
  options: CoverPngOptions = {},
): Promise<Uint8Array> {
  const images = new ImageStore(options.imageBaseDir, options.maxImagePixels);
  await images.add(coverStory(input)?.image?.src);
  const picture = coverPicture(input, images);
  const plan = isEdition(input)
    ? editionCoverSpec(input, picture)
    : articleCoverSpec(input, picture);
  return renderCover(plan.spec);
}
