import {
  type AllowedHost,
  type Resolve,
  safeFetch,
  SafeFetchError,
  type SafeFetchErrorCode,
} from '@broadsheet/fetch';
import { retryAfterMs } from './retry-after.js';

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.7, */*;q=0.1';

export interface FetchFeedOptions {
  etag?: string;
  lastModified?: string;
  allowHosts: readonly AllowedHost[];
  maxBytes: number;
  timeoutMs?: number;
  /** Every address allowed (the command line's --allow-private-hosts). */
  allowPrivate?: boolean;
  /** Name resolution (the safe fetcher's `resolve`); the system resolver when absent. */
  resolve?: Resolve;
  /** The clock, for Retry-After given as a date. */
  now?: () => Date;
}

export type FetchFeedResult =
  | { status: 'not-modified' }
  | {
      status: 'ok';
      body: Uint8Array;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      /** The final URL, after redirects: parse the body against it. */
      url: string;
    };

/** A feed that could not be fetched; `retryAfterMs` when a 429/503 said when to come back. */
export class FeedFetchError extends Error {
  constructor(
    message: string,
    readonly code: SafeFetchErrorCode | 'rate-limited' | 'unavailable',
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'FeedFetchError';
  }
}

/**
 * Conditional GET of a feed through the safe fetcher (allow list, byte cap, one deadline,
 * at most 5 redirects): If-None-Match / If-Modified-Since from the last answer, 304 as
 * `not-modified`, 429 and 503 as FeedFetchError with the Retry-After delay.
 */
export async function fetchFeed(url: string, options: FetchFeedOptions): Promise<FetchFeedResult> {
  const headers: Record<string, string> = {};
  if (options.etag !== undefined) headers['if-none-match'] = options.etag;
  if (options.lastModified !== undefined) headers['if-modified-since'] = options.lastModified;
  let got;
  try {
    got = await safeFetch(url, {
      allowHosts: options.allowHosts,
      ...(options.allowPrivate === true && { allowPrivate: true }),
      ...(options.resolve && { resolve: options.resolve }),
      maxBytes: options.maxBytes,
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
      accept: ACCEPT,
      headers,
      passStatuses: [304, 429, 503],
    });
  } catch (e) {
    if (e instanceof SafeFetchError) throw new FeedFetchError(e.message, e.code, e.status);
    throw e;
  }
  if (got.status === 304) return { status: 'not-modified' };
  if (got.status === 429 || got.status === 503) {
    const wait = retryAfterMs(got.headers['retry-after'], (options.now ?? (() => new Date()))());
    throw new FeedFetchError(
      `${got.url}: the server answered ${got.status} ${got.status === 429 ? 'Too Many Requests' : 'Service Unavailable'}${wait === undefined ? '' : `; retry after ${Math.ceil(wait / 1000)} s`}`,
      got.status === 429 ? 'rate-limited' : 'unavailable',
      got.status,
      wait,
    );
  }
  const h = got.headers;
  return {
    status: 'ok',
    body: got.bytes,
    url: got.url,
    ...(h['content-type'] !== undefined && { contentType: h['content-type'] }),
    ...(h.etag !== undefined && { etag: h.etag }),
    ...(h['last-modified'] !== undefined && { lastModified: h['last-modified'] }),
  };
}
