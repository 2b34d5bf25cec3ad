import { Router } from 'express';
import type { AppDeps } from '../deps.js';

/** Liveness: answers while the process can reach its store. */
export function createHealthRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const articles = await deps.store.articles.count();
    res.set('Cache-Control', 'no-store').json({ status: 'ok', articles });
  });
  return router;
}
