import { Router } from 'express';
import type { RouterDeps } from '../deps.js';
import { parseBody } from '../http/body.js';
import { notFound } from '../http/problem.js';
import { parseParams } from '../http/validate.js';
import { createKey } from './create.js';
import { CreateKeyRequest } from './schemas.js';

/** Key management: admin only (the environment's token, or a key with the admin scope). */
export function createKeysRouter(deps: RouterDeps): Router {
  const router = Router();
  const admin = deps.requireScope('admin');

  router.post(
    '/v1/keys',
    admin,
    ...parseBody(deps.bodyLimitBytes, { json: true }),
    async (req, res) => {
      const body = parseParams(CreateKeyRequest, req.body, 'body');
      const created = await createKey(deps.store.keys, body.name, body.scopes);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Location', `/v1/keys/${created.id}`);
      res.status(201).json(created);
    },
  );

  router.get('/v1/keys', deps.requireScopeToRead('admin'), async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ items: await deps.store.keys.list() });
  });

  router.delete('/v1/keys/:id', admin, async (req, res) => {
    const id = String(req.params.id);
    if (!(await deps.store.keys.revoke(id)))
      throw notFound(`no key with id ${JSON.stringify(id.slice(0, 40))} that is not revoked`);
    res.status(204).end();
  });

  return router;
}
