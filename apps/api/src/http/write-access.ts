import type { RequestHandler } from 'express';
import type { Scope } from '../store/types.js';
import { requireCredential, requireScope, type Authenticator } from './auth.js';
import { authFailureLimit, credentialWriteLimit, type RateLimitStores } from './rate-limits.js';

export interface WriteAccessOptions {
  authenticate: Authenticator;
  writesPerMinute: number;
  authFailuresPerMinute: number;
  stores?: RateLimitStores | undefined;
}

/** A guard by scope; `.read(scope)` is the same guard for reads that need a credential. */
export interface AccessGuards {
  (scope: Scope): RequestHandler;
  /**
   * Reads of an operator's data (API keys, feed subscriptions, publications): authentication
   * and the scope as for a write, but no draw on the credential's write budget, so that listing
   * never locks its reader out of writing.
   */
  read(this: void, scope: Scope): RequestHandler;
}

/**
 * The guards of write routes, by scope: authentication (failures limited per address, then
 * 401), then the scope (403), then the credential's own write budget (429 beyond). One per
 * app, so every route draws on the same budgets.
 */
export function writeAccess(options: WriteAccessOptions): AccessGuards {
  const authenticate = requireCredential(
    options.authenticate,
    authFailureLimit(options.authFailuresPerMinute, options.stores),
  );
  const writes = credentialWriteLimit(options.writesPerMinute, options.stores);
  const memo = (limit: RequestHandler | undefined) => {
    const guards = new Map<Scope, RequestHandler>();
    return (scope: Scope): RequestHandler => {
      let guard = guards.get(scope);
      if (guard === undefined) {
        const scoped = requireScope(scope);
        guard = (req, res, next) => {
          authenticate(req, res, (err?: unknown) => {
            if (err !== undefined) {
              next(err);
              return;
            }
            scoped(req, res, (denied?: unknown) => {
              if (denied !== undefined) next(denied);
              else if (limit === undefined) next();
              else void limit(req, res, next);
            });
          });
        };
        guards.set(scope, guard);
      }
      return guard;
    };
  };
  return Object.assign(memo(writes), { read: memo(undefined) });
}
