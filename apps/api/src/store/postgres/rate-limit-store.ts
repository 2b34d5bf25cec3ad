import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type pg from 'pg';
import type { RateLimitName, RateLimitStores } from '../../http/rate-limits.js';
import { rows } from './db.js';

interface CountRow {
  hits: number;
  reset_at: Date;
}

/** Increments between two sweeps of expired counts (per process and budget). */
const SWEEP_EVERY = 500;

/**
 * An express-rate-limit Store over PostgreSQL, so that every replica draws on the same budget
 * per client. One row per budget and key holds the hits of the current fixed window; windows
 * are measured on the database's clock, so replicas whose clocks differ still agree. A write
 * that finds its window over starts a new one (one UPSERT, atomic under concurrency).
 *
 * (`@acpr/rate-limit-postgresql` pins pg 8.11.3 exactly and brings its own pool and migration
 * runner; this is one statement per request on the store's pool and schema instead.)
 */
export class PostgresRateLimitStore implements Store {
  /** Counts live in the database, not in this process. */
  readonly localKeys = false;
  readonly prefix: string;
  private windowMs = 60_000;
  private increments = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly name: RateLimitName,
  ) {
    this.prefix = `${name}:`;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const [row] = await rows<CountRow>(
      this.pool,
      'SELECT hits, reset_at FROM rate_limits WHERE name = $1 AND key = $2 AND reset_at > now()',
      [this.name, key],
    );
    return row ? { totalHits: row.hits, resetTime: row.reset_at } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const [row] = await rows<CountRow>(
      this.pool,
      `INSERT INTO rate_limits AS r (name, key, hits, reset_at)
       VALUES ($1, $2, 1, now() + $3::int * interval '1 millisecond')
       ON CONFLICT (name, key) DO UPDATE SET
         hits = CASE WHEN r.reset_at <= now() THEN 1 ELSE r.hits + 1 END,
         reset_at = CASE WHEN r.reset_at <= now() THEN EXCLUDED.reset_at ELSE r.reset_at END
       RETURNING hits, reset_at`,
      [this.name, key, this.windowMs],
    );
    if (!row) throw new Error('rate-limit upsert returned no row');
    this.increments += 1;
    if (this.increments % SWEEP_EVERY === 0) void this.sweep();
    return { totalHits: row.hits, resetTime: row.reset_at };
  }

  async decrement(key: string): Promise<void> {
    await rows(
      this.pool,
      `UPDATE rate_limits SET hits = greatest(hits - 1, 0)
       WHERE name = $1 AND key = $2 AND reset_at > now()`,
      [this.name, key],
    );
  }

  async resetKey(key: string): Promise<void> {
    await rows(this.pool, 'DELETE FROM rate_limits WHERE name = $1 AND key = $2', [this.name, key]);
  }

  async resetAll(): Promise<void> {
    await rows(this.pool, 'DELETE FROM rate_limits WHERE name = $1', [this.name]);
  }

  /** Deletes windows long over (a client that stopped writing leaves its last row behind). */
  private async sweep(): Promise<void> {
    try {
      await rows(this.pool, "DELETE FROM rate_limits WHERE reset_at < now() - interval '1 hour'");
    } catch {
      // Best effort: the next sweep tries again, and stale rows are never counted.
    }
  }
}

/** A store per budget for AppDeps.rateLimitStores (express-rate-limit wants one per limiter). */
export function postgresRateLimitStores(pool: pg.Pool): RateLimitStores {
  return (name) => new PostgresRateLimitStore(pool, name);
}
