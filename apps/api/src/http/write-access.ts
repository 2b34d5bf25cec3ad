import type { RequestHandler } from 'express';
import { requireCredential, type Authenticator } from './auth.js';
import { authFailureLimit, credentialWriteLimit, type RateLimitStores } from './rate-limits.js';

export interface WriteAccessOptions {
  authenticate: Authenticator;
  writesPerMinute: number;
  authFailuresPerMinute: number;
  stores?: RateLimitStores | undefined;
}

/**
 * The guard of every write route: authentication (failures limited per address, then 401),
 * then the credential's own write budget (429 beyond). One per app, so every route draws on
 * the same budgets.
 */
export function writeAccess(options: WriteAccessOptions): RequestHandler {
  const authenticate = requireCredential(
    options.authenticate,
    authFailureLimit(options.authFailuresPerMinute, options.stores),
  );
  const writes = credentialWriteLimit(options.writesPerMinute, options.stores);
  return (req, res, next) => {
    authenticate(req, res, (err?: unknown) => {
      if (err !== undefined) next(err);
      else void writes(req, res, next);
    });
  };
}
