import compression from 'compression';
import type { Express, RequestHandler, Response } from 'express';

const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/;

/** Set on a response that skipped compression: add compression's Vary when its headers go. */
const VARY_ON_HEADERS = Symbol('vary on accept-encoding');

type Marked = Response & { [VARY_ON_HEADERS]?: boolean };

/**
 * `compression()` for clients that ask for an encoding. A request without Accept-Encoding
 * can only get identity, so it skips compression's per-response stream plumbing and gets
 * just the `Vary: Accept-Encoding` compression would have added (compressible types only,
 * not with Cache-Control: no-transform), so caches see the same variants either way. The
 * Vary is added by one writeHead on the app's response prototype (Express answers through
 * writeHead(status), when the headers are final), not a wrapper made per response.
 */
export function compress(app: Express): RequestHandler {
  const full = compression();
  const proto = app.response as Marked;
  // Called with the response as `this` below.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const writeHead = proto.writeHead;
  proto.writeHead = function (this: Marked, ...args: Parameters<Response['writeHead']>) {
    if (this[VARY_ON_HEADERS] === true) {
      this[VARY_ON_HEADERS] = false;
      const cacheControl = this.getHeader('Cache-Control');
      if (
        compression.filter(this.req, this) &&
        !(typeof cacheControl === 'string' && NO_TRANSFORM.test(cacheControl))
      )
        this.vary('Accept-Encoding');
    }
    return writeHead.apply(this, args);
  } as Response['writeHead'];
  return (req, res, next) => {
    if (req.headers['accept-encoding'] !== undefined) {
      full(req, res, next);
      return;
    }
    (res as Marked)[VARY_ON_HEADERS] = true;
    next();
  };
}
