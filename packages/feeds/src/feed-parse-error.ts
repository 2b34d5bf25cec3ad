export type FeedParseErrorCode = 'not-a-feed' | 'malformed' | 'too-many-items';

/** A body that gives no feed: the message says why, for the API's problem detail or the CLI. */
export class FeedParseError extends Error {
  constructor(
    readonly code: FeedParseErrorCode,
    message: string,
    /** Absolute `<link rel="alternate">` feed URLs, when the body is an HTML page. */
    readonly alternates: string[] = [],
  ) {
    super(message);
    this.name = 'FeedParseError';
  }
}
