import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Article } from '@broadsheet/model';
import type { Store } from '../types.js';
import { createSqliteArticleStore } from './article-store.js';
import { createSqliteEditionStore } from './edition-store.js';
import { migrate } from './migrations.js';

export interface SqliteStoreOptions {
  /** Clock for created/modified stamps; injectable for tests. */
  now?: () => Date;
  /**
   * Articles stored the first time this database is opened (once: deleting them later is
   * respected across restarts).
   */
  seed?: () => Article[];
}

/** Opens (creating and migrating when needed) the SQLite database at `file`. */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  const now = options.now ?? (() => new Date());
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL survives process crashes; only an OS crash may lose the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  const articles = createSqliteArticleStore(db, now);
  const editions = createSqliteEditionStore(db, now);

  if (options.seed) {
    const seeded = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'seeded'").get();
    if (!seeded) {
      const toSeed = options.seed();
      // One transaction: the seed is stored together with the mark that says it was.
      db.transaction(() => {
        for (const article of toSeed) articles.createNow(article);
        db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('seeded', now().toISOString());
      })();
    }
  }

  let closed = false;
  return {
    articles,
    editions,
    close: () =>
      Promise.resolve().then(() => {
        if (closed) return;
        closed = true;
        db.close();
      }),
  };
}
