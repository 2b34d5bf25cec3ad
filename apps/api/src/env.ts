import { isIP } from 'node:net';
import bytes from 'bytes';
import { parseAllowHosts } from '@broadsheet/fetch';
import { LIMITS } from '@broadsheet/model';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A number and an optional unit, nothing else: `bytes` alone would read "1e3" as 1 byte. */
const SIZE_SHAPE = /^\d+(?:\.\d+)?\s*(?:b|kb|mb|gb|tb|pb)?$/i;

/** "1mb", "512kb", "2gb", "1048576" → bytes (units are powers of 1024, as `bytes` reads them). */
function parseSize(value: string): number | undefined {
  const trimmed = value.trim();
  return SIZE_SHAPE.test(trimmed) ? (bytes.parse(trimmed) ?? undefined) : undefined;
}

/** A size variable (see parseSize) from `min` to `max` bytes, `rule` saying so in words. */
const size = (defaultValue: string, min: number, max: number, rule: string) =>
  z
    .string()
    .default(defaultValue)
    .transform((v, ctx) => {
      const bytes = parseSize(v);
      if (bytes === undefined || bytes < min || bytes > max) {
        ctx.addIssue({ code: 'custom', message: rule });
        return z.NEVER;
      }
      return bytes;
    });

const int = (name: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { error: `${name} must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, {
      error: `${name} must be a whole number from ${min} to ${max}`,
    });

const PUBLIC_URL_RULE =
  'BROADSHEET_PUBLIC_URL must be an absolute http(s) URL without query, fragment or credentials, such as https://news.example.org';

/**
 * Where readers reach the server (behind a proxy the Host header may be an internal name):
 * an http(s) origin with an optional path prefix, returned without a trailing slash.
 */
const PublicUrl = z
  .string()
  .trim()
  .transform((value, ctx) => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(value);
    } catch {
      parsed = undefined;
    }
    if (
      !parsed ||
      (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') ||
      !/^https?:\/\//i.test(value) ||
      parsed.search !== '' ||
      parsed.hash !== '' ||
      value.includes('?') ||
      value.includes('#') ||
      parsed.username !== '' ||
      parsed.password !== ''
    ) {
      ctx.addIssue({ code: 'custom', message: PUBLIC_URL_RULE });
      return z.NEVER;
    }
    return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
  });

const TRUST_PROXY_RULE =
  'BROADSHEET_TRUST_PROXY must be a hop count (0 to 100) or a comma-separated list of proxy addresses and CIDR ranges (such as 10.0.0.0/8, ::1), or of loopback, linklocal, uniquelocal';

/** Names Express (proxy-addr) knows for address ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, an address/prefix (CIDR) or a range name, as Express's `trust proxy` takes it. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Which proxies may tell the client's address (X-Forwarded-For) and scheme (X-Forwarded-Proto):
 * a hop count, or the proxies' addresses. Never `true` (trust anyone), which would let every
 * client choose its own address and so its own rate-limit budget.
 */
const TrustProxy = z
  .string()
  .trim()
  .transform((value, ctx): number | string[] => {
    if (/^\d+$/.test(value) && Number(value) <= 100) return Number(value);
    const entries = value.split(',').map((e) => e.trim().toLowerCase());
    if (entries.every(isProxyEntry)) return entries;
    ctx.addIssue({ code: 'custom', message: TRUST_PROXY_RULE });
    return z.NEVER;
  });

const DATABASE_URL_RULE =
  'BROADSHEET_DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/dbname?sslmode=require or postgres:///dbname?host=/var/run/postgresql';
const SSL_MODES = [
  'disable',
  'allow',
  'prefer',
  'require',
  'verify-ca',
  'verify-full',
  'no-verify',
];

/** A libpq connection URL (postgres:// or postgresql://; a socket directory in ?host= allowed). */
export const DatabaseUrl = z
  .string()
  .trim()
  .refine(
    (value) => {
      if (!/^postgres(ql)?:\/\//i.test(value)) return false;
      try {
        const url = new URL(value);
        const sslmode = url.searchParams.get('sslmode');
        return sslmode === null || SSL_MODES.includes(sslmode);
      } catch {
        return false;
      }
    },
    { error: DATABASE_URL_RULE },
  );

const SMTP_URL_RULE =
  'BROADSHEET_SMTP_URL must be an smtp:// or smtps:// URL such as smtps://user:password@mail.example.org:465 or smtp://127.0.0.1:2525';

/** Where issues are mailed through: smtp:// (STARTTLS when offered) or smtps:// (TLS from the start). */
const SmtpUrl = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    { error: SMTP_URL_RULE },
  );

const MAIL_FROM_RULE =
  'BROADSHEET_MAIL_FROM must be a mail address such as news@example.org or Broadsheet <news@example.org>';

/** A sender address, bare or with a display name: `news@example.org`, `Broadsheet <news@example.org>`. */
const MailFrom = z
  .string()
  .trim()
  .refine(
    (value) => {
      const match = /^(?:[^<>\r\n]*<([^<>\s]+)>|([^<>\s]+))$/.exec(value);
      const address = match?.[1] ?? match?.[2];
      return address !== undefined && z.email().safeParse(address).success;
    },
    { error: MAIL_FROM_RULE },
  );

/** The environment the server reads, validated once at start. */
export const Env = z
  .object({
    PORT: int('PORT', 0, 65535).default(3000),
    /** Interface to listen on; all interfaces when unset. */
    HOST: z.string().trim().min(1).max(255).optional(),
    BROADSHEET_DATA_DIR: z
      .string()
      .trim()
      .min(1, { error: 'BROADSHEET_DATA_DIR must not be empty' })
      .default('./data'),
    BROADSHEET_API_TOKEN: z
      .string()
      .regex(/^[\x21-\x7e]{16,512}$/, {
        error: 'BROADSHEET_API_TOKEN must be 16 to 512 visible ASCII characters',
      })
      .optional(),
    BROADSHEET_BODY_LIMIT: size(
      '1mb',
      1024,
      64 * 1024 ** 2,
      'BROADSHEET_BODY_LIMIT must be a size such as 1mb, 512kb or 1048576 (1 KiB to 64 MiB)',
    ),
    /** Work budget of a text/plain article besides the byte limit (the model's LIMITS.textLines). */
    BROADSHEET_MAX_TEXT_LINES: int('BROADSHEET_MAX_TEXT_LINES', 1, 10_000_000).default(
      LIMITS.textLines,
    ),
    /** Writes each credential (today: the one token) may make a minute. */
    BROADSHEET_WRITES_PER_MINUTE: int('BROADSHEET_WRITES_PER_MINUTE', 1, 100_000).default(120),
    /** Failed authentications (no or a wrong credential) one client address may make a minute. */
    BROADSHEET_AUTH_FAILURES_PER_MINUTE: int(
      'BROADSHEET_AUTH_FAILURES_PER_MINUTE',
      1,
      100_000,
    ).default(10),
    BROADSHEET_TRUST_PROXY: TrustProxy.optional(),
    BROADSHEET_RENDER_THREADS: int('BROADSHEET_RENDER_THREADS', 1, 64).optional(),
    BROADSHEET_RENDER_QUEUE: int('BROADSHEET_RENDER_QUEUE', 0, 10_000).optional(),
    /** A render running longer is abandoned and its worker thread replaced. */
    BROADSHEET_RENDER_TIMEOUT_MS: int('BROADSHEET_RENDER_TIMEOUT_MS', 100, 3_600_000).default(
      120_000,
    ),
    /** Bytes the render cache may keep on disk; least recently used files are deleted beyond. */
    BROADSHEET_CACHE_MAX_BYTES: size(
      '1gb',
      1024 ** 2,
      1024 ** 5,
      'BROADSHEET_CACHE_MAX_BYTES must be a size such as 1gb, 500mb or 1073741824 (1 MiB to 1024 TiB)',
    ),
    /**
     * Bytes the shared render store (PostgreSQL only) may hold; least recently used renders are
     * deleted beyond. 0 turns it off (each replica renders for itself).
     */
    BROADSHEET_SHARED_CACHE_MAX_BYTES: size(
      '1gb',
      0,
      1024 ** 5,
      'BROADSHEET_SHARED_CACHE_MAX_BYTES must be a size such as 1gb, 500mb or 0 (off), at most 1024 TiB',
    ),
    BROADSHEET_PUBLIC_URL: PublicUrl.optional(),
    /** Web pages with more elements answer 413 before jsdom or Readability see them. */
    BROADSHEET_HTML_MAX_ELEMENTS: int('BROADSHEET_HTML_MAX_ELEMENTS', 100, 10_000_000).default(
      20_000,
    ),
    /** Web pages nested deeper answer 422 (Readability's time explodes with depth, then its stack). */
    BROADSHEET_HTML_MAX_DEPTH: int('BROADSHEET_HTML_MAX_DEPTH', 16, 1_000).default(256),
    /** Web pages with an element carrying more attributes answer 413 (the parser's time grows with their square). */
    BROADSHEET_HTML_MAX_ATTRIBUTES: int('BROADSHEET_HTML_MAX_ATTRIBUTES', 16, 100_000).default(256),
    /** A web-page import running longer is stopped, its worker thread replaced; the request answers 422. */
    BROADSHEET_IMPORT_TIMEOUT_MS: int('BROADSHEET_IMPORT_TIMEOUT_MS', 100, 600_000).default(20_000),
    BROADSHEET_IMPORT_THREADS: int('BROADSHEET_IMPORT_THREADS', 1, 64).default(1),
    /** Heap of each import thread; a page needing more answers 413 (the thread is replaced). */
    BROADSHEET_IMPORT_MEMORY_MB: int('BROADSHEET_IMPORT_MEMORY_MB', 32, 16_384).default(128),
    BROADSHEET_IMPORT_QUEUE: int('BROADSHEET_IMPORT_QUEUE', 0, 10_000).optional(),
    /** Pictures whose header claims more pixels are refused at write time (422) and never rendered. */
    BROADSHEET_IMAGE_MAX_PIXELS: int('BROADSHEET_IMAGE_MAX_PIXELS', 1, 1_000_000_000).default(
      40_000_000,
    ),
    /** Largest decoded `data:` picture accepted at write time. */
    BROADSHEET_IMAGE_MAX_BYTES: size(
      '10mb',
      1024,
      256 * 1024 ** 2,
      'BROADSHEET_IMAGE_MAX_BYTES must be a size such as 10mb, 512kb or 10485760 (1 KiB to 256 MiB)',
    ),
    /** `1`: every article write fetches its http(s) pictures, as `?images=fetch` does. */
    BROADSHEET_FETCH_IMAGES: z
      .enum(['0', '1'], { error: 'BROADSHEET_FETCH_IMAGES must be 1 (fetch on every write) or 0' })
      .default('0')
      .transform((v) => v === '1'),
    /** `host[:port],…` the safe fetcher may reach although private (tests: 127.0.0.1). */
    BROADSHEET_FETCH_ALLOW_HOSTS: z
      .string()
      .default('')
      .transform((v, ctx) => {
        try {
          return parseAllowHosts(v);
        } catch (e) {
          ctx.addIssue({
            code: 'custom',
            message: `BROADSHEET_FETCH_ALLOW_HOSTS must be a comma-separated list of host[:port]: ${(e as Error).message}`,
          });
          return z.NEVER;
        }
      }),
    /** Largest body one server-side fetch reads. */
    BROADSHEET_FETCH_MAX_BYTES: size(
      '10mb',
      1024,
      1024 ** 3,
      'BROADSHEET_FETCH_MAX_BYTES must be a size such as 10mb, 512kb or 10485760 (1 KiB to 1 GiB)',
    ),

    /** `1`: PUT, PATCH and DELETE of existing articles and curated editions need If-Match (428). */
    BROADSHEET_REQUIRE_IF_MATCH: z
      .enum(['0', '1'], { error: 'BROADSHEET_REQUIRE_IF_MATCH must be 1 (required) or 0' })
      .default('0')
      .transform((v) => v === '1'),

    /** PostgreSQL store when set; SQLite in the data directory when unset. */
    BROADSHEET_DATABASE_URL: DatabaseUrl.optional(),
    BROADSHEET_DATABASE_POOL: int('BROADSHEET_DATABASE_POOL', 1, 1000).default(10),
    BROADSHEET_DATABASE_STATEMENT_TIMEOUT_MS: int(
      'BROADSHEET_DATABASE_STATEMENT_TIMEOUT_MS',
      100,
      3_600_000,
    ).default(15_000),
    /**
     * `off` for replicas that must never run background jobs (feed polling, scheduled publication
     * issues, mail delivery); `on` by default. Jobs on PostgreSQL claim their work in the database,
     * so any number of replicas may leave it on.
     */
    BROADSHEET_SCHEDULER: z
      .enum(['on', 'off'], { error: 'BROADSHEET_SCHEDULER must be on or off' })
      .default('on'),
    /** Minutes between two polls of a feed that answered (failures back off on their own). */
    BROADSHEET_FEED_POLL_MINUTES: int('BROADSHEET_FEED_POLL_MINUTES', 1, 10_080).default(30),
    /** SMTP server publication issues are mailed through; no mail is sent when unset. A secret. */
    BROADSHEET_SMTP_URL: SmtpUrl.optional(),
    /** The From address of mailed issues; required with BROADSHEET_SMTP_URL. */
    BROADSHEET_MAIL_FROM: MailFrom.optional(),
    /**
     * Largest EPUB attached to a mail (Gmail and Send-to-Kindle take 25 MB); a larger one is
     * mailed as a download link (BROADSHEET_PUBLIC_URL), or the delivery fails saying why.
     */
    BROADSHEET_MAIL_MAX_BYTES: size(
      '25mb',
      1024,
      1024 ** 3,
      'BROADSHEET_MAIL_MAX_BYTES must be a size such as 25mb, 10mb or 26214400 (1 KiB to 1 GiB)',
    ),
    LOG_LEVEL: z
      .enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
      .default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.BROADSHEET_SMTP_URL !== undefined && env.BROADSHEET_MAIL_FROM === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['BROADSHEET_MAIL_FROM'],
        message:
          'BROADSHEET_MAIL_FROM must be set when BROADSHEET_SMTP_URL is (the address issues are mailed from)',
      });
  });
export type Env = z.infer<typeof Env>;

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

const SECRET_VARIABLES = new Set([
  'BROADSHEET_API_TOKEN',
  'BROADSHEET_DATABASE_URL',
  'BROADSHEET_SMTP_URL',
]);

/** Parses the environment; an EnvError's message is one sentence per bad variable. */
export function parseEnv(env: NodeJS.ProcessEnv): Env {
  // Empty variables count as unset, as shells and .env files commonly leave them.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = Env.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => {
    const name = String(i.path[0] ?? 'environment');
    const got = env[name];
    const shown =
      // Secrets are never echoed (a database URL may carry a password).
      SECRET_VARIABLES.has(name) || got === undefined
        ? ''
        : ` (got ${JSON.stringify(got.slice(0, 60))})`;
    return `${i.message.startsWith(name) ? i.message : `${name}: ${i.message}`}${shown}.`;
  });
  throw new EnvError(lines.join('\n'));
}
