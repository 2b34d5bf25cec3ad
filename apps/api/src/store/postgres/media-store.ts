import type { Pool } from 'pg';
import type { MediaRecord, MediaStore } from '../types.js';
import { rows } from './db.js';

interface MediaRow {
  id: string;
  type: string;
  width: number;
  height: number;
  bytes: number;
  created_at: string;
}

const toRecord = (row: MediaRow): MediaRecord => ({
  id: row.id,
  type: row.type,
  width: row.width,
  height: row.height,
  bytes: row.bytes,
  createdAt: row.created_at,
});

const COLUMNS = 'id, type, width, height, bytes, created_at';

export function createPostgresMediaStore(pool: Pool, now: () => Date): MediaStore {
  return {
    async put(input) {
      // ON CONFLICT DO NOTHING: replicas storing one picture at once store it once.
      const inserted = await rows<MediaRow>(
        pool,
        `INSERT INTO media (id, type, width, height, bytes, data, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING ${COLUMNS}`,
        [
          input.id,
          input.type,
          input.width,
          input.height,
          input.data.byteLength,
          input.data,
          now().toISOString(),
        ],
      );
      if (inserted[0]) return { media: toRecord(inserted[0]), created: true };
      const [row] = await rows<MediaRow>(pool, `SELECT ${COLUMNS} FROM media WHERE id = $1`, [
        input.id,
      ]);
      if (!row) throw new Error(`media ${input.id} vanished right after it was stored`);
      return { media: toRecord(row), created: false };
    },
    async get(id) {
      const [row] = await rows<MediaRow & { data: Buffer }>(
        pool,
        `SELECT ${COLUMNS}, data FROM media WHERE id = $1`,
        [id],
      );
      return row ? { ...toRecord(row), data: row.data } : undefined;
    },
    async ids({ after, limit }) {
      // Every id is 64 hexadecimal digits, so '' sorts before all of them. The column is
      // COLLATE "C" (byte order, as in SQLite), so the primary key serves this page.
      const found = await rows<{ id: string }>(
        pool,
        `SELECT id FROM media WHERE id > $1 ORDER BY id LIMIT $2`,
        [after ?? '', limit],
      );
      return found.map((r) => r.id);
    },
    async prune(olderThan) {
      const removed = await rows<{ id: string }>(
        pool,
        `DELETE FROM media m WHERE m.created_at < $1
           AND NOT EXISTS (SELECT 1 FROM articles a WHERE strpos(a.json, m.id) > 0)
         RETURNING m.id`,
        [olderThan.toISOString()],
      );
      return removed.map((r) => r.id).sort();
    },
  };
}
