import { stat } from 'node:fs/promises';
import type { Article, Edition } from '@broadsheet/model';
import type { RenderService } from '../render/types.js';
import type { DownloadOption } from './pages.js';
import type { DownloadFormat } from './urls.js';

const FORMATS: readonly DownloadFormat[] = ['epub', 'pdf'];

/**
 * The download buttons with their file sizes. The files are rendered (or found in the render
 * cache) now, so the size a reader sees is the size they will get, and the click that follows
 * is served from the cache. A busy or failing renderer costs the size, never the page: the
 * button is still shown, without it.
 */
export async function downloadOptions(
  renderer: RenderService,
  input: Article | Edition,
  onError: (format: DownloadFormat, err: unknown) => void,
): Promise<DownloadOption[]> {
  return Promise.all(
    FORMATS.map(async (format): Promise<DownloadOption> => {
      try {
        const file = await renderer.file(format, input);
        return { format, bytes: (await stat(file.path)).size };
      } catch (err) {
        onError(format, err);
        return { format };
      }
    }),
  );
}
