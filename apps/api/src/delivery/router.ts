import { Router, type Request } from 'express';
import type { RouterDeps } from '../deps.js';
import { resolveEdition, type ResolvedEdition } from '../editions/resolve.js';
import { parseBody } from '../http/body.js';
import { conflict, notFound } from '../http/problem.js';
import { parseParams } from '../http/validate.js';
import { distinctRecipients } from './issue-hook.js';
import { MAIL_NOT_CONFIGURED } from './messages.js';
import { DeliveryRequest } from './schemas.js';
import { deliverySummary } from './status.js';

async function edition(deps: RouterDeps, req: Request): Promise<ResolvedEdition> {
  const id = String(req.params.id);
  const resolved = await resolveEdition(deps.store, id);
  if (!resolved) throw notFound(`no edition "${id.slice(0, 120)}"`);
  return resolved;
}

/**
 * An edition's mail deliveries: who it was mailed to and how that went (recipients are personal
 * data: a credential is needed to read them), and mailing it now to the addresses given.
 */
export function createDeliveriesRouter(deps: RouterDeps): Router {
  const router = Router();
  const auth = deps.requireScope('feeds:write');
  const json = parseBody(deps.bodyLimitBytes, { json: true });

  router.get(
    '/v1/editions/:id/deliveries',
    deps.requireScopeToRead('feeds:write'),
    async (req, res) => {
      const { edition: e } = await edition(deps, req);
      const items = await deps.store.deliveries.forEdition(e.id);
      res.setHeader('Cache-Control', 'no-store');
      res.json({ items: items.map(deliverySummary) });
    },
  );

  router.post('/v1/editions/:id/deliveries', auth, ...json, async (req, res) => {
    const body = parseParams(DeliveryRequest, req.body, 'body');
    const { edition: e } = await edition(deps, req);
    if (deps.mailDelivery?.configured !== true) throw conflict(MAIL_NOT_CONFIGURED);
    // A pair already recorded is answered as it stands: an edition is mailed to an address once.
    const items = await deps.store.deliveries.enqueue(
      distinctRecipients(body.email).map((recipient) => ({ editionId: e.id, recipient })),
    );
    deps.mailDelivery.wake?.();
    res.setHeader('Cache-Control', 'no-store');
    res.status(202).json({ items: items.map(deliverySummary) });
  });

  return router;
}
