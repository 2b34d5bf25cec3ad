import type { Database } from 'better-sqlite3';

/**
 * Schema versions, applied in order; PRAGMA user_version records the last one applied.
 * Never edit a released step: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: articles, their tags, full-text index, curated editions, key/value metadata.
  `
  CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL UNIQUE,
    json TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    -- YYYY-MM-DD as written in publishedAt, else updatedAt (the newsroom's calendar day); NULL when undated.
    published_date TEXT,
    -- that date-time in UTC for ordering; '' when undated so undated articles sort last.
    sort_key TEXT NOT NULL,
    section_key TEXT,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX articles_by_sort ON articles (sort_key DESC, rowid DESC);
  CREATE INDEX articles_by_date ON articles (published_date);
  CREATE INDEX articles_by_section ON articles (section_key);
  CREATE TABLE article_tags (
    article_rowid INTEGER NOT NULL REFERENCES articles (rowid) ON DELETE CASCADE,
    tag_key TEXT NOT NULL,
    PRIMARY KEY (article_rowid, tag_key)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX article_tags_by_tag ON article_tags (tag_key);
  CREATE VIRTUAL TABLE articles_fts USING fts5 (
    headline, standfirst, highlights, body,
    tokenize = 'unicode61 remove_diacritics 2'
  );
  CREATE TABLE curated_editions (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    language TEXT,
    description TEXT,
    slugs TEXT NOT NULL,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX curated_editions_by_date ON curated_editions (date DESC, created_at DESC);
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  `,
  // 2: the change stamp catalogs and feeds validate against (Store.revision): one row, bumped
  // by triggers so that every write to articles or curated editions, deletions too, moves it.
  `
  CREATE TABLE store_revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL,
    changed_at TEXT NOT NULL
  ) STRICT;
  INSERT INTO store_revision (id, revision, changed_at)
    VALUES (1, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
  ${['articles', 'curated_editions']
    .flatMap((table) =>
      ['INSERT', 'UPDATE', 'DELETE'].map(
        (op) => `CREATE TRIGGER ${table}_${op.toLowerCase()}_revision AFTER ${op} ON ${table}
    BEGIN
      UPDATE store_revision
        SET revision = revision + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
    END;`,
      ),
    )
    .join('\n  ')}
  `,
];

/** Brings the schema up to date, one transaction per step; refuses a newer database. */
export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `the database schema is version ${current}, newer than this server understands (${MIGRATIONS.length}); upgrade the server`,
    );
  }
  MIGRATIONS.slice(current).forEach((sql, i) => {
    const version = current + i + 1;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  });
}
