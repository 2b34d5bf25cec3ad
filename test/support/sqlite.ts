import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The SQLite database file in a data directory (the one *.db file there). */
export function databaseFile(dataDir: string): string {
  const files = readdirSync(dataDir).filter((f) => f.endsWith('.db'));
  if (files.length !== 1)
    throw new Error(`expected one .db file in ${dataDir}, found: ${files.join(', ') || 'none'}`);
  return join(dataDir, files[0] as string);
}

/** PRAGMA integrity_check on the file as it lies on disk (WAL recovery included). */
export function integrityCheck(dataDir: string): string {
  const db = new Database(databaseFile(dataDir));
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('\n');
  } finally {
    db.close();
  }
}
