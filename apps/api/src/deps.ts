import type { ImageLimits } from '@broadsheet/render/images';
import type { Logger } from 'pino';
import type { HtmlImportService } from './articles/import-pool.js';
import type { RenderService } from './render/types.js';
import type { Store } from './store/types.js';

/**
 * Everything a router may use. createApp(deps) passes the same object to every
 * `createXRouter(deps)`; side effects (database, clock, worker pool, logger) live here so
 * tests build an app over a temp directory and a real store without touching globals.
 */
export interface AppDeps {
  store: Store;
  renderer: RenderService;
  /** Web-page imports, in a worker pool of their own. */
  htmlImporter: HtmlImportService;
  /** Caps on `data:` pictures, checked at write time (BROADSHEET_IMAGE_MAX_PIXELS, _BYTES). */
  imageLimits: ImageLimits;
  logger: Logger;
  /** The bearer token that write requests must present. */
  apiToken: string;
  /** Largest JSON or text body accepted, in bytes. */
  bodyLimitBytes: number;
  /** Writes (POST/PUT/DELETE) allowed per client per minute. */
  writesPerMinute: number;
  /**
   * Public URL readers reach the server at (`BROADSHEET_PUBLIC_URL`, no trailing slash). When
   * set, absolute links in pages, OPDS, feeds and JSON-LD use it; otherwise the request's Host.
   */
  publicUrl?: string | undefined;
}
