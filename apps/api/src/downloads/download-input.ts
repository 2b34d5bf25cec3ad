import type { Article, Edition } from '@broadsheet/model';
import { resolveMedia } from '../media/resolve.js';
import type { RenderOptions } from '../render/types.js';
import type { MediaStore } from '../store/types.js';

/** Text width of each PDF page size, in points: the widest a picture is placed. */
const TEXT_WIDTH_PT = { A4: 463, Letter: 480, A3: 710, Tabloid: 660 } as const;

/**
 * What an EPUB or PDF download renders: the input with its stored pictures as bytes, at the
 * edge, so that renderers never touch the network. Their renditions (size, format, grey) are
 * part of the input, so of the render-cache key: whatever renders ahead of a download (a
 * publication's issue) builds its input here too, or the download would not find the file.
 */
export function downloadInput(
  media: MediaStore,
  input: Article | Edition,
  format: 'epub' | 'pdf',
  options: RenderOptions,
  grayscale: boolean,
): Promise<Article | Edition> {
  return resolveMedia(input, media, {
    target: format,
    grayscale,
    // The PDF draws pictures at most across the text width (page width less 2 × 66 pt).
    placedWidthPt: TEXT_WIDTH_PT[options.pageSize ?? 'A4'],
  });
}
