import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Level, Logger } from 'pino';
import { redactUrl } from './redact-url.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** What the access log keeps of a request while it runs. */
interface LogEntry {
  id: string;
  start: number;
  logger: Logger;
}

const ENTRY = Symbol('request log entry');
type Logged = IncomingMessage & {
  [ENTRY]?: LogEntry;
  originalUrl?: string | undefined;
  ip?: string | undefined;
};

/** id, method, URL (credentials in the query redacted) and the client's address. */
function requestFields(req: Logged, id: string) {
  return {
    id,
    method: req.method,
    url: redactUrl(req.originalUrl ?? req.url ?? ''),
    // Express's req.ip: the client's address as BROADSHEET_TRUST_PROXY lets it be known.
    remoteAddress: req.ip ?? req.socket.remoteAddress,
  };
}

function logResponse(req: Logged, res: ServerResponse, entry: LogEntry): void {
  const status = res.statusCode;
  // A client that hangs up early is no fault of the server's.
  const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
  entry.logger[level](
    {
      req: requestFields(req, entry.id),
      res: { statusCode: status },
      responseTime: Date.now() - entry.start,
    },
    status >= 500 ? 'request errored' : 'request completed',
  );
}

/**
 * The access log: an id for every request (the client's well-formed `X-Request-Id`, else a new
 * UUID, echoed back) and one line per response, when it is sent or the client hangs up: id,
 * method, URL, address, status and time, never a header (so Authorization cannot leak). It is
 * written here rather than with pino-http, whose two child loggers per request, each
 * serialising the request, cost a quarter of a cached article read's throughput (bench/ api);
 * the line and its fields are pino-http's. A request's own logger (requestLogger) is made only
 * when something logs for it.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', id);
    const entry: LogEntry = { id, start: Date.now(), logger };
    (req as Logged)[ENTRY] = entry;
    // 'close' follows 'finish' and also comes alone when the client hangs up first.
    res.once('close', () => logResponse(req, res, entry));
    next();
  };
}

/**
 * A logger whose lines carry the request's fields, as the access log gives them; undefined for
 * a request the access log never saw, or when `level` is given and the logger would drop it
 * (so that a flood of client errors makes no loggers).
 */
export function requestLogger(req: IncomingMessage, level?: Level): Logger | undefined {
  const entry = (req as Logged)[ENTRY];
  if (!entry || (level !== undefined && !entry.logger.isLevelEnabled(level))) return undefined;
  return entry.logger.child({ req: requestFields(req, entry.id) });
}
