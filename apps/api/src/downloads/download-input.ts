import type { Article, Edition } from '@broadsheet/model';
import { bodyMeasure } from '@broadsheet/render/typesetting';
import { resolveMedia } from '../media/resolve.js';
import type { RenderOptions } from '../render/types.js';
import type { MediaStore } from '../store/types.js';

/**
 * What an EPUB or PDF download renders: the input with its stored pictures as bytes, at the
 * edge, so that renderers never touch the network. Their renditions (size, format, grey) are
 * part of the input, so of the render-cache key: whatever renders ahead of a download (a
 * publication's issue) builds its input here too, or the download would not find the file.
 */
export function downloadInput(
  media: MediaStore,
  input: Article | Edition,
  /** A cover is the EPUB's own, so its pictures are the EPUB's renditions. */
  format: 'epub' | 'pdf' | 'cover',
  options: RenderOptions,
  grayscale: boolean,
): Promise<Article | Edition> {
  return resolveMedia(input, media, {
    target: format === 'pdf' ? 'pdf' : 'epub',
    grayscale,
    // The PDF draws pictures at most across the text width of a page (in whole points, so the
    // rendition's cache key stays short).
    placedWidthPt: Math.round(bodyMeasure(options.pageSize ?? 'A4', 'single')),
  });
}
