import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { RenderFormat, SharedRenderStore } from '../../render/types.js';
import { rows } from './db.js';

/** Default of BROADSHEET_SHARED_CACHE_MAX_BYTES: 1 GiB. */
export const DEFAULT_SHARED_CACHE_MAX_BYTES = 1024 ** 3;

/**
 * Renders in PostgreSQL (table render_cache), for every replica. Least recently used out
 * first: "used" is when a replica last fetched the file (or stored it); a replica serves
 * repeat downloads from its own disk cache, so that is when a replica first needed it.
 * After each insert, the rows beyond the byte budget (newest use kept first) are deleted.
 */
export class PostgresRenderStore implements SharedRenderStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly maxBytes: number = DEFAULT_SHARED_CACHE_MAX_BYTES,
  ) {}

  async get(key: string): Promise<{ bytes: Buffer; sha256: string } | undefined> {
    const [row] = await rows<{ bytes: Buffer; sha256: string }>(
      this.pool,
      'UPDATE render_cache SET last_used_at = now() WHERE key = $1 RETURNING bytes, sha256',
      [key],
    );
    if (!row) return undefined;
    if (createHash('sha256').update(row.bytes).digest('hex') !== row.sha256) {
      // Damaged (or written by hand): never served; the replica renders and stores it again.
      await rows(this.pool, 'DELETE FROM render_cache WHERE key = $1', [key]);
      return undefined;
    }
    return row;
  }

  async put(key: string, format: RenderFormat, bytes: Buffer, sha256: string): Promise<void> {
    if (bytes.length > this.maxBytes) return;
    // Two replicas rendering the same key at once made the same bytes: the first row stays.
    const inserted = await rows(
      this.pool,
      `INSERT INTO render_cache (key, format, bytes, size, sha256) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (key) DO NOTHING RETURNING 1`,
      [key, format, bytes, bytes.length, sha256],
    );
    if (inserted.length > 0) await this.trim();
  }

  async usage(): Promise<{ bytes: number; files: number; maxBytes: number }> {
    const [row] = await rows<{ bytes: string; files: number }>(
      this.pool,
      'SELECT coalesce(sum(size), 0)::bigint::text AS bytes, count(*)::int AS files FROM render_cache',
    );
    return { bytes: Number(row?.bytes ?? 0), files: row?.files ?? 0, maxBytes: this.maxBytes };
  }

  /** Deletes the least recently used rows beyond the budget. */
  private async trim(): Promise<void> {
    await rows(
      this.pool,
      `DELETE FROM render_cache WHERE key IN (
         SELECT key FROM (
           SELECT key, sum(size) OVER (ORDER BY last_used_at DESC, key DESC) AS kept
           FROM render_cache
         ) ranked WHERE kept > $1)`,
      [this.maxBytes],
    );
  }
}
