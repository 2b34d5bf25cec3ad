/** RFC 9457 problem details; `type` stays `about:blank` so `title` is the status phrase. */
export interface ProblemFieldError {
  /** Dotted path into the request body or parameter name, e.g. `body.3.text`, `query.limit`. */
  path: string;
  message: string;
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function statusTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/**
 * An error that becomes a problem+json response. Routers throw (or `next()`) these; the one
 * error middleware turns them into responses.
 */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly status: number;
  readonly detail: string;
  readonly errors: ProblemFieldError[] | undefined;
  /** Extra response headers, e.g. `WWW-Authenticate`, `Retry-After`, `Allow`. */
  readonly headers: Record<string, string>;
  /** Extension members of the problem document (RFC 9457 §3.2), e.g. a feed's `alternates`. */
  readonly extensions: Record<string, unknown>;

  constructor(
    status: number,
    detail: string,
    options: {
      errors?: ProblemFieldError[];
      headers?: Record<string, string>;
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    super(detail);
    this.status = status;
    this.detail = detail;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }
}

export const badRequest = (detail: string, errors?: ProblemFieldError[]) =>
  new HttpProblem(400, detail, errors ? { errors } : {});
export const notFound = (detail: string) => new HttpProblem(404, detail);
export const conflict = (detail: string, errors?: ProblemFieldError[]) =>
  new HttpProblem(409, detail, errors ? { errors } : {});
export const unsupportedMediaType = (detail: string) => new HttpProblem(415, detail);
export const serviceUnavailable = (detail: string, retryAfterSeconds: number) =>
  new HttpProblem(503, detail, { headers: { 'Retry-After': String(retryAfterSeconds) } });
