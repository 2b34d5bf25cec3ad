import { bodyText, type Article } from '@broadsheet/model';
import type { Pool } from 'pg';
import { canonicalJson } from '../../util/canonical-json.js';
import { sha256 } from '../../util/hash.js';
import { ArticleCache } from '../article-cache.js';
import { articleDate, filterKey, sortKey, toStored } from '../article-row.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { MATCH_END, MATCH_START, snippetRuns } from '../snippet-runs.js';
import {
  ConflictError,
  InvalidCursorError,
  type ArticleFacets,
  type ArticleFilter,
  type ArticleListItem,
  type ArticlePage,
  type ArticleQuery,
  type ArticleStore,
  type DayCount,
  type StoredArticle,
} from '../types.js';
import { rows, type Queryable } from './db.js';
import { topFacets, type FacetRow } from '../facets.js';

/** WHERE terms for the filters a list and a count share; `param` numbers each value. */
function filterTerms(filter: ArticleFilter, param: (value: unknown) => string): string[] {
  const terms: string[] = [];
  if (filter.tag !== undefined)
    terms.push(`a.tag_keys @> ARRAY[${param(filterKey(filter.tag))}::text]`);
  if (filter.section !== undefined)
    terms.push(`a.section_key = ${param(filterKey(filter.section))}`);
  // Language and author are read from the stored JSON: catalogs facet on them, and a scan of
  // the rows is what a catalog page costs on a cache miss (a poll is a 304).
  if (filter.language !== undefined)
    terms.push(`lower(a.json::jsonb->>'language') = ${param(filter.language.toLowerCase())}`);
  if (filter.author !== undefined)
    terms.push(
      `EXISTS (SELECT 1 FROM jsonb_array_elements(a.json::jsonb->'authors') x WHERE x->>'name' = ${param(filter.author)})`,
    );
  if (filter.from !== undefined) terms.push(`a.published_date >= ${param(filter.from)}`);
  if (filter.to !== undefined) terms.push(`a.published_date <= ${param(filter.to)}`);
  return terms;
}
import {
  SIMPLE_CONFIG,
  cjkBigrams,
  markTerms,
  searchQuery,
  textSearchConfig,
} from './text-search.js';

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

/**
 * Characters of an article's text that go into its search index: a tsvector holds at most
 * 1 MiB of lexemes, and ts_headline reads the whole text for every hit shown.
 */
const MAX_INDEXED_CHARS = 200_000;

const COLUMNS = 'a.id, a.slug, a.json, a.content_hash, a.created_at, a.modified_at, a.sort_key';

/** The parameters shared by INSERT and upsert ($1 … $16), in column order. */
const INSERT_COLUMNS = `slug, article_id, json, content_hash, published_date, sort_key, section_key,
  tag_keys, ts_config, search_headline, search_standfirst, search_highlights, search_body, tsv,
  created_at, modified_at`;
const INSERT_VALUES = `$1, $2, $3, $4, $5, $6, $7, $8::text[], $9::text, $10::text, $11::text,
  $12::text, $13::text,
  setweight(to_tsvector($9::text::regconfig, $10::text), 'A')
    || setweight(to_tsvector($9::text::regconfig, $11::text), 'B')
    || setweight(to_tsvector($9::text::regconfig, $12::text), 'C')
    || to_tsvector($9::text::regconfig, $13::text)
    || setweight(to_tsvector('${SIMPLE_CONFIG}', $14::text), 'A')
    || to_tsvector('${SIMPLE_CONFIG}', $15::text),
  $16, $16`;

/** ts_headline's options: SQLite's snippet() markers, about as many words as its 24 tokens. */
const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=24, MinWords=12, MaxFragments=1`;

export interface PostgresArticleStore extends ArticleStore {
  /** Stores an article with `db` (a client inside another transaction: seeding). */
  insert(db: Queryable, article: Article): Promise<StoredArticle>;
  /** The one hook for writes made elsewhere: forgets cached articles (all when undefined). */
  invalidate(slugs?: readonly string[]): void;
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
    return [
      article.slug,
      article.id,
      JSON.stringify(article),
      sha256(canonicalJson(article)),
      date?.slice(0, 10) ?? null,
      sortKey(date),
      article.section ? filterKey(article.section) : null,
      [...new Set(article.tags.map(filterKey))],
      textSearchConfig(article.language, configs),
      article.headline,
      standfirst,
      highlights,
      body,
      cjkBigrams(article.headline),
      cjkBigrams(`${standfirst}\n${highlights}\n${body}`),
      stamp,
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

  async function put(
    slug: string,
    article: Article,
  ): Promise<{ stored: StoredArticle; created: boolean }> {
    const stamp = now().toISOString();
    const values = params(article, stamp);
    let result: { created_at: string; created: boolean }[];
    try {
      result = await rows(
        pool,
        `INSERT INTO articles (${INSERT_COLUMNS}) VALUES (${INSERT_VALUES})
         ON CONFLICT (slug) DO UPDATE SET article_id = EXCLUDED.article_id, json = EXCLUDED.json,
           content_hash = EXCLUDED.content_hash, published_date = EXCLUDED.published_date,
           sort_key = EXCLUDED.sort_key, section_key = EXCLUDED.section_key,
           tag_keys = EXCLUDED.tag_keys, ts_config = EXCLUDED.ts_config,
           search_headline = EXCLUDED.search_headline, search_standfirst = EXCLUDED.search_standfirst,
           search_highlights = EXCLUDED.search_highlights, search_body = EXCLUDED.search_body,
           tsv = EXCLUDED.tsv, modified_at = EXCLUDED.modified_at
         RETURNING created_at, (xmax = 0) AS created`,
        values,
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw await conflict(pool, article, slug);
      throw err;
    }
    const row = result[0];
    if (!row) throw new Error('upsert returned no row');
    return {
      stored: {
        article,
        contentHash: String(values[3]),
        createdAt: row.created_at,
        modifiedAt: stamp,
      },
      created: row.created,
    };
  }

  async function get(slug: string): Promise<StoredArticle | undefined> {
    const hit = cache.get(slug);
    if (hit !== undefined) return hit;
    const epoch = cache.epoch;
    const [row] = await rows<ArticleRow>(
      pool,
      `SELECT ${COLUMNS} FROM articles a WHERE a.slug = $1`,
      [slug],
    );
    if (!row) return undefined;
    const stored = toStored(row);
    cache.setIfCurrent(slug, stored, epoch);
    return stored;
  }

  async function getMany(slugs: readonly string[]): Promise<StoredArticle[]> {
    const found = new Map<string, StoredArticle>();
    const missing: string[] = [];
    for (const slug of slugs) {
      const hit = cache.get(slug);
      if (hit !== undefined) found.set(slug, hit);
      else missing.push(slug);
    }
    if (missing.length > 0) {
      const epoch = cache.epoch;
      const read = await rows<ArticleRow>(
        pool,
        `SELECT ${COLUMNS} FROM articles a WHERE a.slug = ANY($1::text[])`,
        [missing],
      );
      for (const row of read) {
        const stored = toStored(row);
        found.set(row.slug, stored);
        cache.setIfCurrent(row.slug, stored, epoch);
      }
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
   * only, the text around the first of them.
   */
  const snippetSql = (p: SearchParams): string =>
    p.words !== undefined
      ? `ts_headline(a.ts_config::regconfig,
           CASE WHEN to_tsvector(a.ts_config::regconfig, a.search_headline) @@ h.q THEN a.search_headline
                WHEN to_tsvector(a.ts_config::regconfig, a.search_standfirst) @@ h.q THEN a.search_standfirst
                WHEN to_tsvector(a.ts_config::regconfig, a.search_highlights) @@ h.q THEN a.search_highlights
                ELSE a.search_body END,
           h.q, '${HEADLINE_OPTIONS}')`
      : `(SELECT CASE WHEN p.at > 40 THEN '…' ELSE '' END
            || substr(f.text, greatest(p.at - 40, 1), 160)
            || CASE WHEN length(f.text) > greatest(p.at - 40, 1) + 159 THEN '…' ELSE '' END
          FROM (SELECT CASE WHEN strpos(a.search_headline, ${p.needle}) > 0 THEN a.search_headline
                            WHEN strpos(a.search_standfirst, ${p.needle}) > 0 THEN a.search_standfirst
                            WHEN strpos(a.search_highlights, ${p.needle}) > 0 THEN a.search_highlights
                            ELSE a.search_body END AS text) f,
               LATERAL (SELECT strpos(f.text, ${p.needle}) AS at) p)`;

  async function countMatching(filter: ArticleFilter): Promise<number> {
    const values: unknown[] = [];
    const terms = filterTerms(filter, (value) => `$${values.push(value)}`);
    const sql = `SELECT count(*)::int AS n FROM articles a ${terms.length ? `WHERE ${terms.join(' AND ')}` : ''}`;
    return (await rows<{ n: number }>(pool, sql, values))[0]?.n ?? 0;
  }

  async function facets(limit: number): Promise<ArticleFacets> {
    const [sections, tags, languages, authors] = await Promise.all(
      [
        "SELECT a.json::jsonb->>'section' AS value, count(*)::int AS count FROM articles a GROUP BY 1",
        "SELECT t.value, count(DISTINCT a.id)::int AS count FROM articles a, jsonb_array_elements_text(a.json::jsonb->'tags') t GROUP BY 1",
        "SELECT lower(a.json::jsonb->>'language') AS value, count(*)::int AS count FROM articles a GROUP BY 1",
        "SELECT x->>'name' AS value, count(DISTINCT a.id)::int AS count FROM articles a, jsonb_array_elements(a.json::jsonb->'authors') x GROUP BY 1",
      ].map((sql) => rows<FacetRow>(pool, sql)),
    );
    return {
      sections: topFacets(sections!, limit, true),
      tags: topFacets(tags!, limit, true),
      languages: topFacets(languages!, limit, false),
      authors: topFacets(authors!, limit, false),
    };
  }

  async function list(query: ArticleQuery): Promise<ArticlePage> {
    const search = query.q === undefined ? undefined : searchQuery(query.q);
    if (query.q !== undefined && search === undefined) return { items: [] };
    const state = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const values: unknown[] = [];
    const param = (value: unknown) => `$${values.push(value)}`;
    const sp: SearchParams = {};
    if (search) {
      if (search.words !== '') sp.words = `${param(search.words)}::text`;
      if (search.cjk !== '') sp.cjk = `${param(search.cjk)}::text`;
      if (search.words === '') sp.needle = `${param(search.cjkTerms[0] ?? '')}::text`;
    }
    const where: string[] = [];
    if (search) where.push('a.tsv @@ s.q');
    where.push(...filterTerms(query, param));
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
    const last = page.at(-1);
    if (!more || !last) return { items };
    const nextCursor = search
      ? encodeCursor({ o: offset + page.length })
      : encodeCursor({ k: last.sort_key, r: Number(last.id) });
    return { items, nextCursor };
  }

  return {
    insert,
    invalidate: (slugs) => cache.invalidate(slugs),
    list,
    get,
    getMany,
    create: (article) => writing([article.slug], () => insert(pool, article)),
    // The URL decides the slug of a replaced article.
    put: (slug, article) => writing([slug], () => put(slug, { ...article, slug })),
    delete: (slug) =>
      writing([slug], async () => {
        const deleted = await rows(pool, 'DELETE FROM articles WHERE slug = $1 RETURNING 1', [
          slug,
        ]);
        return deleted.length > 0;
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
    count: async (filter) =>
      filter === undefined
        ? ((await rows<{ n: number }>(pool, 'SELECT count(*)::int AS n FROM articles'))[0]?.n ?? 0)
        : countMatching(filter),
    facets,
  };
}
