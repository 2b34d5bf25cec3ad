import { z } from 'zod';
import { InvalidCursorError } from './types.js';

/** Page position: keyset (sort key + row) for date order, offset for ranked search. */
export const CursorState = z.union([
  z.object({ k: z.string().max(64), r: z.int().nonnegative() }),
  z.object({ o: z.int().nonnegative().max(1_000_000) }),
]);
export type CursorState = z.infer<typeof CursorState>;

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorState {
  const invalid = () =>
    new InvalidCursorError('cursor is not one this server issued; start again without it');
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const result = CursorState.safeParse(parsed);
  if (!result.success) throw invalid();
  return result.data;
}
