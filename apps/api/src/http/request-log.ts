import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { redactUrl } from './redact-url.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * pino-http with an id for every request (the client's well-formed `X-Request-Id`, else a new
 * UUID, echoed back) and one line per response. The serialisers keep id, method, URL and
 * status only: pino-http's defaults serialise every request and response header per request,
 * which cost about a tenth of a cached read, and Authorization is then never there to leak;
 * credentials a client put in the query string are redacted from the URL.
 */
export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    wrapSerializers: false,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: IncomingMessage & { id: string; originalUrl?: string; ip?: string }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.originalUrl ?? req.url ?? ''),
        // Express's req.ip: the client's address as BROADSHEET_TRUST_PROXY lets it be known.
        remoteAddress: req.ip ?? req.socket.remoteAddress,
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    // A client that hangs up early is no fault of the server's.
    customLogLevel: (_req, res, err) =>
      err !== undefined || res.statusCode >= 500
        ? 'error'
        : res.statusCode >= 400
          ? 'warn'
          : 'info',
  });
}
