import type { Article, Edition } from '@broadsheet/model';
import { isEdition } from '../shared/edition.js';
import { collectImages, planArticle, planEdition } from './book-plan.js';
import { renderCover } from './cover.js';
import { writeEpub, type CoverImage } from './epub-writer.js';
import { ImageStore, sniffImage } from './images.js';
import { koboSpans } from './kobo-spans.js';

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
  /**
   * A cover picture (PNG, JPEG or GIF bytes) instead of the generated one; single articles get
   * a cover page too. Other bytes throw a TypeError (check first with `sniffImage`).
   */
  cover?: Uint8Array;
  /** A stylesheet appended after the built-in one (it comes later, so its rules win). */
  css?: string;
  /** Levels of the navigation (nav and NCX) kept: 1 lists only the top level. Default: all. */
  tocDepth?: number;
  /** KEPUB for Kobo readers: every sentence of the chapters in a `koboSpan`. */
  kobo?: boolean;
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
  let given: CoverImage | undefined;
  if (options.cover !== undefined) {
    const kind = sniffImage(options.cover);
    if (kind === undefined) throw new TypeError('the cover is not a PNG, JPEG or GIF image');
    given = { ...kind, bytes: options.cover };
  }
  const planOptions = {
    articleCover: options.articleCover === true || given !== undefined,
    ...(given ? { coverExtension: given.extension } : {}),
  };
  const plan = isEdition(input)
    ? planEdition(input, images, planOptions)
    : planArticle(input, images, planOptions);
  if (options.kobo === true) {
    for (const chapter of plan.chapters) {
      if (chapter.bodyType === 'bodymatter')
        chapter.content = koboSpans(chapter.content, chapter.lang);
    }
  }
  const cover =
    given ??
    (plan.cover
      ? {
          bytes: await renderCover(plan.cover.spec),
          extension: 'png' as const,
          mediaType: 'image/png' as const,
        }
      : undefined);
  return writeEpub(plan, images.images, cover, {
    ...(options.css !== undefined ? { css: options.css } : {}),
    ...(options.tocDepth !== undefined ? { tocDepth: options.tocDepth } : {}),
  });
}
