import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { RENDERER_VERSION } from '@broadsheet/render';
import type { Request, RequestHandler } from 'express';
import { VIEWS_DIR } from '../reader/templates.js';
import type { Store } from '../store/types.js';
import { sha256 } from '../util/hash.js';
import { isNotModified } from './conditional.js';

/**
 * Cache-Control by kind of representation. Catalogs and feeds are polled: a shared cache may
 * keep them a minute, then must ask again (a 304 costs one small query). Pages and lists are
 * read after one's own writes: always revalidated. Files addressed by their content hash never
 * change.
 */
export const CACHE_CONTROL = {
  catalog: 'public, max-age=60, must-revalidate',
  page: 'no-cache',
  immutable: 'public, max-age=31536000, immutable',
} as const;

/** Every file under `dir`, sorted, so the digest is the same on every replica of one build. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/**
 * What else than the data decides the bytes of a catalog, feed or page: the templates, the
 * renderer (download links and sizes) and this package's version. A deploy that changes any of
 * them changes every validator, so no client keeps a page the new code would build otherwise;
 * replicas of one build agree, so a client balanced between them keeps its 304s.
 */
function codeGeneration(): string {
  const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
  const views = filesUnder(VIEWS_DIR)
    .map((f) => sha256(readFileSync(f, 'utf8')))
    .join(',');
  return sha256(`${version}\n${RENDERER_VERSION}\n${views}`);
}

let generation: string | undefined;

export interface RevisionValidatorOptions {
  store: Pick<Store, 'revision'>;
  cacheControl: string;
  /**
   * What the body depends on besides the store, the code and the URL (the public base URL
   * links are built on, a negotiated media type); '' when nothing.
   */
  variant?: (req: Request) => string;
  /**
   * A weak validator (`W/`), for pages that show a detail the store does not hold (a download's
   * size once the file has been rendered): equivalent, not byte-identical, representations.
   */
  weak?: boolean;
}

/**
 * ETag and Last-Modified for a representation built only from the store (plus the URL and the
 * code), derived from the store's change stamp instead of from the body: one small query, so a
 * poller whose copy is current gets its 304 before anything is listed, serialised or hashed.
 *
 * The stamp is read before the handler reads the data. A write landing in between gives a body
 * newer than its validator, which costs that client one extra 200 on its next poll, never a
 * stale copy kept as current.
 */
export function revisionValidators(options: RevisionValidatorOptions): RequestHandler {
  const { store, cacheControl, variant, weak = false } = options;
  // Express 5 passes a rejected promise (the database not answering) to the error middleware.
  return async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    const stamp = await store.revision();
    generation ??= codeGeneration();
    const tag = sha256(
      `${generation}\n${stamp.revision}\n${req.originalUrl}\n${variant?.(req) ?? ''}`,
    ).slice(0, 32);
    res.setHeader('ETag', `${weak ? 'W/' : ''}"${tag}"`);
    res.setHeader('Last-Modified', new Date(stamp.changedAt).toUTCString());
    res.setHeader('Cache-Control', cacheControl);
    if (isNotModified(req, tag, stamp.changedAt)) {
      res.status(304).end();
      return;
    }
    next();
  };
}

/**
 * Validators for the JSON lists: their `Link` headers and URLs carry the request's own origin,
 * and a future negotiated format would change the bytes, so both are part of the validator.
 */
export function listValidators(store: Pick<Store, 'revision'>): RequestHandler {
  return revisionValidators({
    store,
    cacheControl: CACHE_CONTROL.page,
    variant: (req) => `${req.protocol}://${req.get('host') ?? ''}\n${req.get('accept') ?? ''}`,
  });
}
