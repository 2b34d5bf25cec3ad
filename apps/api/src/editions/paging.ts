import { z } from 'zod';
import { InvalidCursorError } from '../store/types.js';
import type { EditionSummary } from './schemas.js';

/** Where an edition sits in the list: date, curated (0) before daily (1), newest created, id. */
const Position = z.tuple([z.string().max(10), z.literal([0, 1]), z.string().max(40), z.string()]);
type Position = z.infer<typeof Position>;

export interface ListedEdition extends EditionSummary {
  /** When a curated edition was created ('' for daily ones): its order within its date. */
  createdAt: string;
}

const position = (e: ListedEdition): Position => [
  e.date,
  e.kind === 'curated' ? 0 : 1,
  e.createdAt,
  e.id,
];

/** Newest date first; on a day curated editions (newest created first) before the daily one. */
export function compareEditions(a: Position, b: Position): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? 1 : -1;
  if (a[1] !== b[1]) return a[1] - b[1];
  if (a[2] !== b[2]) return a[2] < b[2] ? 1 : -1;
  return a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0;
}

const invalid = () =>
  new InvalidCursorError('cursor is not one this server issued; start again without it');

function decode(cursor: string): Position {
  if (cursor.length > 1000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  try {
    return Position.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw invalid();
  }
}

/**
 * One page of editions after `cursor` (a keyset position: an edition added or removed before
 * it neither repeats nor skips others), and the cursor of the next page when there is one.
 */
export function pageOf(
  editions: readonly ListedEdition[],
  limit: number,
  cursor: string | undefined,
): { items: ListedEdition[]; nextCursor?: string } {
  const sorted = [...editions].sort((a, b) => compareEditions(position(a), position(b)));
  const after = cursor === undefined ? undefined : decode(cursor);
  const rest = after ? sorted.filter((e) => compareEditions(position(e), after) > 0) : sorted;
  const items = rest.slice(0, limit);
  const last = items.at(-1);
  if (rest.length <= limit || !last) return { items };
  return {
    items,
    nextCursor: Buffer.from(JSON.stringify(position(last)), 'utf8').toString('base64url'),
  };
}
