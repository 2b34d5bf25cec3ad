import type { Article, Edition } from '@broadsheet/model';
import { isEdition } from '../shared/edition.js';
import { collectImages, planArticle, planEdition } from './book-plan.js';
import { renderCover } from './cover.js';
import { writeEpub } from './epub-writer.js';
import { ImageStore } from './images.js';

export interface EpubOptions {
  /**
   * Where relative image paths resolve. Without it relative paths are not read (their figures
   * keep only the caption); files outside this directory are never read.
   */
  imageBaseDir?: string;
  /**
   * Pictures whose header claims more pixels (width × height) are left out, caption kept.
   * Default DEFAULT_MAX_IMAGE_PIXELS (40 million).
   */
  maxImagePixels?: number;
  /** Draw a generated cover for a single article too (editions always get one). Default false. */
  articleCover?: boolean;
}

/**
 * Renders an article or an edition as an EPUB 3 file. Pure over its input: nothing is fetched
 * (http(s) images are shown as their captions), no clock and no randomness, so the same input
 * and options give the same bytes. Expects parsed input (parseArticle / parseEdition).
 */
export async function renderEpub(
  input: Article | Edition,
  options: EpubOptions = {},
): Promise<Buffer> {
  const images = new ImageStore(options.imageBaseDir, options.maxImagePixels);
  if (isEdition(input)) {
    await collectImages(
      input.sections.flatMap((s) => s.articles),
      images,
    );
  } else {
    await collectImages([input], images);
  }
  const plan = isEdition(input)
    ? planEdition(input, images)
    : planArticle(input, images, { articleCover: options.articleCover === true });
  const cover = plan.cover ? await renderCover(plan.cover.spec) : undefined;
  return writeEpub(plan, images.images, cover);
}
