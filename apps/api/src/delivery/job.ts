import { startPeriodicJob, type PeriodicJob } from '../jobs/periodic.js';
import { createDeliverySender, type DeliverySenderDeps } from './send-due.js';

/** How often due deliveries (retries included) are looked for; new issues wake the job at once. */
export const DELIVERY_EVERY_MS = 30_000;

/**
 * The mail delivery job on the shared periodic runner: each run sends what is due. `wake()`
 * (given to issueDeliveryHook and the deliveries route) runs it now rather than at the next tick.
 */
export function startDeliveryJob(
  deps: DeliverySenderDeps & { everyMs?: number },
): PeriodicJob & { wake: () => void } {
  const sender = createDeliverySender(deps);
  const job = startPeriodicJob({
    name: 'mail-delivery',
    everyMs: deps.everyMs ?? DELIVERY_EVERY_MS,
    // A restart sends what was due while the server was down without waiting a tick.
    firstDelayMs: 0,
    logger: deps.logger,
    run: async () => {
      await sender.sendDue();
    },
  });
  return {
    runNow: () => job.runNow(),
    wake: () => void job.runNow(),
    async stop() {
      await job.stop();
      sender.close();
    },
  };
}
