import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { refusalReason } from './address-policy.js';
import { type AllowedHost, isAllowed, unbracket } from './allow-hosts.js';
import { sniffType } from './sniff.js';

/** Resolves a host name to its addresses (injectable: tests answer without DNS). */
export type Resolve = (host: string) => Promise<readonly string[]>;

export const systemResolve: Resolve = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

export type SafeFetchErrorCode =
  | 'invalid-url'
  | 'refused-address'
  | 'unresolvable'
  | 'bad-redirect'
  | 'too-many-redirects'
  | 'http-status'
  | 'too-large'
  | 'timeout'
  | 'network';

/** A fetch that did not give a body, with a `code` a caller can branch on and a readable message. */
export class SafeFetchError extends Error {
  constructor(
    readonly code: SafeFetchErrorCode,
    readonly url: string,
    readonly reason: string,
    readonly status?: number,
  ) {
    super(`${url}: ${reason}`);
    this.name = 'SafeFetchError';
  }
}

export interface SafePolicy {
  /** Name resolution; the system resolver by default. */
  readonly resolve?: Resolve;
  /** `host[:port]` entries reachable although private (BROADSHEET_FETCH_ALLOW_HOSTS). */
  readonly allowHosts?: readonly AllowedHost[];
  /** Every address allowed (the command line's --allow-private-hosts, for intranets). */
  readonly allowPrivate?: boolean;
}

export interface SafeFetchOptions extends SafePolicy {
  /** Largest body read (BROADSHEET_FETCH_MAX_BYTES). Default 10 MiB. */
  readonly maxBytes?: number;
  /** Deadline for the whole exchange: every redirect, every byte of the body. Default 15 s. */
  readonly timeoutMs?: number;
  /** Redirects followed, each checked again. Default (and at most) 5. */
  readonly maxRedirects?: number;
  readonly accept?: string;
  readonly userAgent?: string;
  readonly signal?: AbortSignal;
  /**
   * Extra request headers (a feed poller's If-None-Match / If-Modified-Since). Accept and
   * User-Agent come from their own options; these are sent on every hop.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Non-2xx statuses returned as a resource instead of thrown (304 Not Modified, 429 and 503
   * with their Retry-After): the caller reads `status` and `headers`. The body is read under
   * the same cap. Redirect statuses are always followed, never passed.
   */
  readonly passStatuses?: readonly number[];
}

export interface FetchedResource {
  /** The address after redirects. */
  readonly url: string;
  readonly status: number;
  readonly bytes: Uint8Array;
  /** Sniffed from the bytes; the server's Content-Type is never trusted. */
  readonly type: string;
  readonly redirects: number;
  /** The final response's headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
}

export const SAFE_FETCH_DEFAULTS = {
  maxBytes: 10 * 1024 * 1024,
  timeoutMs: 15_000,
  maxRedirects: 5,
} as const;

export const DEFAULT_USER_AGENT = 'Broadsheet/0.1 (+safe fetch; like Mozilla/5.0)';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function httpUrl(raw: string | URL, base?: URL): URL | undefined {
  try {
    const url = new URL(raw, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Resolves the URL's host and checks every address it has; throws SafeFetchError before any
 * socket exists when one is refused. An answer with one private address among public ones is
 * refused whole: the connection could go to any of them.
 */
export async function checkUrl(url: URL, policy: SafePolicy): Promise<readonly string[]> {
  const host = unbracket(url.hostname);
  const literal = isIP(host) !== 0;
  let addresses: readonly string[];
  if (literal) addresses = [host];
  else {
    try {
      addresses = await (policy.resolve ?? systemResolve)(host);
    } catch (e) {
      throw new SafeFetchError(
        'unresolvable',
        url.href,
        `${host} could not be resolved (${String((e as Error).message ?? e)})`,
      );
    }
    if (addresses.length === 0)
      throw new SafeFetchError('unresolvable', url.href, `${host} has no address`);
  }
  if (policy.allowPrivate === true || isAllowed(policy.allowHosts ?? [], url)) return addresses;
  for (const address of addresses) {
    const reason = refusalReason(address);
    if (reason !== undefined)
      throw new SafeFetchError(
        'refused-address',
        url.href,
        `refused: ${literal ? reason : `${host} resolves to ${reason}`}`,
      );
  }
  return addresses;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * An undici Agent whose sockets connect only to addresses checked in the same lookup: the
 * name is resolved (with the injected resolver) and judged inside the connector, so a DNS
 * answer that changes between the check and the connect (rebinding) cannot steer the socket
 * elsewhere. IP literals never reach a lookup; checkUrl judges those before each request.
 */
export function safeAgent(policy: SafePolicy): Agent {
  const allowHosts = policy.allowHosts ?? [];
  const lookup = (
    hostname: string,
    options: { all?: boolean | undefined },
    callback: LookupCallback,
  ) => {
    const host = unbracket(hostname);
    const allowed = policy.allowPrivate === true || allowHosts.some((a) => a.host === host);
    (policy.resolve ?? systemResolve)(host)
      .then((addresses) => {
        if (addresses.length === 0) throw new Error(`${host} has no address`);
        if (!allowed)
          for (const address of addresses) {
            const reason = refusalReason(address);
            if (reason !== undefined) throw new Error(`refused: ${host} resolves to ${reason}`);
          }
        const answers = addresses.map((address) => ({ address, family: isIP(address) }));
        if (options.all === true) callback(null, answers);
        else callback(null, answers[0]?.address ?? '', answers[0]?.family);
      })
      .catch((e: unknown) => callback(e as NodeJS.ErrnoException, ''));
  };
  return new Agent({ connect: { lookup } });
}

function failure(
  e: unknown,
  at: string,
  timedOut: () => boolean,
  timeoutMs: number,
): SafeFetchError {
  if (e instanceof SafeFetchError) return e;
  if (timedOut())
    return new SafeFetchError('timeout', at, `no complete response within ${timeoutMs} ms`);
  const cause =
    e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
  if (/^refused: /.test(cause)) return new SafeFetchError('refused-address', at, cause);
  return new SafeFetchError('network', at, `could not be fetched (${cause})`);
}

async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  at: string,
): Promise<Uint8Array> {
  if (body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new SafeFetchError('too-large', at, `larger than the limit of ${maxBytes} bytes`);
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
 * GET a user-named URL safely: http(s) only; every hop's host resolved and refused when not
 * public (unless allowed); the socket pinned to the checked answer; at most 5 redirects,
 * each checked again; a byte cap enforced while streaming; one deadline for the whole
 * exchange, so a server dripping a byte a second is cut off; the type sniffed from the bytes.
 */
export async function safeFetch(
  rawUrl: string,
  options: SafeFetchOptions = {},
): Promise<FetchedResource> {
  const maxBytes = options.maxBytes ?? SAFE_FETCH_DEFAULTS.maxBytes;
  const timeoutMs = options.timeoutMs ?? SAFE_FETCH_DEFAULTS.timeoutMs;
  const maxRedirects = Math.min(
    options.maxRedirects ?? SAFE_FETCH_DEFAULTS.maxRedirects,
    SAFE_FETCH_DEFAULTS.maxRedirects,
  );
  const start = httpUrl(rawUrl);
  if (start === undefined)
    throw new SafeFetchError('invalid-url', rawUrl, 'not an absolute http(s) URL');
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const timedOut = () => timeout.aborted;
  const agent = safeAgent(options);
  let url = start;
  try {
    for (let hops = 0; ; hops += 1) {
      const at = url.href;
      let res: Awaited<ReturnType<typeof undiciFetch>>;
      try {
        await raceAbort(checkUrl(url, options), signal);
        res = await undiciFetch(at, {
          redirect: 'manual',
          signal,
          dispatcher: agent,
          headers: {
            ...options.headers,
            accept: options.accept ?? '*/*',
            'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
          },
        });
      } catch (e) {
        throw failure(e, at, timedOut, timeoutMs);
      }
      if (REDIRECTS.has(res.status)) {
        await res.body?.cancel().catch(() => undefined);
        const location = res.headers.get('location');
        const next = location ? httpUrl(location, url) : undefined;
        if (next === undefined)
          throw new SafeFetchError(
            'bad-redirect',
            at,
            `redirect ${res.status} to ${location ? `"${location}", not an http(s) URL` : 'nowhere (no Location header)'}`,
            res.status,
          );
        if (hops >= maxRedirects)
          throw new SafeFetchError(
            'too-many-redirects',
            rawUrl,
            `more than ${maxRedirects} redirects`,
            res.status,
          );
        url = next;
        continue;
      }
      if (!res.ok && !(options.passStatuses ?? []).includes(res.status)) {
        await res.body?.cancel().catch(() => undefined);
        throw new SafeFetchError(
          'http-status',
          at,
          `the server answered ${res.status} ${res.statusText}`.trim(),
          res.status,
        );
      }
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > maxBytes) {
        await res.body?.cancel().catch(() => undefined);
        throw new SafeFetchError(
          'too-large',
          at,
          `is ${declared} bytes, larger than the limit of ${maxBytes} bytes`,
          res.status,
        );
      }
      let bytes: Uint8Array;
      try {
        bytes = await readCapped(res.body as ReadableStream<Uint8Array> | null, maxBytes, at);
      } catch (e) {
        throw failure(e, at, timedOut, timeoutMs);
      }
      return {
        url: at,
        status: res.status,
        bytes,
        type: await sniffType(bytes),
        redirects: hops,
        headers: Object.fromEntries(res.headers.entries()),
      };
    }
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}

/** Rejects when the signal fires first (a resolver that hangs must not outlive the deadline). */
async function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) throw signal.reason;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/**
 * A `fetch` for code that follows redirects itself (the web-page importer): each call checks
 * the URL, and the shared agent pins its sockets to checked addresses. Redirects are never
 * followed inside (`redirect: 'manual'` is forced), so each hop comes back through the check.
 */
export function createSafeFetchFunction(policy: SafePolicy): typeof globalThis.fetch {
  const agent = safeAgent(policy);
  return async (input, init) => {
    const raw = input instanceof Request ? input.url : String(input);
    const url = httpUrl(raw);
    if (url === undefined)
      throw new SafeFetchError('invalid-url', raw, 'not an absolute http(s) URL');
    await checkUrl(url, policy);
    const res = await undiciFetch(url.href, {
      // GET only: the importer sends no body, and a body would not pass between the two
      // fetch implementations' types anyway.
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      ...(init?.signal ? { signal: init.signal } : {}),
      redirect: 'manual',
      dispatcher: agent,
    });
    return res;
  };
}
