import type { Logger } from 'pino';

/**
 * One background job that runs every `everyMs`: feed polling, scheduled publication issues and
 * mail delivery each get one. A run never overlaps the previous one (a slow run delays the next
 * rather than piling up), an error is logged and the job carries on, and `stop()` waits for a
 * run in progress so that shutdown never cuts a write in half. Timers are unref'd: a job alone
 * never keeps the process alive.
 */
export interface PeriodicJob {
  /** Runs the job now (after the run in progress, if any) and resolves when that run ends. */
  runNow(): Promise<void>;
  /** No more runs; resolves once the run in progress (if any) has finished. */
  stop(): Promise<void>;
}

export interface PeriodicJobOptions {
  name: string;
  everyMs: number;
  /** The work of one run: bounded (a batch), so that stop() never waits long. */
  run: () => Promise<void>;
  logger: Logger;
  /** First run after this delay (default: everyMs); 0 runs at once, e.g. a missed slot at start. */
  firstDelayMs?: number;
}

export function startPeriodicJob(options: PeriodicJobOptions): PeriodicJob {
  const { name, everyMs, run, logger } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const runOnce = (): Promise<void> => {
    current = current.then(async () => {
      if (stopped) return;
      try {
        await run();
      } catch (err) {
        logger.error({ err, job: name }, `background job ${name} failed; it runs again later`);
      }
    });
    return current;
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      void runOnce().then(() => schedule(everyMs));
    }, delay);
    timer.unref();
  };
  schedule(options.firstDelayMs ?? everyMs);

  return {
    runNow: runOnce,
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await current;
    },
  };
}
