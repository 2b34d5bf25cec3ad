export type FetchErrorCode =
  | 'invalid-url'
  | 'timeout'
  | 'network'
  | 'http-status'
  | 'too-many-redirects'
  | 'bad-redirect'
  | 'wrong-content-type'
  | 'too-large';

/**
 * A page or image that could not be fetched. `code` says why, for callers that map it to an
 * exit code or a status; the message names the URL and the reason in words.
 */
export class FetchError extends Error {
  override readonly name = 'FetchError';

  constructor(
    readonly code: FetchErrorCode,
    readonly url: string,
    message: string,
    readonly status?: number,
  ) {
    super(`${url}: ${message}`);
  }
}
