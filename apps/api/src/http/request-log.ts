import { randomUUID } from 'node:crypto';
import type { Express, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

declare module 'http' {
  interface IncomingMessage {
    /** The request id: the client's `X-Request-Id` when well-formed, else a new UUID. */
    id: string;
    /** A logger whose lines carry this request's id, method and URL. */
    log: Logger;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Set on the request prototype: a request's child logger is made only when a handler logs. */
const CHILD = Symbol('request logger');
/** When the request came in (ms since the epoch), on the response. */
const STARTED = Symbol('request started');

/**
 * Gives every request an id (echoed as `X-Request-Id`) and writes one access-log line when the
 * response is done: id, method, URL, status and time. Headers are not logged: serialising and
 * redacting them for every request cost about a tenth of a cached read, and the one header
 * worth keeping out of logs (Authorization) is then never there to leak.
 */
export function requestLog(app: Express, logger: Logger): RequestHandler {
  Object.defineProperty(app.request, 'log', {
    configurable: true,
    get(this: Express['request'] & { [CHILD]?: Logger }): Logger {
      this[CHILD] ??= logger.child({
        req: { id: this.id, method: this.method, url: this.originalUrl },
      });
      return this[CHILD];
    },
  });
  // One listener for every response (no closure per request): 'close' follows 'finish' on
  // every response and also comes alone when the client hangs up.
  function logDone(this: Response & { [STARTED]?: number }): void {
    const req = this.req;
    const status = this.statusCode;
    const finished = this.writableFinished;
    // A client that hangs up early is no fault of the server's.
    const level = finished && status >= 500 ? 'error' : finished && status >= 400 ? 'warn' : 'info';
    logger[level](
      {
        req: {
          id: req.id,
          method: req.method,
          url: req.originalUrl,
          remoteAddress: req.socket.remoteAddress,
        },
        res: { statusCode: status },
        responseTime: Date.now() - (this[STARTED] ?? 0),
      },
      !finished ? 'request aborted' : status >= 500 ? 'request errored' : 'request completed',
    );
  }
  return (req, res, next) => {
    (res as Response & { [STARTED]?: number })[STARTED] = Date.now();
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    res.on('close', logDone);
    next();
  };
}
