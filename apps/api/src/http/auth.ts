import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Scope } from '../store/types.js';
import { HttpProblem } from './problem.js';

/**
 * Who a write acts for. `id` keys its own write budget: the environment's token is `token`,
 * each API key `key:<id>`. `scopes` say which writes it may make (`admin` may make all).
 */
export interface Credential {
  id: string;
  scopes: readonly Scope[];
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
export type Authenticator = (
  secret: string,
) => Credential | undefined | Promise<Credential | undefined>;

export const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * The environment's token, the bootstrap admin credential. Both sides are hashed first so that
 * timingSafeEqual compares equal-length buffers and the token's length does not leak.
 */
export function tokenAuthenticator(token: string): Authenticator {
  const expected = digest(token);
  const credential: Credential = { id: 'token', scopes: ['admin'] };
  return (secret) => (timingSafeEqual(digest(secret), expected) ? credential : undefined);
}

/** The first credential any of the authenticators finds, asked in order. */
export function anyOf(...authenticators: Authenticator[]): Authenticator {
  return async (secret) => {
    for (const authenticate of authenticators) {
      const found = await authenticate(secret);
      if (found) return found;
    }
    return undefined;
  };
}

/** Whether the credential may make writes that need `scope`. */
export const hasScope = (credential: Credential, scope: Scope) =>
  credential.scopes.includes('admin') || credential.scopes.includes(scope);

/**
 * 403 unless the request's credential (set by requireCredential) has `scope`; the problem names
 * the scope, so the integrator knows which key to ask for.
 */
export function requireScope(scope: Scope): RequestHandler {
  return (_req, res, next) => {
    const credential = res.locals.credential;
    if (credential && hasScope(credential, scope)) {
      next();
      return;
    }
    next(
      new HttpProblem(403, `this request needs a key with the scope ${scope}`, {
        errors: [{ path: 'Authorization', message: `the key lacks the scope ${scope}` }],
      }),
    );
  };
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
    const secret = match?.[1];
    const refuse = () => {
      const refusal = secret
        ? new HttpProblem(401, 'the bearer token is not valid', {
            headers: { 'WWW-Authenticate': 'Bearer realm="broadsheet", error="invalid_token"' },
          })
        : new HttpProblem(401, 'this request needs an Authorization: Bearer <token> header', {
            headers: { 'WWW-Authenticate': 'Bearer realm="broadsheet"' },
          });
      void failureLimit(req, res, (err?: unknown) => next(err ?? refusal));
    };
    if (!secret) {
      refuse();
      return;
    }
    Promise.resolve(authenticate(secret)).then((credential) => {
      if (!credential) {
        refuse();
        return;
      }
      res.locals.credential = credential;
      next();
    }, next);
  };
}
