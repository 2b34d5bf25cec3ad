import type { Request } from 'express';
import { PreconditionFailedError } from '../store/types.js';
import { HttpProblem } from './problem.js';

/** `*`, or the opaque parts of the strong entity tags an If-Match lists. */
export type IfMatch = '*' | readonly string[];

/**
 * The request's If-Match (RFC 9110 §13.1.1), or undefined without one. Comparison is strong:
 * weak tags (`W/"…"`) never match, so they are dropped (an If-Match of only weak tags fails).
 */
export function ifMatchOf(req: Request): IfMatch | undefined {
  const header = req.headers['if-match'];
  if (header === undefined) return undefined;
  if (header.trim() === '*') return '*';
  return header
    .split(',')
    .map((t) => t.trim())
    .flatMap((t) => (/^"[\x21\x23-\x7e]*"$/.test(t) ? [t.slice(1, -1)] : []));
}

/** `If-None-Match: *` on a write: create only, never replace (RFC 9110 §13.1.2). */
export const createOnly = (req: Request) => req.headers['if-none-match']?.trim() === '*';

export const ifMatchRequired = () =>
  new HttpProblem(
    428,
    'this server requires If-Match on writes to existing resources (BROADSHEET_REQUIRE_IF_MATCH); read the resource, then send its ETag in If-Match',
    { errors: [{ path: 'If-Match', message: 'required' }] },
  );

/**
 * Runs a write whose condition stands for a required If-Match that was left out (`absent`):
 * finding the resource there answers 428 rather than 412.
 */
export async function requiringIfMatch<T>(required: boolean, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (required && err instanceof PreconditionFailedError && err.exists) throw ifMatchRequired();
    throw err;
  }
}
