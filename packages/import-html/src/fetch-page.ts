import { decodeHtml } from './charset.js';
import { httpGet } from './http-get.js';

export interface FetchPageOptions {
  /** Deadline for the whole fetch, redirects and body included. Default 15 000 ms. */
  timeoutMs?: number;
  /** Largest page accepted, in bytes. Default 5 MiB. */
  maxBytes?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** Injectable fetch (tests, proxies); the global fetch by default. */
  fetch?: typeof globalThis.fetch;
  signal?: AbortSignal;
  userAgent?: string;
}

export interface FetchedPage {
  /** The page's address after redirects: pass it to importHtml as `url`. */
  url: string;
  html: string;
  contentType: string;
}

export const FETCH_PAGE_DEFAULTS = {
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
} as const;

/**
 * Fetches a web page for importHtml. Throws FetchError (with a `code`) for a URL that is not
 * http(s), a timeout, a network failure, a non-2xx answer, too many or bad redirects, a
 * response that is not text/html or XHTML, or a body over the size cap.
 */
export async function fetchPage(url: string, options: FetchPageOptions = {}): Promise<FetchedPage> {
  const res = await httpGet(
    url,
    {
      timeoutMs: options.timeoutMs ?? FETCH_PAGE_DEFAULTS.timeoutMs,
      maxBytes: options.maxBytes ?? FETCH_PAGE_DEFAULTS.maxBytes,
      maxRedirects: options.maxRedirects ?? FETCH_PAGE_DEFAULTS.maxRedirects,
      accept: 'text/html,application/xhtml+xml;q=0.9',
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    },
    (type) => /^(text\/html|application\/xhtml\+xml)\b/.test(type),
    'an HTML page (text/html)',
  );
  return {
    url: res.url,
    html: decodeHtml(res.bytes, res.contentType),
    contentType: res.contentType,
  };
}
