import type { PoolClient } from 'pg';
import { SchemaTooNewError } from '../types.js';

/**
 * The channel article writes are announced on: the payload is the slug written (before and
 * after a rename both), or '' for "every article" (a TRUNCATE).
 */
export const ARTICLE_CHANGES_CHANNEL = 'broadsheet_article_changes';
import { articleFacets } from '../article-row.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Runs after `sql`, in the same transaction: fills new columns of existing rows with values
   * only JavaScript computes exactly as every later write does (case folding, for instance).
   */
  backfill?: (client: PoolClient) => Promise<void>;
}

/** Step 6's backfill: the facet columns of every stored article, from its JSON. */
async function backfillFacets(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ id: string; json: string }>(
    'SELECT id, json FROM articles',
  );
  for (const row of rows) {
    const facets = articleFacets(JSON.parse(row.json) as Parameters<typeof articleFacets>[0]);
    await client.query(
      `UPDATE articles SET language_key = $2, section_name = $3, tag_keys = $4::text[],
         tag_names = $5::text[], author_keys = $6::text[], author_names = $7::text[]
       WHERE id = $1`,
      [
        row.id,
        facets.languageKey,
        facets.section?.name ?? null,
        facets.tags.map((t) => t.key),
        facets.tags.map((t) => t.name),
        facets.authors.map((a) => a.key),
        facets.authors.map((a) => a.name),
      ],
    );
  }
}

/**
 * Schema versions, applied in order, each in its own transaction, recorded in
 * `broadsheet_migrations`. Forward only: never edit a released step, add a new one.
 */
export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'articles, curated editions, text search',
    sql: `
    -- Accents are folded in every configuration, as SQLite's unicode61 remove_diacritics does.
    CREATE EXTENSION IF NOT EXISTS unaccent;
    CREATE TEXT SEARCH CONFIGURATION broadsheet_simple (COPY = pg_catalog.simple);
    ALTER TEXT SEARCH CONFIGURATION broadsheet_simple
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    -- One configuration per language PostgreSQL stems (english, russian, french, arabic, ...).
    DO $$
    DECLARE c record;
    BEGIN
      FOR c IN
        SELECT cfg.cfgname FROM pg_ts_config cfg
        WHERE cfg.cfgnamespace = 'pg_catalog'::regnamespace
          AND EXISTS (SELECT 1 FROM pg_ts_dict d
                      WHERE d.dictname = cfg.cfgname || '_stem'
                        AND d.dictnamespace = 'pg_catalog'::regnamespace)
      LOOP
        EXECUTE format('CREATE TEXT SEARCH CONFIGURATION %I (COPY = pg_catalog.%I)',
                       'broadsheet_' || c.cfgname, c.cfgname);
        EXECUTE format('ALTER TEXT SEARCH CONFIGURATION %I ALTER MAPPING FOR hword, hword_part, word WITH unaccent, %I',
                       'broadsheet_' || c.cfgname, c.cfgname || '_stem');
      END LOOP;
    END $$;

    -- Keys compare byte-wise (COLLATE "C"), as in SQLite, whatever the database's locale.
    CREATE TABLE articles (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      slug text COLLATE "C" NOT NULL,
      article_id text COLLATE "C" NOT NULL,
      -- JSON.stringify(article) as text, not jsonb: reads send these bytes as they are.
      json text NOT NULL,
      content_hash text NOT NULL,
      -- YYYY-MM-DD as written in publishedAt, else updatedAt; NULL when undated.
      published_date text COLLATE "C",
      -- that date-time in UTC for ordering; '' when undated so undated articles sort last.
      sort_key text COLLATE "C" NOT NULL,
      section_key text COLLATE "C",
      tag_keys text[] COLLATE "C" NOT NULL DEFAULT '{}',
      -- The text-search configuration's name (text, not regconfig: OIDs do not survive dump/upgrade).
      ts_config text NOT NULL,
      search_headline text NOT NULL,
      search_standfirst text NOT NULL,
      search_highlights text NOT NULL,
      search_body text NOT NULL,
      tsv tsvector NOT NULL,
      created_at text NOT NULL,
      modified_at text NOT NULL,
      CONSTRAINT articles_slug_key UNIQUE (slug),
      CONSTRAINT articles_article_id_key UNIQUE (article_id)
    );
    CREATE INDEX articles_by_sort ON articles (sort_key DESC, id DESC);
    CREATE INDEX articles_by_date ON articles (published_date);
    CREATE INDEX articles_by_section ON articles (section_key);
    CREATE INDEX articles_by_tag ON articles USING gin (tag_keys);
    CREATE INDEX articles_search ON articles USING gin (tsv);

    CREATE TABLE curated_editions (
      id text COLLATE "C" PRIMARY KEY,
      title text NOT NULL,
      date text COLLATE "C" NOT NULL,
      language text,
      description text,
      slugs text[] NOT NULL,
      created_at text COLLATE "C" NOT NULL,
      modified_at text NOT NULL
    );
    CREATE INDEX curated_editions_by_date ON curated_editions (date DESC, created_at DESC);

    CREATE TABLE broadsheet_meta (key text PRIMARY KEY, value text NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'API keys, curated edition revisions',
    // Only a SHA-256 of each key is kept. The revision is what conditional edition writes
    // (If-Match) compare and bump in the same statement.
    sql: `
    CREATE TABLE api_keys (
      id text COLLATE "C" PRIMARY KEY,
      name text NOT NULL,
      scopes text[] NOT NULL,
      hash text NOT NULL,
      created_at text NOT NULL,
      last_used_at text,
      revoked_at text
    );
    ALTER TABLE curated_editions ADD COLUMN revision integer NOT NULL DEFAULT 1;
    `,
  },
  {
    version: 3,
    name: 'article change notifications',
    // In a trigger, so that every write (the API's, a copy command's, an administrator's SQL)
    // tells the replicas which cached article to forget, inside the writing transaction: the
    // notification is delivered when, and only if, the write commits.
    sql: `
    CREATE FUNCTION broadsheet_notify_article_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('${ARTICLE_CHANGES_CHANNEL}', OLD.slug); END IF;
      IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('${ARTICLE_CHANGES_CHANNEL}', NEW.slug); END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER articles_notify_change AFTER INSERT OR UPDATE OR DELETE ON articles
      FOR EACH ROW EXECUTE FUNCTION broadsheet_notify_article_change();
    -- TRUNCATE fires no row trigger: replicas drop every cached article.
    CREATE FUNCTION broadsheet_notify_articles_truncated() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${ARTICLE_CHANGES_CHANNEL}', '');
      RETURN NULL;
    END $$;
    CREATE TRIGGER articles_notify_truncate AFTER TRUNCATE ON articles
      FOR EACH STATEMENT EXECUTE FUNCTION broadsheet_notify_articles_truncated();
    `,
  },
  {
    version: 4,
    name: 'rate-limit counts shared by replicas',
    // UNLOGGED: counts of the current minute are not worth a WAL write each; a crash of the
    // database empties them, which forgives at most one window.
    sql: `
    CREATE UNLOGGED TABLE rate_limits (
      name text COLLATE "C" NOT NULL,
      key text COLLATE "C" NOT NULL,
      hits integer NOT NULL,
      reset_at timestamptz NOT NULL,
      PRIMARY KEY (name, key)
    );
    CREATE INDEX rate_limits_by_reset ON rate_limits (reset_at);
    `,
  },
  {
    version: 5,
    name: 'shared render store',
    sql: `
    -- EPUB and PDF files by render key, shared by every replica behind its own disk cache.
    CREATE TABLE render_cache (
      key text COLLATE "C" PRIMARY KEY,
      format text NOT NULL,
      bytes bytea NOT NULL,
      size integer NOT NULL,
      sha256 text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz NOT NULL DEFAULT now()
    );
    -- EPUB (zip), PDF (deflated streams) and PNG do not compress again: stored out of line as they are.
    ALTER TABLE render_cache ALTER COLUMN bytes SET STORAGE EXTERNAL;
    CREATE INDEX render_cache_by_use ON render_cache (last_used_at);
    `,
  },
  {
    version: 6,
    name: 'language and author filters, tag/author/section facets',
    // tag_names and author_names run parallel to tag_keys and author_keys: the spelling of
    // each key in this article, which GET /v1/tags and /v1/authors show.
    sql: `
    ALTER TABLE articles
      ADD COLUMN language_key text COLLATE "C",
      ADD COLUMN section_name text COLLATE "C",
      ADD COLUMN tag_names text[] COLLATE "C" NOT NULL DEFAULT '{}',
      ADD COLUMN author_keys text[] COLLATE "C" NOT NULL DEFAULT '{}',
      ADD COLUMN author_names text[] COLLATE "C" NOT NULL DEFAULT '{}';
    CREATE INDEX articles_by_language ON articles (language_key);
    CREATE INDEX articles_by_author ON articles USING gin (author_keys);
    `,
    backfill: backfillFacets,
  },
  {
    version: 7,
    name: 'media, content-addressed',
    sql: `
    CREATE TABLE media (
      id text COLLATE "C" PRIMARY KEY,
      type text NOT NULL,
      width integer NOT NULL,
      height integer NOT NULL,
      bytes integer NOT NULL,
      data bytea NOT NULL,
      created_at text COLLATE "C" NOT NULL
    );
    `,
  },
  {
    version: 8,
    name: 'change stamp for catalog and feed validators',
    // One row, bumped by statement triggers: every write to articles or curated editions
    // (deletions and TRUNCATE too) moves it, whichever replica made it. Writers queue on the
    // row until they commit, which writes at newsroom rates never notice.
    sql: `
    CREATE TABLE broadsheet_revision (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      revision bigint NOT NULL,
      changed_at timestamptz NOT NULL
    );
    INSERT INTO broadsheet_revision (revision, changed_at) VALUES (1, clock_timestamp());
    CREATE FUNCTION broadsheet_bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE broadsheet_revision SET revision = revision + 1, changed_at = clock_timestamp();
      RETURN NULL;
    END $$;
    CREATE TRIGGER articles_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON articles
      FOR EACH STATEMENT EXECUTE FUNCTION broadsheet_bump_revision();
    CREATE TRIGGER curated_editions_revision
      AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON curated_editions
      FOR EACH STATEMENT EXECUTE FUNCTION broadsheet_bump_revision();
    `,
  },
  {
    version: 9,
    name: 'feed subscriptions',
    // A feed is polled by whichever replica holds its lease; feed_items remembers which article
    // each item became (dedup by GUID or link) and when it first arrived, which is what a
    // publication's next issue is made of. Times are ISO 8601 text, as in the other tables.
    sql: `
    CREATE TABLE feeds (
      id text COLLATE "C" PRIMARY KEY,
      url text NOT NULL UNIQUE,
      section text,
      full_text text NOT NULL CHECK (full_text IN ('auto', 'always', 'never')),
      max_items integer,
      title text,
      site_url text,
      etag text,
      last_modified text,
      created_at text COLLATE "C" NOT NULL,
      updated_at text COLLATE "C" NOT NULL,
      revision integer NOT NULL DEFAULT 1,
      last_success_at text COLLATE "C",
      last_error text,
      last_error_at text COLLATE "C",
      failures integer NOT NULL DEFAULT 0,
      next_poll_at text COLLATE "C" NOT NULL,
      leased_until text COLLATE "C"
    );
    CREATE INDEX feeds_next_poll ON feeds (next_poll_at);
    CREATE TABLE feed_items (
      feed_id text COLLATE "C" NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
      item_key text NOT NULL,
      article_slug text NOT NULL,
      content_hash text NOT NULL,
      first_seen_at text COLLATE "C" NOT NULL,
      updated_at text COLLATE "C" NOT NULL,
      PRIMARY KEY (feed_id, item_key)
    );
    CREATE INDEX feed_items_arrival ON feed_items (feed_id, first_seen_at);
    CREATE INDEX feed_items_article ON feed_items (article_slug);
    `,
  },
  {
    version: 10,
    name: 'publications',
    // Scheduled editions made from feeds. A publication_issues row is the claim on a slot: its
    // primary key lets exactly one replica make the slot's issue, in the transaction that stores
    // the edition. cutoff is the arrival time (feed_items.first_seen_at) up to which the last
    // issue took articles; last_slot the latest scheduled slot handled (issued, or found with
    // nothing new), so an empty slot is not tried again. Publications and their issues are
    // listed in the OPDS catalogs, so their writes move the change stamp too.
    sql: `
    CREATE TABLE publications (
      id text COLLATE "C" PRIMARY KEY,
      title text NOT NULL,
      schedule text NOT NULL,
      time_zone text NOT NULL,
      max_articles integer NOT NULL,
      formats text[] NOT NULL,
      deliver jsonb,
      created_at text COLLATE "C" NOT NULL,
      updated_at text COLLATE "C" NOT NULL,
      revision integer NOT NULL DEFAULT 1,
      last_issue_at text COLLATE "C",
      cutoff text COLLATE "C",
      last_slot text COLLATE "C"
    );
    CREATE TABLE publication_feeds (
      publication_id text COLLATE "C" NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
      feed_id text COLLATE "C" NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
      position integer NOT NULL,
      PRIMARY KEY (publication_id, feed_id)
    );
    CREATE INDEX publication_feeds_by_feed ON publication_feeds (feed_id);
    CREATE TABLE publication_issues (
      publication_id text COLLATE "C" NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
      -- ISO slot time, or 'manual:<iso>' for an issue made on request
      slot text COLLATE "C" NOT NULL,
      edition_id text COLLATE "C" NOT NULL,
      article_count integer NOT NULL,
      cutoff text COLLATE "C" NOT NULL,
      created_at text COLLATE "C" NOT NULL,
      PRIMARY KEY (publication_id, slot)
    );
    CREATE INDEX publication_issues_recent ON publication_issues (publication_id, created_at DESC);
    CREATE TRIGGER publications_revision
      AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON publications
      FOR EACH STATEMENT EXECUTE FUNCTION broadsheet_bump_revision();
    CREATE TRIGGER publication_issues_revision
      AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON publication_issues
      FOR EACH STATEMENT EXECUTE FUNCTION broadsheet_bump_revision();
    `,
  },
  {
    version: 11,
    name: 'mail deliveries of publication issues',
    // One row per (edition, recipient): the unique pair is what keeps a re-run from mailing twice.
    // A replica claims a due row by moving next_attempt_at past now (the lease) and counting the
    // attempt; attempts is also the fencing token its outcome is written with. publication_id is
    // not a foreign key: a delivery made by hand has none, and the record outlives a deleted
    // publication.
    sql: `
    CREATE TABLE deliveries (
      id text COLLATE "C" PRIMARY KEY,
      publication_id text COLLATE "C",
      edition_id text NOT NULL,
      recipient text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at text COLLATE "C",
      last_error text,
      message_id text,
      sent_at text COLLATE "C",
      created_at text COLLATE "C" NOT NULL,
      UNIQUE (edition_id, recipient)
    );
    CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX deliveries_by_publication ON deliveries (publication_id, created_at DESC);
    `,
  },
  {
    version: 12,
    name: 'feed item keys',
    // The same GUID in several feeds points to one article: FeedStore.findItems looks an item key
    // up across feeds, which the (feed_id, item_key) primary key cannot serve.
    sql: `CREATE INDEX feed_items_key ON feed_items (item_key);`,
  },
];

export const LATEST_VERSION = PG_MIGRATIONS.at(-1)?.version ?? 0;

/** Any constant both old and new replicas agree on: "broad" in ASCII. */
export const MIGRATION_LOCK_KEY = 0x62726f6164;

/** The database's schema is newer than this server: it must not write to it. */
export { SchemaTooNewError };

/**
 * Brings the schema up to date. Runs under a session advisory lock, so replicas starting at
 * once wait for each other and each version is applied once; `then` runs under the same lock
 * (first-start seeding). Refuses a database whose schema is newer than this code.
 */
export async function migrate(
  client: PoolClient,
  then?: (client: PoolClient) => Promise<void>,
): Promise<{ from: number; to: number }> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS broadsheet_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>(
      'SELECT coalesce(max(version), 0)::int AS version FROM broadsheet_migrations',
    );
    const from = rows[0]?.version ?? 0;
    if (from > LATEST_VERSION) {
      throw new SchemaTooNewError(
        `the database schema is version ${from}, newer than this server understands (${LATEST_VERSION}); upgrade the server before starting it on this database`,
      );
    }
    for (const step of PG_MIGRATIONS.filter((m) => m.version > from)) {
      await client.query('BEGIN');
      try {
        await client.query(step.sql);
        if (step.backfill) await step.backfill(client);
        await client.query('INSERT INTO broadsheet_migrations (version, name) VALUES ($1, $2)', [
          step.version,
          step.name,
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    }
    if (then) await then(client);
    return { from, to: Math.max(from, LATEST_VERSION) };
  } finally {
    await client
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
  }
}
