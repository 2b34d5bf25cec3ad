import { StoreUnavailableError } from '../types.js';

/** Seconds a client is asked to wait: the pool reconnects on the next request. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

/**
 * SQLSTATE classes and codes meaning "the database cannot answer now, try again": connection
 * exceptions (08), insufficient resources (53: disk full, out of memory, too many
 * connections), operator intervention (57: admin/crash shutdown, cannot connect now, query
 * cancelled by statement_timeout), serialization failures and deadlocks (40001, 40P01), a
 * read-only standby (25006) and a lock that could not be taken (55P03).
 */
const UNAVAILABLE_CLASSES = ['08', '53', '57'];
const UNAVAILABLE_CODES = new Set(['40001', '40P01', '25006', '55P03']);

/** Socket errors on the way to the server. */
const ERRNO_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * node-postgres raises these without a code when a connection dies or the pool cannot hand
 * one out in time; the messages are its own and stable across 8.x.
 */
const CLIENT_MESSAGES =
  /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|Query read timeout|Client was closed/i;

function field(err: unknown, name: string): unknown {
  return typeof err === 'object' && err !== null
    ? (err as Record<string, unknown>)[name]
    : undefined;
}

export function isUnavailableError(err: unknown): boolean {
  const code = field(err, 'code');
  if (typeof code === 'string') {
    if (/^[0-9A-Z]{5}$/.test(code))
      return UNAVAILABLE_CODES.has(code) || UNAVAILABLE_CLASSES.includes(code.slice(0, 2));
    if (ERRNO_CODES.has(code)) return true;
  }
  const message = field(err, 'message');
  return typeof message === 'string' && CLIENT_MESSAGES.test(message);
}

/** What an operator reads in the log; never the connection string (it may hold a password). */
export function describeDatabaseError(err: unknown): string {
  const code = field(err, 'code');
  const message = field(err, 'message');
  const text = typeof message === 'string' && message !== '' ? message : String(err);
  return typeof code === 'string' && !text.includes(code) ? `${text} (${code})` : text;
}

/** A database failure as the store reports it: unavailability becomes StoreUnavailableError. */
export function toStoreError(err: unknown): unknown {
  if (err instanceof StoreUnavailableError || !isUnavailableError(err)) return err;
  return new StoreUnavailableError(
    `the database is not answering right now (${describeDatabaseError(err)}); try again shortly`,
    UNAVAILABLE_RETRY_AFTER_S,
    { cause: err },
  );
}
