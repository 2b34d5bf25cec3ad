import { isDeepStrictEqual } from 'node:util';
import type { RestoreCounts } from './types.js';

/**
 * How a store restores records copied from another (the `restore` methods): each record's row
 * here, if any; whether it already says what the record says; and the write (an insert when
 * there is no row, else a replacement).
 */
export interface RestoreSteps<T, R> {
  existing(record: T): R | undefined;
  same(existing: R, record: T): boolean;
  write(record: T, existing: R | undefined): void;
}

/** The same, for a database reached asynchronously (PostgreSQL). */
export interface AsyncRestoreSteps<T, R> {
  existing(record: T): Promise<R | undefined>;
  same(existing: R, record: T): boolean;
  write(record: T, existing: R | undefined): Promise<void>;
}

const none = (): RestoreCounts => ({ created: 0, updated: 0, unchanged: 0 });

/** `same` for rows copied whole: every column equal. */
export const sameRow = <R>(stored: R, copied: R): boolean => isDeepStrictEqual(stored, copied);

/**
 * Restores records one by one: created when absent, left alone when the same, replaced
 * otherwise. Synchronous, for inside a better-sqlite3 transaction.
 */
export function restoreEach<T, R>(records: readonly T[], steps: RestoreSteps<T, R>): RestoreCounts {
  const counts = none();
  for (const record of records) {
    const existing = steps.existing(record);
    if (existing !== undefined && steps.same(existing, record)) {
      counts.unchanged++;
      continue;
    }
    steps.write(record, existing);
    counts[existing === undefined ? 'created' : 'updated']++;
  }
  return counts;
}

/** restoreEach for a database reached asynchronously, inside its transaction. */
export async function restoreEachAsync<T, R>(
  records: readonly T[],
  steps: AsyncRestoreSteps<T, R>,
): Promise<RestoreCounts> {
  const counts = none();
  for (const record of records) {
    const existing = await steps.existing(record);
    if (existing !== undefined && steps.same(existing, record)) {
      counts.unchanged++;
      continue;
    }
    await steps.write(record, existing);
    counts[existing === undefined ? 'created' : 'updated']++;
  }
  return counts;
}
