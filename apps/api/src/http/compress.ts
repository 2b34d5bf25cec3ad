import compression from 'compression';
import type { RequestHandler } from 'express';

const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/;

/**
 * `compression()` for clients that ask for an encoding. A request without Accept-Encoding
 * can only get identity, so it skips compression's per-response stream plumbing and gets
 * just the `Vary: Accept-Encoding` compression would have added (compressible types only,
 * not with Cache-Control: no-transform), so caches see the same variants either way.
 */
export function compress(): RequestHandler {
  const full = compression();
  return (req, res, next) => {
    if (req.headers['accept-encoding'] !== undefined) {
      full(req, res, next);
      return;
    }
    // Express answers through writeHead(status); headers are final when it is called.
    const writeHead = res.writeHead.bind(res);
    res.writeHead = function (...args: Parameters<typeof res.writeHead>) {
      res.writeHead = writeHead;
      const cacheControl = res.getHeader('Cache-Control');
      if (
        compression.filter(req, res) &&
        !(typeof cacheControl === 'string' && NO_TRANSFORM.test(cacheControl))
      )
        res.vary('Accept-Encoding');
      return writeHead(...args);
    } as typeof res.writeHead;
    next();
  };
}
