import type { Database } from 'better-sqlite3';
import { SchemaTooNewError } from '../types.js';
import { filterKey } from '../article-row.js';

/**
 * Triggers that move the change stamp (store_revision) on every write to these tables: the
 * catalogs' and feeds' validators. Text kept exactly as step 5 first wrote it.
 */
function revisionTriggers(tables: readonly string[]): string {
  return tables
    .flatMap((table) =>
      ['INSERT', 'UPDATE', 'DELETE'].map(
        (op) => `CREATE TRIGGER ${table}_${op.toLowerCase()}_revision AFTER ${op} ON ${table}
    BEGIN
      UPDATE store_revision
        SET revision = revision + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
    END;`,
      ),
    )
    .join('\n  ');
}

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
  // 2: API keys (only a SHA-256 of each key is kept); a revision per curated edition, which
  // conditional writes (If-Match) compare and bump in the same statement.
  `
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    -- JSON array of scope names
    scopes TEXT NOT NULL,
    hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
  ) STRICT;
  ALTER TABLE curated_editions ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
  `,
  // 3: language and author filters, and the spellings GET /v1/tags, /authors and /sections show.
  // filter_key() is the JS filterKey, registered by openWritable, so keys written here equal
  // the ones every later write computes.
  `
  ALTER TABLE articles ADD COLUMN language_key TEXT;
  ALTER TABLE articles ADD COLUMN section_name TEXT;
  ALTER TABLE article_tags ADD COLUMN name TEXT NOT NULL DEFAULT '';
  CREATE TABLE article_authors (
    article_rowid INTEGER NOT NULL REFERENCES articles (rowid) ON DELETE CASCADE,
    author_key TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (article_rowid, author_key)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX article_authors_by_author ON article_authors (author_key);
  CREATE INDEX articles_by_language ON articles (language_key);
  UPDATE articles SET
    language_key = filter_key(json_extract(json, '$.language')),
    section_name = json_extract(json, '$.section');
  UPDATE article_tags SET name = coalesce((
    SELECT j.value FROM articles a, json_each(a.json, '$.tags') j
    WHERE a.rowid = article_tags.article_rowid AND filter_key(j.value) = article_tags.tag_key
    ORDER BY j.key LIMIT 1), tag_key);
  INSERT OR IGNORE INTO article_authors (article_rowid, author_key, name)
    SELECT a.rowid, filter_key(json_extract(j.value, '$.name')), json_extract(j.value, '$.name')
    FROM articles a, json_each(a.json, '$.authors') j ORDER BY a.rowid, j.key;
  `,
  // 4: media, content-addressed (id = sha256 of data), stored once.
  `
  CREATE TABLE media (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    data BLOB NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;
  `,
  // 5: the change stamp catalogs and feeds validate against (Store.revision): one row, bumped
  // by triggers so that every write to articles or curated editions, deletions too, moves it.
  `
  CREATE TABLE store_revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL,
    changed_at TEXT NOT NULL
  ) STRICT;
  INSERT INTO store_revision (id, revision, changed_at)
    VALUES (1, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
  ${revisionTriggers(['articles', 'curated_editions'])}
  `,
  // 6: feed subscriptions (issue 17). A feed is polled by whichever process holds its lease;
  // feed_items remembers which article each item became (dedup by GUID or link) and when it
  // first arrived, which is what a publication's next issue is made of.
  `
  CREATE TABLE feeds (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    section TEXT,
    full_text TEXT NOT NULL CHECK (full_text IN ('auto', 'always', 'never')),
    max_items INTEGER,
    title TEXT,
    site_url TEXT,
    etag TEXT,
    last_modified TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    last_success_at TEXT,
    last_error TEXT,
    last_error_at TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    next_poll_at TEXT NOT NULL,
    leased_until TEXT
  ) STRICT;
  CREATE INDEX feeds_next_poll ON feeds (next_poll_at);
  CREATE TABLE feed_items (
    feed_id TEXT NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    item_key TEXT NOT NULL,
    article_slug TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    first_seen_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (feed_id, item_key)
  ) STRICT;
  CREATE INDEX feed_items_arrival ON feed_items (feed_id, first_seen_at);
  CREATE INDEX feed_items_article ON feed_items (article_slug);
  `,
  // 7: publications (issue 17): scheduled editions made from feeds. A publication_issues row
  // is the claim on a slot: its primary key lets exactly one writer make the slot's issue, in
  // the transaction that stores the edition. cutoff is the arrival time (feed_items.first_seen_at)
  // up to which the last issue took articles; last_slot the latest scheduled slot handled
  // (issued, or found with nothing new), so an empty slot is not tried again.
  `
  CREATE TABLE publications (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    schedule TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    max_articles INTEGER NOT NULL,
    -- JSON array of 'epub' | 'pdf'
    formats TEXT NOT NULL,
    -- JSON {"email": [...]} or NULL
    deliver TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    last_issue_at TEXT,
    cutoff TEXT,
    last_slot TEXT
  ) STRICT;
  CREATE TABLE publication_feeds (
    publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
    feed_id TEXT NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (publication_id, feed_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX publication_feeds_by_feed ON publication_feeds (feed_id);
  CREATE TABLE publication_issues (
    publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
    -- ISO slot time, or 'manual:<iso>' for an issue made on request
    slot TEXT NOT NULL,
    edition_id TEXT NOT NULL,
    article_count INTEGER NOT NULL,
    cutoff TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (publication_id, slot)
  ) STRICT;
  CREATE INDEX publication_issues_recent ON publication_issues (publication_id, created_at DESC);
  ${revisionTriggers(['publications', 'publication_issues'])}
  `,
  // 8: mail deliveries of publication issues. One row per (edition, recipient): the unique pair
  // keeps a re-run from mailing twice. A claim moves next_attempt_at past now (the lease) and
  // counts the attempt; attempts is the fencing token the outcome is written with. publication_id
  // is no foreign key: a delivery made by hand has none, and the record outlives its publication.
  `
  CREATE TABLE deliveries (
    id TEXT PRIMARY KEY,
    publication_id TEXT,
    edition_id TEXT NOT NULL,
    recipient TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error TEXT,
    message_id TEXT,
    sent_at TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (edition_id, recipient)
  ) STRICT;
  CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
  CREATE INDEX deliveries_by_publication ON deliveries (publication_id, created_at DESC);
  `,
  // 9: the same GUID in several feeds points to one article: FeedStore.findItems looks an item
  // key up across feeds, which the (feed_id, item_key) primary key cannot serve.
  `
  CREATE INDEX feed_items_key ON feed_items (item_key);
  `,
  // 10: what search snippets are made from: the first 1000 characters of each field (the
  // store's SNIPPET_SOURCE_CHARS when this step was written). FTS5's snippet() takes time
  // that grows with the square of the matches in the row it reads, so it never reads
  // articles_fts, whose body may be a megabyte.
  `
  CREATE VIRTUAL TABLE articles_snippets USING fts5 (
    headline, standfirst, highlights, body,
    tokenize = 'unicode61 remove_diacritics 2'
  );
  INSERT INTO articles_snippets (rowid, headline, standfirst, highlights, body)
    SELECT rowid, substr(headline, 1, 1000), substr(standfirst, 1, 1000),
      substr(highlights, 1, 1000), substr(body, 1, 1000)
    FROM articles_fts;
  `,
];

/** SQL functions the migration steps call (registered on every connection that migrates). */
export function registerMigrationFunctions(db: Database): void {
  db.function('filter_key', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? filterKey(value) : null,
  );
}

/** Brings the schema up to date, one transaction per step; refuses a newer database. */
export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new SchemaTooNewError(
      `the database schema is version ${current}, newer than this server understands (${MIGRATIONS.length}); upgrade the server before starting it on this database`,
    );
  }
  registerMigrationFunctions(db);
  MIGRATIONS.slice(current).forEach((sql, i) => {
    const version = current + i + 1;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  });
}
