import { Router } from 'express';
import type { AppDeps } from '../deps.js';

/**
 * Liveness and readiness: 200 while the store answers; when its database does not (PostgreSQL
 * down or unreachable), the store's StoreUnavailableError makes it a 503 problem with
 * Retry-After, so a load balancer takes this replica out until the database answers again.
 */
export function createHealthRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const articles = await deps.store.articles.count();
    res.set('Cache-Control', 'no-store').json({ status: 'ok', articles });
  });
  return router;
}
