import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpProblem } from './problem.js';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Requires `Authorization: Bearer <token>`. Both sides are hashed first so that
 * timingSafeEqual compares equal-length buffers and the token's length does not leak.
 */
export function requireToken(token: string): RequestHandler {
  const expected = digest(token);
  return (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(header);
    if (!match?.[1]) {
      next(
        new HttpProblem(401, 'this request needs an Authorization: Bearer <token> header', {
          headers: { 'WWW-Authenticate': 'Bearer realm="broadsheet"' },
        }),
      );
      return;
    }
    if (!timingSafeEqual(digest(match[1]), expected)) {
      next(
        new HttpProblem(401, 'the bearer token is not valid', {
          headers: { 'WWW-Authenticate': 'Bearer realm="broadsheet", error="invalid_token"' },
        }),
      );
      return;
    }
    next();
  };
}
