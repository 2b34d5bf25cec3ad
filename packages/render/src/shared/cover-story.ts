import type { Article, Edition } from '@broadsheet/model';
import { isEdition, leadArticles } from './edition.js';

/**
 * Smaller pictures (icons, thumbnails, tracking pixels kept by an importer) would only be a
 * blur across a cover's width: below this a cover (EPUB or PDF) is text only.
 */
export const COVER_PICTURE_MIN_WIDTH = 300;
export const COVER_PICTURE_MIN_HEIGHT = 200;

/** The lead story: an edition's first article by the cover's own order, or the article itself. */
export function coverStory(input: Article | Edition): Article | undefined {
  return isEdition(input) ? leadArticles(input, 1)[0] : input;
}

/** Whether a picture of these pixel dimensions is large enough to show on a cover. */
export const coverPictureFits = (width: number, height: number) =>
  width >= COVER_PICTURE_MIN_WIDTH && height >= COVER_PICTURE_MIN_HEIGHT;
