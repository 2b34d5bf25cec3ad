import type { AsyncRestoreSteps } from '../restore-each.js';
import { rows, type Queryable } from './db.js';

/**
 * The find and write steps of restoreEachAsync for a table whose copied rows are written whole:
 * a row is found (and locked) by its `key` columns, and inserted or replaced in one upsert.
 */
export function rowCopy<R extends object>(
  db: Queryable,
  table: string,
  key: readonly (keyof R & string)[],
  columns: readonly (keyof R & string)[],
): Pick<AsyncRestoreSteps<R, R>, 'existing' | 'write'> {
  const where = key.map((k, i) => `${k} = $${i + 1}`).join(' AND ');
  const upsert = `INSERT INTO ${table} (${columns.join(', ')})
    VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
    ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${columns
      .filter((c) => !key.includes(c))
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', ')}`;
  return {
    async existing(row) {
      const [found] = await rows<R>(
        db,
        `SELECT * FROM ${table} WHERE ${where} FOR UPDATE`,
        key.map((k) => row[k]),
      );
      return found;
    },
    async write(row) {
      await rows(
        db,
        upsert,
        columns.map((c) => row[c]),
      );
    },
  };
}
