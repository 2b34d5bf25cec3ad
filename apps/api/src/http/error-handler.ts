import { ValidationError } from '@broadsheet/model';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isStorageErrorCode } from '../store/storage-errors.js';
import {
  ConflictError,
  InvalidCursorError,
  PreconditionFailedError,
  StoreUnavailableError,
} from '../store/types.js';
import { HttpProblem, statusTitle, type ProblemDocument } from './problem.js';
import { redactUrl } from './redact-url.js';
import { requestLogger } from './request-log.js';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** Body-parser and http-errors style errors carry `status`/`type`; nothing else is trusted. */
interface ClientError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  expose?: unknown;
  message?: unknown;
  /** errno (ENOSPC) or SQLite (SQLITE_FULL) code. */
  code?: unknown;
}

/** Seconds a client is asked to wait when the data directory cannot take writes. */
const STORAGE_RETRY_AFTER_S = 60;

/** Maps body-parser failure types to statuses and sentences a client can act on. */
const BODY_ERRORS: Record<string, [number, string]> = {
  'entity.parse.failed': [400, 'the request body is not valid JSON'],
  'entity.too.large': [413, 'the request body is larger than the server accepts'],
  'encoding.unsupported': [415, 'the request body uses an unsupported Content-Encoding'],
  'charset.unsupported': [415, 'the request body uses an unsupported charset; send UTF-8'],
  'request.aborted': [400, 'the request body was not received completely'],
  'request.size.invalid': [400, 'the request body is shorter or longer than Content-Length'],
  'stream.encoding.set': [500, 'internal stream error'],
  'parameters.too.many': [413, 'the request has too many parameters'],
};

/** A problem that names the fields at fault (validation, conflicts, bad cursors). */
function fieldProblem(
  status: number,
  detail: string,
  errors: NonNullable<ProblemDocument['errors']>,
): { problem: ProblemDocument; headers: Record<string, string> } {
  return {
    problem: { type: 'about:blank', title: statusTitle(status), status, detail, errors },
    headers: {},
  };
}

function toProblem(err: unknown): { problem: ProblemDocument; headers: Record<string, string> } {
  if (err instanceof HttpProblem) {
    const problem: ProblemDocument = {
      ...err.extensions,
      type: 'about:blank',
      title: statusTitle(err.status),
      status: err.status,
      detail: err.detail,
    };
    if (err.errors) problem.errors = err.errors;
    return { problem, headers: err.headers };
  }
  if (err instanceof ValidationError) {
    // Over a work budget (too many lines…) the content is too large, not wrong.
    return fieldProblem(
      err.limit === undefined ? 400 : 413,
      err.message,
      err.issues.map((i) => ({ path: i.path, message: i.message })),
    );
  }
  if (err instanceof ConflictError) {
    return fieldProblem(409, err.message, [{ path: err.field, message: err.message }]);
  }
  if (err instanceof PreconditionFailedError) {
    // A conditional write found another version (or none): the client reads it again first.
    return fieldProblem(412, err.message, [
      { path: 'If-Match', message: 'does not match the current ETag' },
    ]);
  }
  if (err instanceof InvalidCursorError) {
    return fieldProblem(400, err.message, [{ path: 'cursor', message: err.message }]);
  }
  if (err instanceof StoreUnavailableError) {
    // The database is unreachable or shedding load: the same request may work in a moment.
    return {
      problem: { type: 'about:blank', title: statusTitle(503), status: 503, detail: err.message },
      headers: { 'Retry-After': String(err.retryAfterSeconds) },
    };
  }
  const e = (typeof err === 'object' && err !== null ? err : {}) as ClientError;
  const known = typeof e.type === 'string' ? BODY_ERRORS[e.type] : undefined;
  if (known) {
    return {
      problem: {
        type: 'about:blank',
        title: statusTitle(known[0]),
        status: known[0],
        detail: known[1],
      },
      headers: {},
    };
  }
  if (typeof e.code === 'string' && isStorageErrorCode(e.code)) {
    // A full, read-only or failing disk: nothing was written, and the same request may work later.
    return {
      problem: {
        type: 'about:blank',
        title: statusTitle(503),
        status: 503,
        detail: `the server cannot store data right now (its data directory is full or read-only: ${e.code}); nothing was changed, try again later`,
      },
      headers: { 'Retry-After': String(STORAGE_RETRY_AFTER_S) },
    };
  }
  if (err instanceof URIError && e.status === 400) {
    // Express's router could not decode a path segment ("%ZZ"); its message quotes the segment.
    return {
      problem: {
        type: 'about:blank',
        title: statusTitle(400),
        status: 400,
        detail: 'the URL path is not valid percent-encoding',
        errors: [{ path: 'path', message: 'has a % not followed by two hex digits of UTF-8' }],
      },
      headers: {},
    };
  }
  const status =
    typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    // http-errors from Express itself (bad percent-encoding in a path, range errors from send).
    const detail =
      e.expose === true && typeof e.message === 'string' ? e.message : statusTitle(status);
    return {
      problem: { type: 'about:blank', title: statusTitle(status), status, detail },
      headers: {},
    };
  }
  return {
    problem: {
      type: 'about:blank',
      title: statusTitle(500),
      status: 500,
      detail: 'the server failed to answer this request; it has been logged',
    },
    headers: {},
  };
}

/** Sends a problem document; used by the error middleware and by handlers that answer early. */
export function sendProblem(
  res: Parameters<RequestHandler>[1],
  problem: ProblemDocument,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  // A download that failed after choosing its headers must not keep them.
  res.removeHeader('Content-Disposition');
  res.removeHeader('ETag');
  res.removeHeader('Last-Modified');
  // Nor the caching a catalog route chose before failing: a shared cache keeps no failure.
  res.setHeader('Cache-Control', 'no-store');
  res.status(problem.status).type(PROBLEM_MEDIA_TYPE).send(JSON.stringify(problem));
}

/** The one error middleware: every failure leaves as application/problem+json. */
export function errorHandler(): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      // Too late for a problem document (a stream failed midway): end the connection.
      next(err);
      return;
    }
    const { problem, headers } = toProblem(err);
    // A token put in the query (`?token=`) is not echoed back (nor into a log that keeps bodies).
    if (req.originalUrl.length <= 2048) problem.instance = redactUrl(req.originalUrl);
    if (problem.status >= 500) requestLogger(req, 'error')?.error({ err }, 'request failed');
    else
      requestLogger(req, 'debug')?.debug(
        { status: problem.status, detail: problem.detail },
        'client error',
      );
    sendProblem(res, problem, headers);
  };
}

/** Unknown routes: a 404 problem rather than Express's HTML page. */
export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => {
    next(new HttpProblem(404, `no route for ${req.method} ${req.path.slice(0, 200)}`));
  };
}
