import { Router } from 'express';
import type { AppDeps } from '../deps.js';

/** How long the database may take to answer the health check's `SELECT 1`. */
export const HEALTH_DATABASE_TIMEOUT_MS = 2_000;

/**
 * Liveness and readiness: 200 while the database answers a trivial query within two seconds;
 * otherwise the store's StoreUnavailableError makes it a 503 problem with Retry-After, so a
 * load balancer takes this replica out until the database answers again. `rendered` counts
 * the renders this process made since it started (a render served from the shared store or
 * the disk cache is not one).
 */
export function createHealthRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    await deps.store.ping(HEALTH_DATABASE_TIMEOUT_MS);
    res
      .set('Cache-Control', 'no-store')
      .json({ status: 'ok', database: 'ok', rendered: deps.renderer.stats().rendered });
  });
  return router;
}
