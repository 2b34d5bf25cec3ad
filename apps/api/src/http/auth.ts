import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpProblem } from './problem.js';

/**
 * Who a write acts for. `id` keys its own write budget: today the one token (`token`), later
 * each API key its own id.
 */
export interface Credential {
  id: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Set by requireCredential once the request's bearer secret names a credential. */
      credential?: Credential;
    }
  }
}

/** The credential a bearer secret belongs to, or undefined when it belongs to none. */
export type Authenticator = (secret: string) => Credential | undefined;

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * The one write token. Both sides are hashed first so that timingSafeEqual compares
 * equal-length buffers and the token's length does not leak.
 */
export function tokenAuthenticator(token: string): Authenticator {
  const expected = digest(token);
  const credential: Credential = { id: 'token' };
  return (secret) => (timingSafeEqual(digest(secret), expected) ? credential : undefined);
}

/**
 * Requires `Authorization: Bearer <secret>` naming a credential, which it puts on
 * `res.locals.credential`. A request without one goes through `failureLimit` first (the
 * per-address limit on failed authentication, which answers 429 once exceeded) and is then
 * answered 401. The secret is checked before any limit: a client that keeps failing never
 * costs the real writer a 429, wherever it connects from.
 */
export function requireCredential(
  authenticate: Authenticator,
  failureLimit: RequestHandler,
): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(header);
    const credential = match?.[1] ? authenticate(match[1]) : undefined;
    if (credential) {
      res.locals.credential = credential;
      next();
      return;
    }
    const refusal = match?.[1]
      ? new HttpProblem(401, 'the bearer token is not valid', {
          headers: { 'WWW-Authenticate': 'Bearer realm="broadsheet", error="invalid_token"' },
        })
      : new HttpProblem(401, 'this request needs an Authorization: Bearer <token> header', {
          headers: { 'WWW-Authenticate': 'Bearer realm="broadsheet"' },
        });
    void failureLimit(req, res, (err?: unknown) => next(err ?? refusal));
  };
}
