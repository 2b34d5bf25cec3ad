import type { Database } from 'better-sqlite3';
import type { RestoreSteps } from '../restore-each.js';

/**
 * The find and write steps of restoreEach for a table whose copied rows are written whole: a row
 * is found by its `key` columns and inserted, or replaced column by column.
 */
export function rowCopy<R extends object>(
  db: Database,
  table: string,
  key: readonly (keyof R & string)[],
  columns: readonly (keyof R & string)[],
): Pick<RestoreSteps<R, R>, 'existing' | 'write'> {
  const where = key.map((k) => `${k} = @${k}`).join(' AND ');
  const find = db.prepare<[R], R>(`SELECT * FROM ${table} WHERE ${where}`);
  const insert = db.prepare<[R]>(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  const replace = db.prepare<[R]>(
    `UPDATE ${table} SET ${columns
      .filter((c) => !key.includes(c))
      .map((c) => `${c} = @${c}`)
      .join(', ')} WHERE ${where}`,
  );
  return {
    existing: (row) => find.get(row),
    write: (row, existing) => {
      (existing ? replace : insert).run(row);
    },
  };
}
