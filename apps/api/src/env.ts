import { LIMITS } from '@broadsheet/model';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1024,
  mb: 1024 ** 2,
  gb: 1024 ** 3,
  tb: 1024 ** 4,
};

/** "1mb", "512kb", "2gb", "1048576" → bytes (units are powers of 1024). */
function parseSize(value: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb)?\s*$/i.exec(value);
  if (!match?.[1]) return undefined;
  const factor = SIZE_UNITS[(match[2] ?? 'b').toLowerCase()] ?? 1;
  return Math.floor(Number(match[1]) * factor);
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

/** The environment the server reads, validated once at start. */
export const Env = z.object({
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
  BROADSHEET_WRITES_PER_MINUTE: int('BROADSHEET_WRITES_PER_MINUTE', 1, 100_000).default(120),
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
  BROADSHEET_PUBLIC_URL: PublicUrl.optional(),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
});
export type Env = z.infer<typeof Env>;

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

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
      name === 'BROADSHEET_API_TOKEN' || got === undefined
        ? ''
        : ` (got ${JSON.stringify(got.slice(0, 60))})`;
    return `${i.message.startsWith(name) ? i.message : `${name}: ${i.message}`}${shown}.`;
  });
  throw new EnvError(lines.join('\n'));
}
