import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { MIGRATIONS } from './migrations.js';

/**
 * A read-only, in-memory copy of the database file, for a volume that refuses writes. SQLite
 * cannot open a WAL database there (it needs to create the `-shm` file, and this build takes
 * no `immutable=1` URI), so the file is read whole and its header marked as a rollback-journal
 * database (bytes 18 and 19), which is how a WAL file reads once checkpointed, as a clean
 * shutdown leaves it. Writes fail with SQLITE_READONLY.
 */
export function openReadOnlySnapshot(file: string): Database.Database {
  const bytes = readFileSync(file);
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  const db = new Database(bytes, { readonly: true });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== MIGRATIONS.length) {
      throw new Error(
        `the database is read-only and at schema version ${version}, but this server needs ${MIGRATIONS.length}; make the data directory writable so it can be migrated`,
      );
    }
    db.pragma('foreign_keys = ON');
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
