import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Article } from '@broadsheet/model';
import { isStorageErrorCode } from '../storage-errors.js';
import { SchemaTooNewError, type Store, type StoreRevision } from '../types.js';
import { createSqliteArticleStore } from './article-store.js';
import { createSqliteDeliveryStore } from './delivery-store.js';
import { createSqliteEditionStore } from './edition-store.js';
import { createSqliteFeedStore } from './feed-store.js';
import { createSqliteKeyStore } from './key-store.js';
import { createSqliteMediaStore } from './media-store.js';
import { createSqlitePublicationStore } from './publication-store.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { openReadOnlySnapshot } from './read-only.js';

export interface SqliteStoreOptions {
  /** Clock for created/modified stamps; injectable for tests. */
  now?: () => Date;
  /**
   * Articles stored the first time this database is opened (once: deleting them later is
   * respected across restarts).
   */
  seed?: () => Article[];
  /**
   * Called when the database cannot be opened for writing (read-only or failing volume) and
   * is served read-only instead: reads work, every write fails with SQLITE_READONLY (a 503).
   */
  onReadOnly?: (reason: string) => void;
  /**
   * Open an existing database only to read it (a copy's source): nothing is created, migrated
   * or seeded, and a file that is not a Broadsheet database at this server's schema version
   * is refused with SqliteSourceError. Works while a server is writing to the file (WAL).
   */
  readOnly?: boolean;
}

/** A database opened read-only cannot be used: `message` is one sentence. */
export class SqliteSourceError extends Error {
  override readonly name = 'SqliteSourceError';
}

function openForReading(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new SqliteSourceError(
      existsSync(file)
        ? `cannot open ${file}: ${err instanceof Error ? err.message : String(err)}`
        : `${file} does not exist`,
    );
  }
  try {
    db.pragma('busy_timeout = 5000');
    let version: number;
    try {
      version = db.pragma('user_version', { simple: true }) as number;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new SqliteSourceError(`${file} is not an SQLite database (${reason})`);
    }
    if (version > MIGRATIONS.length) {
      throw new SchemaTooNewError(
        `${file} has schema version ${version}, newer than this program understands (${MIGRATIONS.length}); upgrade Broadsheet first`,
      );
    }
    if (version === 0) throw new SqliteSourceError(`${file} is not a Broadsheet database`);
    if (version < MIGRATIONS.length) {
      throw new SqliteSourceError(
        `${file} has schema version ${version}, older than this program's (${MIGRATIONS.length}); start the server on it once to bring it up to date`,
      );
    }
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The database opened for writing, migrated; throws when the volume refuses writes. */
function openWritable(file: string): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL survives process crashes; only an OS crash may lose the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    // SQLite quietly opens a file it may not write read-only: taking the write lock is what tells.
    db.exec('BEGIN IMMEDIATE; ROLLBACK');
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * Reads the change stamp. A database served read-only may predate the stamp's migration; it
 * cannot change while served, so the moment it was opened stands for its last change.
 */
function revisionReader(db: Database.Database): () => StoreRevision {
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_revision'")
    .get();
  if (!hasTable) {
    const opened: StoreRevision = { revision: 0, changedAt: new Date().toISOString() };
    return () => opened;
  }
  const query = db.prepare<[], { revision: number; changed_at: string }>(
    'SELECT revision, changed_at FROM store_revision WHERE id = 1',
  );
  return () => {
    const row = query.get();
    if (!row) throw new Error('the store_revision row is missing');
    return { revision: row.revision, changedAt: row.changed_at };
  };
}

/** Opens (creating and migrating when needed) the SQLite database at `file`. */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  const now = options.now ?? (() => new Date());
  let db: Database.Database;
  let writable = !options.readOnly;
  try {
    db = options.readOnly ? openForReading(file) : openWritable(file);
  } catch (err) {
    if (options.readOnly) throw err;
    const code = errorCode(err) ?? '';
    if (!(isStorageErrorCode(code) || code === 'EACCES' || code === 'EPERM') || !existsSync(file))
      throw err;
    db = openReadOnlySnapshot(file);
    writable = false;
    options.onReadOnly?.(
      `the database cannot be opened for writing (${code}); serving it read-only`,
    );
  }
  const articles = createSqliteArticleStore(db, now);
  const editions = createSqliteEditionStore(db, now);
  const keys = createSqliteKeyStore(db, now);
  const media = createSqliteMediaStore(db, now);
  const deliveries = createSqliteDeliveryStore(db, now);
  const publications = createSqlitePublicationStore(db, editions, now);
  const feeds = createSqliteFeedStore(db, now);

  if (options.seed && writable) {
    const seeded = db
      .prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'seeded'")
      .get();
    if (!seeded) {
      const toSeed = options.seed();
      // One transaction: the seed is stored together with the mark that says it was.
      db.transaction(() => {
        for (const article of toSeed) articles.createNow(article);
        db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(
          'seeded',
          now().toISOString(),
        );
      })();
    }
  }

  const revision = revisionReader(db);
  let closed = false;
  return {
    articles,
    editions,
    keys,
    // An embedded file answers or throws at once: there is nothing to wait for.
    ping: () =>
      Promise.resolve().then(() => {
        db.prepare('SELECT 1').get();
      }),
    media,
    deliveries,
    publications,
    feeds,
    revision: () => Promise.resolve().then(revision),
    close: () =>
      Promise.resolve().then(() => {
        if (closed) return;
        closed = true;
        db.close();
      }),
  };
}
