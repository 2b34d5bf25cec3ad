import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { HttpProblem } from './problem.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Limits writes per client address per minute; reads are never limited. */
export function writeRateLimit(perMinute: number): RequestHandler {
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next, options) => {
      next(
        new HttpProblem(429, `at most ${perMinute} writes a minute are allowed; try again later`, {
          headers: { 'Retry-After': String(Math.ceil(options.windowMs / 1000)) },
        }),
      );
    },
  });
  // Reads never reach the limiter (it would only decide to skip them, at a cost per request).
  return (req, res, next) => {
    if (WRITE_METHODS.has(req.method)) void limiter(req, res, next);
    else next();
  };
}
