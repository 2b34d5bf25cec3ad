import { FetchError } from './fetch-error.js';

export interface HttpGetOptions {
  /** Time for the whole exchange, redirects and body included. */
  timeoutMs: number;
  /** Largest body accepted, in bytes; a larger one is cut off while streaming. */
  maxBytes: number;
  maxRedirects: number;
  /** Injectable for tests and proxies; the global fetch by default. */
  fetch?: typeof globalThis.fetch;
  signal?: AbortSignal;
  accept: string;
  userAgent?: string;
}

export interface HttpGetResult {
  /** The address after redirects. */
  url: string;
  status: number;
  contentType: string;
  bytes: Uint8Array;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
export const DEFAULT_USER_AGENT = 'Broadsheet/0.1 (+article import; like Mozilla/5.0)';

function httpUrl(raw: string | URL, base?: URL): URL | undefined {
  try {
    const url = new URL(raw, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  url: string,
): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new FetchError('too-large', url, `larger than the limit of ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/**
 * GET with the limits a tool fetching user-named URLs needs: a deadline for the whole exchange
 * (AbortSignal.timeout), redirects followed by hand up to a limit and only to http(s), a
 * content-type check before the body is read, and a size cap enforced while streaming.
 */
export async function httpGet(
  rawUrl: string,
  options: HttpGetOptions,
  acceptType: (contentType: string) => boolean,
  expected: string,
): Promise<HttpGetResult> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const start = httpUrl(rawUrl);
  if (!start) throw new FetchError('invalid-url', rawUrl, 'not an absolute http(s) URL');
  let url: URL = start;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const failed = (e: unknown, at: string): FetchError => {
    if (e instanceof FetchError) return e;
    if (timeout.aborted)
      return new FetchError('timeout', at, `no complete response within ${options.timeoutMs} ms`);
    const cause =
      e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
    return new FetchError('network', at, `could not be fetched (${cause})`);
  };

  for (let hops = 0; ; hops += 1) {
    const at = url.href;
    let res: Response;
    try {
      res = await fetchFn(at, {
        redirect: 'manual',
        signal,
        headers: { accept: options.accept, 'user-agent': options.userAgent ?? DEFAULT_USER_AGENT },
      });
    } catch (e) {
      throw failed(e, at);
    }
    if (REDIRECTS.has(res.status)) {
      await res.body?.cancel().catch(() => undefined);
      const location = res.headers.get('location');
      const next: URL | undefined = location ? httpUrl(location, url) : undefined;
      if (!next)
        throw new FetchError(
          'bad-redirect',
          at,
          `redirect ${res.status} to ${location ? `"${location}", not an http(s) URL` : 'nowhere (no Location header)'}`,
          res.status,
        );
      if (hops >= options.maxRedirects)
        throw new FetchError(
          'too-many-redirects',
          rawUrl,
          `more than ${options.maxRedirects} redirects`,
          res.status,
        );
      url = next;
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new FetchError(
        'http-status',
        at,
        `the server answered ${res.status} ${res.statusText}`.trim(),
        res.status,
      );
    }
    const contentType = res.headers.get('content-type') ?? '';
    if (!acceptType(contentType.toLowerCase())) {
      await res.body?.cancel().catch(() => undefined);
      throw new FetchError(
        'wrong-content-type',
        at,
        `is ${contentType ? `"${contentType}"` : 'of no stated type'}, not ${expected}`,
        res.status,
      );
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new FetchError(
        'too-large',
        at,
        `is ${declared} bytes, larger than the limit of ${options.maxBytes} bytes`,
        res.status,
      );
    }
    try {
      const bytes = await readCapped(res.body, options.maxBytes, at);
      return { url: at, status: res.status, contentType, bytes };
    } catch (e) {
      throw failed(e, at);
    }
  }
}
