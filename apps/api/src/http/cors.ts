import cors from 'cors';
import type { RequestHandler } from 'express';
import { HttpProblem } from './problem.js';

/** Response headers a page on another origin may read. */
const EXPOSED_HEADERS = [
  'ETag',
  'Last-Modified',
  'Link',
  'Location',
  'Content-Disposition',
  'Content-Range',
  'Accept-Ranges',
  'X-Request-Id',
  'Retry-After',
];

/**
 * Request headers a read (GET, HEAD) from another origin may carry beyond the CORS-safelisted
 * ones. Not Authorization: reads need none, and writes are not offered cross-origin.
 */
const READ_REQUEST_HEADERS = [
  'Accept',
  'Accept-Language',
  'Content-Language',
  'If-Match',
  'If-None-Match',
  'If-Modified-Since',
  'If-Unmodified-Since',
  'If-Range',
  'Range',
  'X-Request-Id',
];

const READ_METHODS = ['GET', 'HEAD'];

/**
 * CORS for reads: every origin may read (downloads, JSON, OPDS, feeds are public), with `*`
 * and no credentials. The same headers on every response but preflights, so they are
 * recorded once (see fixed-headers.ts).
 */
export const readCors: RequestHandler = cors({
  origin: '*',
  methods: READ_METHODS,
  allowedHeaders: READ_REQUEST_HEADERS,
  exposedHeaders: EXPOSED_HEADERS,
  maxAge: 600,
});

/**
 * Preflights: granted for GET and HEAD; refused (403, no Access-Control-Allow-* headers, so the
 * browser sends nothing) for every other method. Writes are not offered to pages on other
 * origins: a page holding a token must not be able to publish with it from a browser.
 */
export const corsPreflight: RequestHandler = (req, res, next) => {
  const method = req.get('access-control-request-method');
  if (method === undefined || READ_METHODS.includes(method)) {
    readCors(req, res, next);
    return;
  }
  next(
    new HttpProblem(
      403,
      `${method.slice(0, 20)} is not offered to pages on other origins; only GET and HEAD are`,
    ),
  );
};
