import type { Request, Response } from 'express';

/**
 * Sets the validators of a representation and answers 304 when the client's copy is
 * current. Returns true when the response is finished.
 */
export function answerConditional(req: Request, res: Response, etag: string, modifiedAt: string): boolean {
  res.setHeader('ETag', `"${etag}"`);
  res.setHeader('Last-Modified', new Date(modifiedAt).toUTCString());
  res.setHeader('Cache-Control', 'no-cache');
  if (req.fresh) {
    res.status(304).end();
    return true;
  }
  return false;
}
