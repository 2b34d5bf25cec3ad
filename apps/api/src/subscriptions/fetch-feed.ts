import { createSafeFetchFunction, SafeFetchError, type AllowedHost } from '@broadsheet/fetch';

/*
 * INTERIM: the contract's `fetchFeed` / `FeedFetchError` of @broadsheet/feeds (FEEDS-CONTRACT.md),
 * which the feeds-pkg branch had not landed when this was written. Same signature, so the
 * switch is an import change and deleting this file.
 */

/** A feed that could not be fetched; `retryAfterMs` from Retry-After on 429/503. */
export class FeedFetchError extends Error {
  override readonly name = 'FeedFetchError';
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export type FetchedFeed =
  | { status: 'not-modified' }
  | {
      status: 'ok';
      body: Uint8Array;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      url: string;
    };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
function retryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** A conditional GET through the safe fetcher: checked addresses on every hop, ≤ 5 redirects, a byte cap, one deadline. */
export async function fetchFeed(
  url: string,
  options: {
    etag?: string;
    lastModified?: string;
    allowHosts: readonly AllowedHost[];
    maxBytes: number;
    timeoutMs?: number;
  },
): Promise<FetchedFeed> {
  const get = createSafeFetchFunction({ allowHosts: options.allowHosts });
  const signal = AbortSignal.timeout(options.timeoutMs ?? 15_000);
  let at = url;
  for (let hops = 0; ; hops += 1) {
    let res: Response;
    try {
      res = await get(at, {
        signal,
        headers: {
          accept:
            'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
          ...(options.etag !== undefined && { 'if-none-match': options.etag }),
          ...(options.lastModified !== undefined && { 'if-modified-since': options.lastModified }),
        },
      });
    } catch (err) {
      const reason =
        err instanceof SafeFetchError
          ? err.reason
          : signal.aborted
            ? `no answer within ${options.timeoutMs ?? 15_000} ms`
            : err instanceof Error
              ? err.message
              : String(err);
      throw new FeedFetchError(reason);
    }
    if (REDIRECTS.has(res.status)) {
      await res.body?.cancel().catch(() => undefined);
      const location = res.headers.get('location');
      if (location === null) throw new FeedFetchError(`redirect ${res.status} to nowhere`);
      if (hops >= MAX_REDIRECTS)
        throw new FeedFetchError(`more than ${MAX_REDIRECTS} redirects`, res.status);
      at = new URL(location, at).href;
      continue;
    }
    if (res.status === 304) {
      await res.body?.cancel().catch(() => undefined);
      return { status: 'not-modified' };
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new FeedFetchError(
        `the server answered ${res.status} ${res.statusText}`.trim(),
        res.status,
        res.status === 429 || res.status === 503
          ? retryAfter(res.headers.get('retry-after'))
          : undefined,
      );
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const chunk of (res.body ?? []) as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > options.maxBytes) {
          await res.body?.cancel().catch(() => undefined);
          throw new FeedFetchError(`larger than the limit of ${options.maxBytes} bytes`);
        }
        chunks.push(chunk);
      }
    } catch (err) {
      if (err instanceof FeedFetchError) throw err;
      throw new FeedFetchError(signal.aborted ? 'the body came too slowly' : String(err));
    }
    const body = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      body.set(chunk, offset);
      offset += chunk.byteLength;
    }
    const header = (name: string) => res.headers.get(name) ?? undefined;
    const contentType = header('content-type');
    const etag = header('etag');
    const lastModified = header('last-modified');
    return {
      status: 'ok',
      body,
      url: at,
      ...(contentType !== undefined && { contentType }),
      ...(etag !== undefined && { etag }),
      ...(lastModified !== undefined && { lastModified }),
    };
  }
}
