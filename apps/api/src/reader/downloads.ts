import { stat } from 'node:fs/promises';
import type { Article, Edition } from '@broadsheet/model';
import type { RenderService } from '../render/types.js';
import type { DownloadOption } from './pages.js';
import type { DownloadFormat } from './urls.js';

const FORMATS: readonly DownloadFormat[] = ['epub', 'pdf'];

/** How long a page waits for a first render before it is sent without that file's size. */
export const DEFAULT_SIZE_WAIT_MS = 8_000;

const TIMED_OUT = Symbol('timed out');

/**
 * The download buttons with their file sizes. The files are rendered (or found in the render
 * cache) now, so the size a reader sees is the size they will get and the click that follows is
 * served from the cache. A page never waits longer than `waitMs` for a first render: past that
 * it goes out without the size while the render finishes in the background for the next
 * visitor. A busy or failing renderer likewise costs the size, never the page.
 */
export async function downloadOptions(
  renderer: RenderService,
  input: Article | Edition,
  onError: (format: DownloadFormat, err: unknown) => void,
  waitMs: number = DEFAULT_SIZE_WAIT_MS,
): Promise<DownloadOption[]> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), waitMs);
  });
  try {
    return await Promise.all(
      FORMATS.map(async (format): Promise<DownloadOption> => {
        const size = renderer
          .file(format, input)
          .then(async (file) => (await stat(file.path)).size);
        try {
          const bytes = await Promise.race([size, deadline]);
          return bytes === TIMED_OUT ? { format } : { format, bytes };
        } catch (err) {
          onError(format, err);
          return { format };
        } finally {
          // A render that outlives the page still fills the cache; its failure is logged above or not at all.
          size.catch(() => undefined);
        }
      }),
    );
  } finally {
    clearTimeout(timer);
  }
}
