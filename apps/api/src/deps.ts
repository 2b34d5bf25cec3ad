import type { Logger } from 'pino';
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
  logger: Logger;
  /** The bearer token that write requests must present. */
  apiToken: string;
  /** Largest JSON or text body accepted, in bytes. */
  bodyLimitBytes: number;
  /** Most lines a text/plain article may have (BROADSHEET_MAX_TEXT_LINES); LIMITS.textLines when absent. */
  maxTextLines?: number | undefined;
  /** Writes (POST/PUT/DELETE) allowed per client per minute. */
  writesPerMinute: number;
  /**
   * Public URL readers reach the server at (`BROADSHEET_PUBLIC_URL`, no trailing slash). When
   * set, absolute links in pages, OPDS, feeds and JSON-LD use it; otherwise the request's Host.
   */
  publicUrl?: string | undefined;
}
