import type { Request, RequestHandler, Response } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { HttpProblem } from './problem.js';

/** The budgets the API keeps, each in its own store. */
export type RateLimitName = 'writes' | 'auth-failures';

/**
 * Where a budget's counts live. Unset: express-rate-limit's MemoryStore, one per budget, right
 * for a single process; replicas need a shared store (any express-rate-limit `Store`, e.g. one
 * over PostgreSQL) so that a client's budget is the same on each of them.
 */
export type RateLimitStores = (name: RateLimitName) => Store;

const WINDOW_MS = 60_000;

function limiter(
  name: RateLimitName,
  perMinute: number,
  stores: RateLimitStores | undefined,
  detail: string,
  keyGenerator?: (req: Request, res: Response) => string,
): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: name,
    ...(stores && { store: stores(name) }),
    ...(keyGenerator && { keyGenerator }),
    // Without BROADSHEET_TRUST_PROXY, X-Forwarded-For is ignored on purpose (any client can send it).
    validate: { xForwardedForHeader: false },
    handler: (_req, res, next) => {
      // express-rate-limit has set Retry-After to the seconds left in this client's window.
      const retryAfter = res.getHeader('Retry-After');
      next(
        new HttpProblem(429, detail, {
          headers: { 'Retry-After': String(retryAfter ?? WINDOW_MS / 1000) },
        }),
      );
    },
  });
}

/** Writes per credential per minute, counted after authentication: each credential its own budget. */
export function credentialWriteLimit(perMinute: number, stores?: RateLimitStores): RequestHandler {
  return limiter(
    'writes',
    perMinute,
    stores,
    `at most ${perMinute} writes a minute are allowed with this credential; try again later`,
    (_req, res) => {
      const credential = res.locals.credential;
      if (!credential) throw new Error('credentialWriteLimit runs after requireCredential');
      return credential.id;
    },
  );
}

/**
 * Failed authentications per client address (req.ip, which BROADSHEET_TRUST_PROXY lets be the
 * address a proxy reports; IPv6 addresses by their /56) per minute: only failures reach it.
 */
export function authFailureLimit(perMinute: number, stores?: RateLimitStores): RequestHandler {
  return limiter(
    'auth-failures',
    perMinute,
    stores,
    `at most ${perMinute} failed authentications a minute are allowed from one address; try again later`,
  );
}
