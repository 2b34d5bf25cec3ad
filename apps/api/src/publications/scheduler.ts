import { startPeriodicJob, type PeriodicJob } from '../jobs/periodic.js';
import { publishIssue, type PublishDeps } from './publish.js';
import { dueSlot } from './slots.js';

export interface PublicationSchedulerOptions extends PublishDeps {
  now: () => Date;
  /** How often due slots are looked for (default 15 s). */
  everyMs?: number;
  /** First look after this delay (default 0: a slot missed while the server was down, at once). */
  firstDelayMs?: number;
}

/**
 * Makes each publication's issues at their scheduled times: every run, each publication whose
 * latest slot at or before now is not yet handled gets that slot's issue (or none, when
 * nothing new arrived). Replicas may all run it: the store lets one issue per slot through.
 */
export function startPublicationScheduler(options: PublicationSchedulerOptions): PeriodicJob {
  return startPeriodicJob({
    name: 'publications',
    everyMs: options.everyMs ?? 15_000,
    firstDelayMs: options.firstDelayMs ?? 0,
    logger: options.logger,
    run: async () => {
      const now = options.now();
      for (const publication of await options.store.publications.list()) {
        let slot: string | undefined;
        try {
          slot = dueSlot(publication, now);
        } catch (err) {
          // A schedule stored before a croner upgrade that no longer reads it: skip, say so.
          options.logger.error(
            { err, publicationId: publication.id },
            'the publication schedule cannot be read',
          );
        }
        if (slot === undefined) continue;
        // One publication's failure (a lost connection, a clashing edition id) must not hold
        // up the others; its slot stays unhandled, so the next run tries it again.
        await publishIssue(options, publication.id, slot, now).catch((err: unknown) => {
          options.logger.error(
            { err, publicationId: publication.id, slot },
            'making a publication issue failed; it is tried again on the next run',
          );
        });
      }
    },
  });
}
