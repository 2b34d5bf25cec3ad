import { Cron } from 'croner';
import type { Publication } from '../store/publication-types.js';

/**
 * A publication's schedule: a cron expression of 5 fields, or 6 with seconds first, read in
 * an IANA time zone (croner). Throws on a malformed expression or an unknown zone.
 */
export function scheduleOf(schedule: string, timeZone: string): Cron {
  return new Cron(schedule, { timezone: timeZone, paused: true, mode: '5-or-6-parts' });
}

/** The next scheduled issue after `after`; null when the schedule never fires again. */
export function nextSlot(p: Pick<Publication, 'schedule' | 'timeZone'>, after: Date): Date | null {
  return scheduleOf(p.schedule, p.timeZone).nextRun(after);
}

/**
 * The slot due now: the latest scheduled time at or before `now`, unless it is not after the
 * last slot handled or the publication's creation. Only the latest: after downtime, the days
 * missed make one issue, not one each.
 */
export function dueSlot(
  p: Pick<Publication, 'schedule' | 'timeZone' | 'createdAt' | 'lastSlot'>,
  now: Date,
): string | undefined {
  // previousRuns includes a run earlier in the reference's second: 1 ms on includes `now`.
  const [latest] = scheduleOf(p.schedule, p.timeZone).previousRuns(1, new Date(now.getTime() + 1));
  if (!latest) return undefined;
  const slot = latest.toISOString();
  if (slot <= p.createdAt || (p.lastSlot !== undefined && slot <= p.lastSlot)) return undefined;
  return slot;
}
