import { pino, type Logger, type LevelWithSilent } from 'pino';

/** JSON lines on stdout; credentials never reach the log. */
export function createLogger(level: LevelWithSilent): Logger {
  return pino({
    level,
    base: { service: 'broadsheet-api' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  });
}
