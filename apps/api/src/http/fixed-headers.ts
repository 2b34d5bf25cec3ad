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

/**
 * One middleware setting recorded headers (security headers, CORS) instead of running a dozen
 * middleware functions that compute the same values for every request: `always` on every
 * response; `simple` on all but `OPTIONS`, which goes to `preflight` (CORS preflights depend on
 * the request's own Access-Control-Request-* headers).
 */
export function fixedHeaders(
  always: readonly Header[],
  simple: readonly Header[],
  preflight: RequestHandler,
): RequestHandler {
  return (req, res, next) => {
    for (const [name, value] of always) res.setHeader(name, value);
    if (req.method === 'OPTIONS') {
      preflight(req, res, next);
      return;
    }
    for (const [name, value] of simple) res.setHeader(name, value);
    next();
  };
}
