import type { Logger } from 'pino';
import { startPeriodicJob, type PeriodicJob } from '../jobs/periodic.js';
import type { FeedService } from './feed-service.js';

/** How often the poller looks for due feeds; each feed's own schedule is its `nextPollAt`. */
export const FEED_POLL_TICK_MS = 60_000;
/** Feeds leased at a time, and batches in one run: a run (and so a shutdown) stays bounded. */
const BATCH = 20;
const BATCHES_PER_RUN = 5;

export interface FeedPollerOptions {
  service: FeedService;
  logger: Logger;
  /** Between runs (default FEED_POLL_TICK_MS). */
  everyMs?: number;
  /** Before the first run (default: at once, so feeds missed while the server was down are polled). */
  firstDelayMs?: number;
}

/**
 * The background loop that polls due feeds, on the shared periodic job runner (runs never
 * overlap; errors are logged and the loop goes on; stop() waits for the run in progress).
 * Started by server.ts only when BROADSHEET_SCHEDULER is on. Feeds are leased in the store, so
 * any number of replicas may run it: each feed is polled by one of them at a time.
 */
export function startFeedPoller(options: FeedPollerOptions): PeriodicJob {
  return startPeriodicJob({
    name: 'feed-poller',
    everyMs: options.everyMs ?? FEED_POLL_TICK_MS,
    firstDelayMs: options.firstDelayMs ?? 0,
    logger: options.logger,
    run: async () => {
      for (let i = 0; i < BATCHES_PER_RUN; i++) {
        const polled = await options.service.pollDue(BATCH);
        for (const result of polled) {
          options.logger.info(
            {
              feed: result.feed.id,
              status: result.status,
              new: result.new,
              updated: result.updated,
              warnings: result.warnings.length,
            },
            `feed ${result.feed.url} polled: ${result.status}`,
          );
        }
        if (polled.length < BATCH) break;
      }
    },
  });
}
