import { pino, type Logger, type LevelWithSilent } from 'pino';

/** Log lines wait at most this long in the buffer before they are written. */
const FLUSH_INTERVAL_MS = 100;

/**
 * JSON lines on stdout. Credentials never reach the log because nothing logs headers (the
 * request serialiser in http/request-log.ts keeps id, method, URL and address), so there is
 * no redaction pass: it ran on every request's child logger for nothing. Lines are buffered up to 4 KiB and
 * written at least every 100 ms (and on exit, by pino): one write per access-log line cost a
 * hand-off to the libuv pool per request, several percent of a cached read.
 */
export function createLogger(level: LevelWithSilent): Logger {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), FLUSH_INTERVAL_MS).unref();
  return pino(
    {
      level,
      base: { service: 'broadsheet-api' },
    },
    destination,
  );
}
