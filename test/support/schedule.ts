/**
 * Waiting on real timers for what a server does on its own schedule (polls, publication issues,
 * mail), without fixed sleeps.
 */

/** Polls `probe` (every 500 ms) until it gives a value, or fails after `ms` saying what it waited for. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 90_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The 6-field cron (seconds first) firing daily at `at`'s time of day in `timeZone`. */
export function dailyCronAt(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return `${part('second')} ${part('minute')} ${part('hour')} * * *`;
}

/** A slot `seconds` from now, on a whole second (cron has no finer unit). */
export function slotIn(seconds: number): Date {
  return new Date(Math.ceil((Date.now() + seconds * 1000) / 1000) * 1000);
}
