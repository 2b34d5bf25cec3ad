import type { Database } from 'better-sqlite3';
import type { MediaRecord, MediaStore } from '../types.js';

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

export function createSqliteMediaStore(db: Database, now: () => Date): MediaStore {
  const byId = db.prepare<[string], MediaRow>(`SELECT ${COLUMNS} FROM media WHERE id = ?`);
  const withData = db.prepare<[string], MediaRow & { data: Buffer }>(
    `SELECT ${COLUMNS}, data FROM media WHERE id = ?`,
  );
  // INSERT OR IGNORE: two uploads of one picture at once store it once.
  const insert = db.prepare(
    `INSERT OR IGNORE INTO media (id, type, width, height, bytes, data, created_at)
     VALUES (@id, @type, @width, @height, @bytes, @data, @created_at)`,
  );
  const unreferenced = db.prepare<[string], { id: string }>(
    `SELECT id FROM media m WHERE created_at < ?
       AND NOT EXISTS (SELECT 1 FROM articles a WHERE instr(a.json, m.id) > 0)`,
  );
  const remove = db.prepare<[string]>('DELETE FROM media WHERE id = ?');
  const idsAfter = db
    .prepare<[string, number], string>('SELECT id FROM media WHERE id > ? ORDER BY id LIMIT ?')
    .pluck();
  const pruneTx = db.transaction((cutoff: string) => {
    const ids = unreferenced
      .all(cutoff)
      .map((r) => r.id)
      .sort();
    for (const id of ids) remove.run(id);
    return ids;
  });
  return {
    put: (input) =>
      Promise.resolve().then(() => {
        const created =
          insert.run({
            id: input.id,
            type: input.type,
            width: input.width,
            height: input.height,
            bytes: input.data.byteLength,
            data: input.data,
            created_at: now().toISOString(),
          }).changes === 1;
        const row = byId.get(input.id);
        if (!row) throw new Error(`media ${input.id} vanished right after it was stored`);
        return { media: toRecord(row), created };
      }),
    get: (id) =>
      Promise.resolve().then(() => {
        const row = withData.get(id);
        return row ? { ...toRecord(row), data: row.data } : undefined;
      }),
    // Every id is 64 hexadecimal digits, so '' sorts before all of them.
    ids: ({ after, limit }) => Promise.resolve().then(() => idsAfter.all(after ?? '', limit)),
    prune: (olderThan) => Promise.resolve().then(() => pruneTx(olderThan.toISOString())),
  };
}
