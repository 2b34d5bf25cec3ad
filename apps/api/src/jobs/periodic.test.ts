import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startPeriodicJob } from './periodic.js';

const logger = pino({ level: 'silent' });

describe('startPeriodicJob', () => {
  it('runs repeatedly, never two runs at once', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const job = startPeriodicJob({
      name: 'test',
      everyMs: 1,
      firstDelayMs: 0,
      logger,
      run: async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 5));
        runs += 1;
        running -= 1;
      },
    });
    await Promise.all([job.runNow(), job.runNow(), job.runNow()]);
    await new Promise((r) => setTimeout(r, 40));
    await job.stop();
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(maxRunning).toBe(1);
  });

  it('keeps running after a failed run, and stop() waits for the run in progress', async () => {
    let calls = 0;
    let finished = false;
    let started = () => {};
    const secondStarted = new Promise<void>((r) => (started = r));
    const job = startPeriodicJob({
      name: 'test',
      everyMs: 60_000,
      logger,
      run: async () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
        started();
        await new Promise((r) => setTimeout(r, 20));
        finished = true;
      },
    });
    await job.runNow();
    const second = job.runNow();
    await secondStarted;
    await job.stop();
    await second;
    expect(calls).toBe(2);
    expect(finished).toBe(true);
    await job.runNow();
    expect(calls).toBe(2);
  });
});
