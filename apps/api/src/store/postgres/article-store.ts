import { bodyText, type Article } from '@broadsheet/model';
import type { Pool, PoolClient } from 'pg';
import { canonicalJson } from '../../util/canonical-json.js';
import { sha256 } from '../../util/hash.js';
import { ArticleCache } from '../article-cache.js';
import { articleDate, articleFacets, filterKey, sortKey, toStored } from '../article-row.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { MATCH_END, MATCH_START, snippetRuns } from '../snippet-runs.js';
import {
  ConflictError,
  InvalidCursorError,
  PreconditionFailedError,
  type WriteCondition,
  type ArticleListItem,
  type ArticleRecord,
  type ArticlePage,
  type ArticleQuery,
  type ArticleStore,
  type DayCount,
  type RestoreCounts,
  type FacetCount,
  type FacetKind,
  type FacetPage,
  type FacetQuery,
  type StoredArticle,
} from '../types.js';
import { rows, transaction, type Queryable } from './db.js';
import {
  SIMPLE_CONFIG,
  cjkBigrams,
  markTerms,
  searchQuery,
  textSearchConfig,
} from './text-search.js';
import { SNIPPET_SOURCE_CHARS } from '../search-terms.js';

interface ArticleRow {
  id: string;
  slug: string;
  json: string;
  content_hash: string;
  created_at: string;
  modified_at: string;
  sort_key: string;
  snippet?: string;
}

/** A row read with VALIDATED_COLUMNS: no JSON when the cached version is current. */
type ValidatedRow = Omit<ArticleRow, 'json'> & { json: string | null };

const storedOf = (row: ValidatedRow & { json: string }): StoredArticle =>
  toStored({
    json: row.json,
    content_hash: row.content_hash,
    created_at: row.created_at,
    modified_at: row.modified_at,
  });

/**
 * Characters of an article's text that go into its search index: a tsvector holds at most
 * 1 MiB of lexemes. Snippets read only the first SNIPPET_SOURCE_CHARS of each field.
 */
const MAX_INDEXED_CHARS = 200_000;

const COLUMNS = 'a.id, a.slug, a.json, a.content_hash, a.created_at, a.modified_at, a.sort_key';

/** COLUMNS, but `json` is NULL when the row is the version the caller caches ($2 hash, $3 modified). */
const VALIDATED_COLUMNS = `a.id, a.slug,
  CASE WHEN a.content_hash = $2::text AND a.modified_at = $3::text THEN NULL ELSE a.json END AS json,
  a.content_hash, a.created_at, a.modified_at, a.sort_key`;

/**
 * The parameters shared by INSERT and upsert, in column order: the content ($1 … $15), the
 * write's stamp ($16), the facet columns ($17 … $21); a copy's created_at is $22.
 */
const INSERT_COLUMNS = `slug, article_id, json, content_hash, published_date, sort_key, section_key,
  tag_keys, ts_config, search_headline, search_standfirst, search_highlights, search_body, tsv,
  language_key, section_name, tag_names, author_keys, author_names, created_at, modified_at`;
const INSERT_CONTENT = `$1, $2, $3, $4, $5, $6, $7, $8::text[], $9::text, $10::text, $11::text,
  $12::text, $13::text,
  setweight(to_tsvector($9::text::regconfig, $10::text), 'A')
    || setweight(to_tsvector($9::text::regconfig, $11::text), 'B')
    || setweight(to_tsvector($9::text::regconfig, $12::text), 'C')
    || to_tsvector($9::text::regconfig, $13::text)
    || setweight(to_tsvector('${SIMPLE_CONFIG}', $14::text), 'A')
    || to_tsvector('${SIMPLE_CONFIG}', $15::text),
  $17, $18, $19::text[], $20::text[], $21::text[]`;
/** New rows are created and modified at once ($16); a copied row brings its own stamps. */
const INSERT_VALUES = `${INSERT_CONTENT}, $16, $16`;
const RESTORE_VALUES = `${INSERT_CONTENT}, $22, $16`;

/** What an upsert replaces of an existing row: everything but the slug and created_at. */
const UPSERT_SET = `article_id = EXCLUDED.article_id, json = EXCLUDED.json,
  content_hash = EXCLUDED.content_hash, published_date = EXCLUDED.published_date,
  sort_key = EXCLUDED.sort_key, section_key = EXCLUDED.section_key,
  tag_keys = EXCLUDED.tag_keys, ts_config = EXCLUDED.ts_config,
  search_headline = EXCLUDED.search_headline, search_standfirst = EXCLUDED.search_standfirst,
  search_highlights = EXCLUDED.search_highlights, search_body = EXCLUDED.search_body,
  tsv = EXCLUDED.tsv, language_key = EXCLUDED.language_key, section_name = EXCLUDED.section_name,
  tag_names = EXCLUDED.tag_names, author_keys = EXCLUDED.author_keys,
  author_names = EXCLUDED.author_names, modified_at = EXCLUDED.modified_at`;

/** INSERT_VALUES for an UPDATE of every column: the row keeps its created_at. */
const UPDATE_VALUES = INSERT_VALUES.replace(/\$16, \$16$/, 'articles.created_at, $16');

/** Facets: one row per key, the byte-wise first spelling (keys and names are COLLATE "C"). */
const FACET_SQL: Record<FacetKind, string> = {
  tags: `SELECT t.key, min(t.name) AS name, count(*)::int AS count
         FROM articles a, unnest(a.tag_keys, a.tag_names) AS t(key, name) GROUP BY t.key`,
  authors: `SELECT t.key, min(t.name) AS name, count(*)::int AS count
            FROM articles a, unnest(a.author_keys, a.author_names) AS t(key, name) GROUP BY t.key`,
  sections: `SELECT section_key AS key, min(section_name) AS name, count(*)::int AS count
             FROM articles WHERE section_key IS NOT NULL GROUP BY section_key`,
  // A language is shown as its key (the tag case-folded): `en-GB` and `en-gb` are one value.
  languages: `SELECT language_key AS key, language_key AS name, count(*)::int AS count
              FROM articles WHERE language_key IS NOT NULL AND language_key <> '' GROUP BY language_key`,
};

/** ts_headline's options: SQLite's snippet() markers, about as many words as its 24 tokens. */
const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=24, MinWords=12, MaxFragments=1`;

export interface PostgresArticleStore extends ArticleStore {
  /** Stores an article with `db` (a client inside another transaction: seeding). */
  insert(db: Queryable, article: Article): Promise<StoredArticle>;
  /** The one hook for writes made elsewhere: forgets cached articles (all when undefined). */
  invalidate(slugs?: readonly string[]): void;
  /** Turns the read cache on (writes elsewhere are heard) or off (they may be missed). */
  setCacheEnabled(enabled: boolean): void;
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === '23505';
}

export function createPostgresArticleStore(
  pool: Pool,
  now: () => Date,
  configs: ReadonlySet<string>,
): PostgresArticleStore {
  const cache = new ArticleCache();

  function params(article: Article, stamp: string): unknown[] {
    const standfirst = article.standfirst ?? '';
    const highlights = article.highlights.join('\n');
    const body = bodyText(article).slice(0, MAX_INDEXED_CHARS);
    const date = articleDate(article);
    const facets = articleFacets(article);
    return [
      article.slug,
      article.id,
      JSON.stringify(article),
      sha256(canonicalJson(article)),
      date?.slice(0, 10) ?? null,
      sortKey(date),
      facets.section?.key ?? null,
      facets.tags.map((t) => t.key),
      textSearchConfig(article.language, configs),
      article.headline,
      standfirst,
      highlights,
      body,
      cjkBigrams(article.headline),
      cjkBigrams(`${standfirst}\n${highlights}\n${body}`),
      stamp,
      facets.languageKey,
      facets.section?.name ?? null,
      facets.tags.map((t) => t.name),
      facets.authors.map((a) => a.key),
      facets.authors.map((a) => a.name),
    ];
  }

  /** Which uniqueness a failed write broke, in SQLite's order of checks: slug, then id. */
  async function conflict(
    db: Queryable,
    article: Article,
    ownSlug: string | undefined,
  ): Promise<ConflictError> {
    if (ownSlug === undefined) {
      const taken = await rows(db, 'SELECT 1 FROM articles WHERE slug = $1', [article.slug]);
      if (taken.length > 0)
        return new ConflictError(`an article with slug "${article.slug}" already exists`, 'slug');
    }
    const holder = await rows<{ slug: string }>(
      db,
      'SELECT slug FROM articles WHERE article_id = $1',
      [article.id],
    );
    return new ConflictError(
      `article id "${article.id}" already belongs to the article at slug "${holder[0]?.slug ?? '?'}"`,
      'id',
    );
  }

  async function insert(db: Queryable, article: Article): Promise<StoredArticle> {
    const stamp = now().toISOString();
    const values = params(article, stamp);
    try {
      await rows(db, `INSERT INTO articles (${INSERT_COLUMNS}) VALUES (${INSERT_VALUES})`, values);
    } catch (err) {
      if (isUniqueViolation(err)) throw await conflict(db, article, undefined);
      throw err;
    }
    return { article, contentHash: String(values[3]), createdAt: stamp, modifiedAt: stamp };
  }

  /** Runs a write, dropping the slugs it touches before and after (reads may overlap it). */
  async function writing<T>(slugs: readonly string[], write: () => Promise<T>): Promise<T> {
    cache.invalidate(slugs);
    try {
      return await write();
    } finally {
      cache.invalidate(slugs);
    }
  }

  /** Why a conditional write touched no row: the row is missing, or has other content. */
  async function failed(slug: string): Promise<PreconditionFailedError> {
    const found = await rows(pool, 'SELECT 1 FROM articles WHERE slug = $1', [slug]);
    return found.length > 0
      ? new PreconditionFailedError(
          `the article with slug "${slug}" has changed (its ETag is not the one given)`,
          true,
        )
      : new PreconditionFailedError(`no article with slug "${slug}"`, false);
  }

  /**
   * A conditional write is one statement (an INSERT that does nothing on a taken slug, or an
   * UPDATE whose WHERE compares the content hash), so the check and the write are atomic.
   */
  async function conditionalPut(
    slug: string,
    article: Article,
    condition: WriteCondition,
  ): Promise<{ stored: StoredArticle; created: boolean }> {
    const stamp = now().toISOString();
    const values = params(article, stamp);
    let result: { created_at: string }[];
    try {
      if ('absent' in condition) {
        result = await rows(
          pool,
          `INSERT INTO articles (${INSERT_COLUMNS}) VALUES (${INSERT_VALUES})
           ON CONFLICT (slug) DO NOTHING RETURNING created_at`,
          values,
        );
        if (result.length === 0)
          throw new PreconditionFailedError(`an article with slug "${slug}" exists`, true);
      } else {
        result = await rows(
          pool,
          `UPDATE articles SET (${INSERT_COLUMNS}) = (${UPDATE_VALUES})
           WHERE slug = $1 AND ($${values.length + 1}::text[] IS NULL
             OR left(content_hash, 40) = ANY($${values.length + 1}::text[]))
           RETURNING created_at`,
          [...values, condition.ifMatch === '*' ? null : condition.ifMatch],
        );
        if (result.length === 0) throw await failed(slug);
      }
    } catch (err) {
      if (isUniqueViolation(err)) throw await conflict(pool, article, slug);
      throw err;
    }
    const row = result[0];
    if (!row) throw new Error('write returned no row');
    return written(article, values, stamp, row.created_at, 'absent' in condition);
  }

  /** What a put answers: the article as written with `values` (params' order) at `stamp`. */
  function written(
    article: Article,
    values: readonly unknown[],
    stamp: string,
    createdAt: string,
    created: boolean,
  ): { stored: StoredArticle; created: boolean } {
    return {
      stored: { article, contentHash: String(values[3]), createdAt, modifiedAt: stamp },
      created,
    };
  }

  async function put(
    slug: string,
    article: Article,
    condition?: WriteCondition,
  ): Promise<{ stored: StoredArticle; created: boolean }> {
    if (condition !== undefined) return conditionalPut(slug, article, condition);
    const stamp = now().toISOString();
    const values = params(article, stamp);
    let result: { created_at: string; created: boolean }[];
    try {
      result = await rows(
        pool,
        `INSERT INTO articles (${INSERT_COLUMNS}) VALUES (${INSERT_VALUES})
         ON CONFLICT (slug) DO UPDATE SET ${UPSERT_SET}
         RETURNING created_at, (xmax = 0) AS created`,
        values,
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw await conflict(pool, article, slug);
      throw err;
    }
    const row = result[0];
    if (!row) throw new Error('upsert returned no row');
    return written(article, values, stamp, row.created_at, row.created);
  }

  /** One row of a copy, inside the caller's transaction: what happened to it. */
  async function restoreOne(
    db: PoolClient,
    { article, createdAt, modifiedAt }: ArticleRecord,
  ): Promise<keyof RestoreCounts> {
    const values = [...params(article, modifiedAt), createdAt];
    // An identical row is not rewritten (no new row version, no index churn): no row comes back.
    const written = await rows<{ created: boolean }>(
      db,
      `INSERT INTO articles (${INSERT_COLUMNS}) VALUES (${RESTORE_VALUES})
       ON CONFLICT (slug) DO UPDATE SET ${UPSERT_SET}, created_at = EXCLUDED.created_at
       WHERE articles.content_hash <> EXCLUDED.content_hash
         OR articles.created_at <> EXCLUDED.created_at
         OR articles.modified_at <> EXCLUDED.modified_at
       RETURNING (xmax = 0) AS created`,
      values,
    );
    const row = written[0];
    return row === undefined ? 'unchanged' : row.created ? 'created' : 'updated';
  }

  async function restore(records: readonly ArticleRecord[]): Promise<RestoreCounts> {
    const counts: RestoreCounts = { created: 0, updated: 0, unchanged: 0 };
    if (records.length === 0) return counts;
    let failed: ArticleRecord | undefined;
    try {
      await writing(
        records.map((r) => r.article.slug),
        () =>
          transaction(pool, async (db) => {
            for (const record of records) {
              failed = record;
              counts[await restoreOne(db, record)]++;
            }
            failed = undefined;
          }),
      );
    } catch (err) {
      // The slug is free or the article's own, so a clash is its id at another slug.
      if (failed && isUniqueViolation(err))
        throw await conflict(pool, failed.article, failed.article.slug);
      throw err;
    }
    return counts;
  }

  /**
   * A read by slug, with the cache validated in the same statement: the row's JSON comes back
   * only when it differs from the cached version (content hash and modified stamp). A cached
   * row is never served on the word of notifications alone: another replica's write reaches
   * this one's listener asynchronously (tens of milliseconds on a loaded machine), after a
   * client may already have read here; the database's answer is what makes "visible at the
   * next read" hold. NOTIFY drops stale entries early; this check makes them harmless.
   */
  async function get(slug: string): Promise<StoredArticle | undefined> {
    const hit = cache.get(slug);
    const epoch = cache.epoch;
    const [row] = await rows<ValidatedRow>(
      pool,
      `SELECT ${VALIDATED_COLUMNS} FROM articles a WHERE a.slug = $1`,
      [slug, hit?.contentHash ?? null, hit?.modifiedAt ?? null],
    );
    if (!row) {
      if (hit) cache.invalidate([slug]);
      return undefined;
    }
    // (No JSON only when the caller sent the cached version's hash: there is a hit.)
    if (row.json === null) return hit;
    const stored = storedOf({ ...row, json: row.json });
    cache.setIfCurrent(slug, stored, epoch);
    return stored;
  }

  async function getMany(slugs: readonly string[]): Promise<StoredArticle[]> {
    const hits = slugs.map((slug) => cache.get(slug));
    const epoch = cache.epoch;
    const read = await rows<ValidatedRow>(
      pool,
      `SELECT ${VALIDATED_COLUMNS.replaceAll('$2', 'k.hash').replaceAll('$3', 'k.modified')}
       FROM unnest($1::text[], $2::text[], $3::text[]) AS k(slug, hash, modified)
       JOIN articles a ON a.slug = k.slug`,
      [slugs, hits.map((h) => h?.contentHash ?? null), hits.map((h) => h?.modifiedAt ?? null)],
    );
    const cached = new Map(slugs.map((slug, i) => [slug, hits[i]]));
    const found = new Map<string, StoredArticle>();
    for (const row of read) {
      const hit = cached.get(row.slug);
      if (row.json === null) {
        if (hit) found.set(row.slug, hit);
        continue;
      }
      const stored = storedOf({ ...row, json: row.json });
      found.set(row.slug, stored);
      cache.setIfCurrent(row.slug, stored, epoch);
    }
    return slugs.flatMap((slug) => found.get(slug) ?? []);
  }

  /** SQL placeholders of a search's parts; only those the statement uses are bound. */
  interface SearchParams {
    words?: string;
    cjk?: string;
    needle?: string;
  }

  /** The tsquery matching `search` in any article's configuration (one OR branch per configuration). */
  const anyLanguageQuery = (p: SearchParams): string => {
    const cjk = p.cjk === undefined ? undefined : `to_tsquery('${SIMPLE_CONFIG}', ${p.cjk})`;
    if (p.words === undefined) return cjk ?? "''::tsquery";
    const words = [...configs]
      .sort()
      .map((c) => `to_tsquery('${c}', ${p.words})`)
      .join(' || ');
    return cjk === undefined ? `(${words})` : `((${words}) && ${cjk})`;
  };

  /**
   * The snippet of a hit: ts_headline over the first field matching the query in the article's
   * own configuration (headline, standfirst, highlights, else body); for a query of CJK words
   * only, the text around the first of them. Only the start of each field is read
   * (SNIPPET_SOURCE_CHARS, as on SQLite): ts_headline's time grows faster than its text.
   */
  const snippetSql = (p: SearchParams): string =>
    p.words !== undefined
      ? `ts_headline(a.ts_config::regconfig,
           CASE WHEN to_tsvector(a.ts_config::regconfig, f.headline) @@ h.q THEN f.headline
                WHEN to_tsvector(a.ts_config::regconfig, f.standfirst) @@ h.q THEN f.standfirst
                WHEN to_tsvector(a.ts_config::regconfig, f.highlights) @@ h.q THEN f.highlights
                ELSE f.body END,
           h.q, '${HEADLINE_OPTIONS}')`
      : `(SELECT CASE WHEN p.at > 40 THEN '…' ELSE '' END
            || substr(t.text, greatest(p.at - 40, 1), 160)
            || CASE WHEN length(t.text) > greatest(p.at - 40, 1) + 159 THEN '…' ELSE '' END
          FROM (SELECT CASE WHEN strpos(f.headline, ${p.needle}) > 0 THEN f.headline
                            WHEN strpos(f.standfirst, ${p.needle}) > 0 THEN f.standfirst
                            WHEN strpos(f.highlights, ${p.needle}) > 0 THEN f.highlights
                            ELSE f.body END AS text) t,
               LATERAL (SELECT strpos(t.text, ${p.needle}) AS at) p)`;
  /** The start of each field of `a`, what snippets read. */
  const SNIPPET_FIELDS = `CROSS JOIN LATERAL (SELECT
      left(a.search_headline, ${SNIPPET_SOURCE_CHARS}) AS headline,
      left(a.search_standfirst, ${SNIPPET_SOURCE_CHARS}) AS standfirst,
      left(a.search_highlights, ${SNIPPET_SOURCE_CHARS}) AS highlights,
      left(a.search_body, ${SNIPPET_SOURCE_CHARS}) AS body) f`;

  async function list(query: ArticleQuery): Promise<ArticlePage> {
    const search = query.q === undefined ? undefined : searchQuery(query.q);
    const state = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.q !== undefined && search === undefined) return { items: [], total: 0 };
    const values: unknown[] = [];
    const param = (value: unknown) => `$${values.push(value)}`;
    const sp: SearchParams = {};
    if (search) {
      if (search.words !== '') sp.words = `${param(search.words)}::text`;
      if (search.cjk !== '') sp.cjk = `${param(search.cjk)}::text`;
    }
    const where: string[] = [];
    if (search) where.push('a.tsv @@ s.q');
    if (query.tag !== undefined)
      where.push(`a.tag_keys @> ARRAY[${param(filterKey(query.tag))}::text]`);
    if (query.author !== undefined)
      where.push(`a.author_keys @> ARRAY[${param(filterKey(query.author))}::text]`);
    if (query.section !== undefined)
      where.push(`a.section_key = ${param(filterKey(query.section))}`);
    if (query.language !== undefined) {
      const language = param(filterKey(query.language));
      where.push(
        `(a.language_key = ${language}::text OR substr(a.language_key, 1, length(${language}::text) + 1) = ${language}::text || '-')`,
      );
    }
    if (query.from !== undefined) where.push(`a.published_date >= ${param(query.from)}`);
    if (query.to !== undefined) where.push(`a.published_date <= ${param(query.to)}`);
    // The total counts every match: the filters so far, before the cursor's position.
    const countWhere = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const countValues = values.slice();
    const countSql = search
      ? `WITH s AS MATERIALIZED (SELECT ${anyLanguageQuery(sp)} AS q)
         SELECT count(*)::int AS n FROM articles a, s ${countWhere}`
      : `SELECT count(*)::int AS n FROM articles a ${countWhere}`;
    // Bound after the count's values are taken: only the page's snippets use it.
    if (search?.words === '') sp.needle = `${param(search.cjkTerms[0] ?? '')}::text`;
    let offset = 0;
    if (search) {
      if (state && !('o' in state))
        throw new InvalidCursorError('cursor belongs to a list without q; start again without it');
      offset = state && 'o' in state ? state.o : 0;
    } else if (state) {
      if (!('k' in state))
        throw new InvalidCursorError('cursor belongs to a search with q; start again without it');
      where.push(`(a.sort_key, a.id) < (${param(state.k)}, ${param(state.r)}::bigint)`);
    }
    const limit = param(query.limit + 1);
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    let found: ArticleRow[];
    const counted = rows<{ n: number }>(pool, countSql, countValues);
    // Awaited with the page below; a rejection is handled there, never left unhandled.
    counted.catch(() => undefined);
    if (search) {
      // Rank every match, but read and headline only the page.
      found = await rows<ArticleRow>(
        pool,
        `WITH s AS MATERIALIZED (SELECT ${anyLanguageQuery(sp)} AS q),
         page AS (
           SELECT a.id, ts_rank(a.tsv, s.q, 1) AS rank, a.sort_key
           FROM articles a, s ${filter}
           ORDER BY rank DESC, a.sort_key DESC, a.id DESC
           LIMIT ${limit} OFFSET ${param(offset)}
         )
         SELECT ${COLUMNS}, ${snippetSql(sp)} AS snippet
         FROM page JOIN articles a ON a.id = page.id
         ${SNIPPET_FIELDS}
         ${sp.words === undefined ? '' : `CROSS JOIN LATERAL (SELECT to_tsquery(a.ts_config::regconfig, ${sp.words}) AS q) h`}
         ORDER BY page.rank DESC, page.sort_key DESC, page.id DESC`,
        values,
      );
    } else {
      found = await rows<ArticleRow>(
        pool,
        `SELECT ${COLUMNS} FROM articles a ${filter} ORDER BY a.sort_key DESC, a.id DESC LIMIT ${limit}`,
        values,
      );
    }
    const more = found.length > query.limit;
    const page = found.slice(0, query.limit);
    const items: ArticleListItem[] = page.map((row) => {
      const item: ArticleListItem = toStored(row);
      if (search && row.snippet !== undefined)
        item.snippet = markTerms(snippetRuns(row.snippet), search.cjkTerms);
      return item;
    });
    const total = (await counted)[0]?.n ?? 0;
    const last = page.at(-1);
    if (!more || !last) return { items, total };
    const nextCursor = search
      ? encodeCursor({ o: offset + page.length })
      : encodeCursor({ k: last.sort_key, r: Number(last.id) });
    return { items, total, nextCursor };
  }

  async function facets(kind: FacetKind, query: FacetQuery): Promise<FacetPage> {
    const state = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (state && !('o' in state))
      throw new InvalidCursorError('cursor belongs to another list; start again without it');
    const offset = state && 'o' in state ? state.o : 0;
    const [found, totals] = await Promise.all([
      rows<FacetCount>(
        pool,
        `SELECT name, count FROM (${FACET_SQL[kind]}) f ORDER BY count DESC, key ASC LIMIT $1 OFFSET $2`,
        [query.limit + 1, offset],
      ),
      rows<{ n: number }>(pool, `SELECT count(*)::int AS n FROM (${FACET_SQL[kind]}) f`),
    ]);
    const items = found.slice(0, query.limit);
    const total = totals[0]?.n ?? 0;
    return found.length > query.limit
      ? { items, total, nextCursor: encodeCursor({ o: offset + items.length }) }
      : { items, total };
  }

  return {
    insert,
    invalidate: (slugs) => cache.invalidate(slugs),
    setCacheEnabled: (enabled) => cache.setEnabled(enabled),
    list,
    facets,
    get,
    getMany,
    async existing(slugs) {
      const found = await rows<{ slug: string }>(
        pool,
        'SELECT slug FROM articles WHERE slug = ANY($1::text[])',
        [slugs],
      );
      return new Set(found.map((r) => r.slug));
    },
    create: (article) => writing([article.slug], () => insert(pool, article)),
    // The URL decides the slug of a replaced article.
    put: (slug, article, condition) =>
      writing([slug], () => put(slug, { ...article, slug }, condition)),
    delete: (slug, condition) =>
      writing([slug], async () => {
        if (condition !== undefined && 'absent' in condition) {
          if ((await rows(pool, 'SELECT 1 FROM articles WHERE slug = $1', [slug])).length > 0)
            throw new PreconditionFailedError(`an article with slug "${slug}" exists`, true);
          return false;
        }
        const ifMatch =
          condition === undefined || condition.ifMatch === '*' ? null : condition.ifMatch;
        const deleted = await rows(
          pool,
          `DELETE FROM articles WHERE slug = $1
           AND ($2::text[] IS NULL OR left(content_hash, 40) = ANY($2::text[])) RETURNING 1`,
          [slug, ifMatch],
        );
        if (deleted.length > 0) return true;
        if (condition !== undefined) throw await failed(slug);
        return false;
      }),
    publishedOn: async (date) =>
      (
        await rows<ArticleRow>(
          pool,
          `SELECT ${COLUMNS} FROM articles a WHERE a.published_date = $1 ORDER BY a.sort_key ASC, a.id ASC`,
          [date],
        )
      ).map(toStored),
    days: () =>
      rows<DayCount>(
        pool,
        `SELECT published_date AS date, count(*)::int AS count FROM articles
         WHERE published_date IS NOT NULL GROUP BY published_date ORDER BY published_date DESC`,
      ),
    restore,
    count: async () =>
      (await rows<{ n: number }>(pool, 'SELECT count(*)::int AS n FROM articles'))[0]?.n ?? 0,
  };
}
