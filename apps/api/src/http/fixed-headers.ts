import type { RequestHandler } from 'express';

type Header = [name: string, value: string];

/**
 * The headers a middleware sets on a plain GET, found by running it once against a recording
 * response. Only for middleware whose headers never depend on the request (helmet with fixed
 * directives, CORS with a fixed origin): it must call `next()` at once and touch nothing but
 * headers, or this throws at start-up rather than serve something different.
 */
export function recordHeaders(middleware: RequestHandler): Header[] {
  const headers = new Map<string, Header>();
  const res = {
    statusCode: 200,
    getHeader: (name: string) => headers.get(name.toLowerCase())?.[1],
    setHeader(name: string, value: unknown) {
      headers.set(name.toLowerCase(), [
        name,
        Array.isArray(value) ? value.join(', ') : String(value),
      ]);
      return res;
    },
    removeHeader: (name: string) => void headers.delete(name.toLowerCase()),
  };
  const req = { method: 'GET', url: '/', headers: {} };
  let nextCalled = false;
  let failure: unknown;
  const middlewareCall = middleware as unknown as (
    req: unknown,
    res: unknown,
    next: (err?: unknown) => void,
  ) => void;
  middlewareCall(req, res, (err?: unknown) => {
    nextCalled = true;
    failure = err;
  });
  if (!nextCalled || failure !== undefined)
    throw new Error('recordHeaders: the middleware did not pass a plain GET straight on');
  return [...headers.values()];
}

export interface FixedHeaders {
  /** On every response (security headers). */
  always: readonly Header[];
  /** Only on requests that came over HTTPS (req.secure, which honours trust proxy): HSTS. */
  secure: readonly Header[];
  /** On every response but `OPTIONS` (CORS for simple requests). */
  simple: readonly Header[];
  /** Answers `OPTIONS` (CORS preflights depend on the request's Access-Control-Request-*). */
  preflight: RequestHandler;
}

/**
 * One middleware setting recorded headers (security headers, CORS) instead of running a dozen
 * middleware functions that compute the same values for every request.
 */
export function fixedHeaders({ always, secure, simple, preflight }: FixedHeaders): RequestHandler {
  return (req, res, next) => {
    for (const [name, value] of always) res.setHeader(name, value);
    // HSTS over plain HTTP is meaningless at best (RFC 6797 §7.2: browsers ignore it there).
    if (secure.length > 0 && req.secure)
      for (const [name, value] of secure) res.setHeader(name, value);
    if (req.method === 'OPTIONS') {
      preflight(req, res, next);
      return;
    }
    for (const [name, value] of simple) res.setHeader(name, value);
    next();
  };
}
