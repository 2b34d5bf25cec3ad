import type { Request } from 'express';
import type { AppDeps } from '../deps.js';
import type { SiteContext } from './site.js';

/** What the reader pages, the catalog and the feeds use from the app's dependencies. */
export type ReaderDeps = Pick<AppDeps, 'store' | 'renderer' | 'logger'> & {
  /**
   * Public URL of the site (`https://news.example.org`), used for canonical links, OPDS and
   * feed ids. Without it the request's own Host is used, which is right for a server reached
   * directly but not behind a proxy that rewrites the host.
   */
  publicUrl?: string | undefined;
  siteName?: string | undefined;
  /** How long a page waits for a first render to show a download's size (default 8 s). */
  sizeWaitMs?: number | undefined;
};

export const DEFAULT_SITE_NAME = 'Broadsheet';

/** A Host header we are willing to echo into links: a name or address and an optional port. */
const SAFE_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export function siteFor(req: Request, deps: ReaderDeps): SiteContext {
  const name = deps.siteName ?? DEFAULT_SITE_NAME;
  if (deps.publicUrl) return { baseUrl: deps.publicUrl.replace(/\/+$/, ''), name };
  const host = req.get('host');
  const safeHost =
    host !== undefined && host.length <= 260 && SAFE_HOST.test(host) ? host : 'localhost';
  return { baseUrl: `${req.protocol}://${safeHost}`, name };
}
