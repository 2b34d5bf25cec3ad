import { Router } from 'express';
import type { AppDeps } from '../deps.js';
import { buildOpenApiDocument } from './document.js';

export function createOpenApiRouter(_deps: AppDeps): Router {
  const router = Router();
  // Built once: it depends only on the code.
  const body = JSON.stringify(buildOpenApiDocument());
  router.get('/openapi.json', (_req, res) => {
    res.type('application/json').set('Cache-Control', 'public, max-age=300').send(body);
  });
  return router;
}
