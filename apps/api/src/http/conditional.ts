import type { Request, Response } from 'express';

/**
 * RFC 9110 §13.1.2/§13.1.3 evaluation of If-None-Match / If-Modified-Since for GET and HEAD.
 * Not `req.fresh`: the `fresh` package answers "stale" whenever the request says
 * `Cache-Control: no-cache`, which fetch() adds to every conditional request, so revalidating
 * clients would never get their 304.
 */
export function isNotModified(req: Request, etag: string, modifiedAt: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    if (inm.trim() === '*') return true;
    return inm.split(',').some((tag) => tag.trim().replace(/^W\//, '') === `"${etag}"`);
  }
  const ims = req.headers['if-modified-since'];
  if (ims !== undefined) {
    const since = Date.parse(ims);
    // HTTP dates have whole seconds.
    const modified = Math.floor(Date.parse(modifiedAt) / 1000) * 1000;
    return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since;
  }
  return false;
}

/**
 * Sets the validators of a representation and answers 304 when the client's copy is
 * current. Returns true when the response is finished.
 */
export function answerConditional(
  req: Request,
  res: Response,
  etag: string,
  modifiedAt: string,
): boolean {
  res.setHeader('ETag', `"${etag}"`);
  res.setHeader('Last-Modified', new Date(modifiedAt).toUTCString());
  if (!res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', 'no-cache');
  if (isNotModified(req, etag, modifiedAt)) {
    res.status(304).end();
    return true;
  }
  return false;
}
