import { bodyText, type Article } from '@broadsheet/model';
import { sha256 } from '../../util/hash.js';
import type { Database, Statement } from 'better-sqlite3';
import { canonicalJson } from '../../util/canonical-json.js';
import { ArticleCache } from '../article-cache.js';
import { articleDate, filterKey, sortKey, toStored } from '../article-row.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
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
import { MATCH_END, MATCH_START, snippetRuns } from '../snippet-runs.js';
import { toFtsQuery } from './fts.js';
import { topFacets, type FacetRow } from '../facets.js';

interface ArticleRow {
  rowid: number;
  slug: string;
  json: string;
  content_hash: string;
  created_at: string;
  modified_at: string;
  sort_key: string;
  snippet?: string;
}

export interface SqliteArticleStore extends ArticleStore {
  /** Synchronous create for use inside another transaction (seeding). */
  createNow(article: Article): StoredArticle;
}

export function createSqliteArticleStore(db: Database, now: () => Date): SqliteArticleStore {
  const cache = new ArticleCache();
  const select =
    'SELECT a.rowid, a.slug, a.json, a.content_hash, a.created_at, a.modified_at, a.sort_key FROM articles a';
  const bySlug = db.prepare<[string], ArticleRow>(`${select} WHERE a.slug = ?`);
  const rowidBySlug = db.prepare<[string], { rowid: number; created_at: string }>(
    'SELECT rowid, created_at FROM articles WHERE slug = ?',
  );
  const slugById = db.prepare<[string], { slug: string }>(
    'SELECT slug FROM articles WHERE article_id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO articles (slug, article_id, json, content_hash, published_date, sort_key, section_key, created_at, modified_at)
     VALUES (@slug, @article_id, @json, @content_hash, @published_date, @sort_key, @section_key, @created_at, @modified_at)`,
  );
  const update = db.prepare(
    `UPDATE articles SET slug = @slug, article_id = @article_id, json = @json, content_hash = @content_hash,
       published_date = @published_date, sort_key = @sort_key, section_key = @section_key, modified_at = @modified_at
     WHERE rowid = @rowid`,
  );
  const deleteRow = db.prepare<[number]>('DELETE FROM articles WHERE rowid = ?');
  const deleteFts = db.prepare<[number]>('DELETE FROM articles_fts WHERE rowid = ?');
  const insertFts = db.prepare(
    'INSERT INTO articles_fts (rowid, headline, standfirst, highlights, body) VALUES (@rowid, @headline, @standfirst, @highlights, @body)',
  );
  const deleteTags = db.prepare<[number]>('DELETE FROM article_tags WHERE article_rowid = ?');
  const insertTag = db.prepare<[number, string]>(
    'INSERT OR IGNORE INTO article_tags (article_rowid, tag_key) VALUES (?, ?)',
  );
  const onDate = db.prepare<[string], ArticleRow>(
    `${select} WHERE a.published_date = ? ORDER BY a.sort_key ASC, a.rowid ASC`,
  );
  const dayCounts = db.prepare<[], DayCount>(
    'SELECT published_date AS date, count(*) AS count FROM articles WHERE published_date IS NOT NULL GROUP BY published_date ORDER BY published_date DESC',
  );
  const total = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM articles');
  const listCache = new Map<string, Statement<Record<string, unknown>, ArticleRow>>();
  /** The rows and snippets of one page of a search, by rowid (ranked by the list statement). */
  const searchPage = db.prepare<{ fts: string; ids: string }, ArticleRow>(
    `SELECT a.rowid, a.slug, a.json, a.content_hash, a.created_at, a.modified_at, a.sort_key,
        snippet(articles_fts, -1, '${MATCH_START}', '${MATCH_END}', '…', 24) AS snippet
     FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
     WHERE articles_fts MATCH @fts AND articles_fts.rowid IN (SELECT value FROM json_each(@ids))`,
  );

  function columns(article: Article, stamp: string) {
    return {
      slug: article.slug,
      article_id: article.id,
      json: JSON.stringify(article),
      content_hash: sha256(canonicalJson(article)),
      published_date: articleDate(article)?.slice(0, 10) ?? null,
      sort_key: sortKey(articleDate(article)),
      section_key: article.section ? filterKey(article.section) : null,
      modified_at: stamp,
    };
  }

  function index(rowid: number, article: Article): void {
    deleteFts.run(rowid);
    insertFts.run({
      rowid,
      headline: article.headline,
      standfirst: article.standfirst ?? '',
      highlights: article.highlights.join('\n'),
      body: bodyText(article),
    });
    deleteTags.run(rowid);
    for (const tag of article.tags) insertTag.run(rowid, filterKey(tag));
  }

  function assertIdFree(article: Article, ownSlug: string | undefined): void {
    const holder = slugById.get(article.id);
    if (holder && holder.slug !== ownSlug) {
      throw new ConflictError(
        `article id "${article.id}" already belongs to the article at slug "${holder.slug}"`,
        'id',
      );
    }
  }

  const createTx = db.transaction((article: Article): StoredArticle => {
    cache.invalidate([article.slug]);
    if (rowidBySlug.get(article.slug)) {
      throw new ConflictError(`an article with slug "${article.slug}" already exists`, 'slug');
    }
    assertIdFree(article, undefined);
    const stamp = now().toISOString();
    const cols = { ...columns(article, stamp), created_at: stamp };
    const rowid = Number(insert.run(cols).lastInsertRowid);
    index(rowid, article);
    return { article, contentHash: cols.content_hash, createdAt: stamp, modifiedAt: stamp };
  });

  const putTx = db.transaction(
    (slug: string, article: Article): { stored: StoredArticle; created: boolean } => {
      cache.invalidate([slug]);
      const existing = rowidBySlug.get(slug);
      if (!existing) return { stored: createTx(article), created: true };
      assertIdFree(article, slug);
      const stamp = now().toISOString();
      const cols = columns(article, stamp);
      update.run({ ...cols, rowid: existing.rowid });
      index(existing.rowid, article);
      return {
        stored: {
          article,
          contentHash: cols.content_hash,
          createdAt: existing.created_at,
          modifiedAt: stamp,
        },
        created: false,
      };
    },
  );

  const deleteTx = db.transaction((slug: string): boolean => {
    cache.invalidate([slug]);
    const existing = rowidBySlug.get(slug);
    if (!existing) return false;
    deleteFts.run(existing.rowid);
    deleteRow.run(existing.rowid);
    return true;
  });

  function cached(slug: string): StoredArticle | undefined {
    const hit = cache.get(slug);
    if (hit !== undefined) return hit;
    const row = bySlug.get(slug);
    if (!row) return undefined;
    const stored = toStored(row);
    cache.set(slug, stored);
    return stored;
  }

  /** WHERE terms and their parameters for the filters a list and a count share. */
  function filterTerms(filter: ArticleFilter): {
    terms: string[];
    params: Record<string, unknown>;
  } {
    const terms: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.tag !== undefined) {
      terms.push(
        'EXISTS (SELECT 1 FROM article_tags t WHERE t.article_rowid = a.rowid AND t.tag_key = @tag)',
      );
      params.tag = filterKey(filter.tag);
    }
    if (filter.section !== undefined) {
      terms.push('a.section_key = @section');
      params.section = filterKey(filter.section);
    }
    // Language and author are read from the stored JSON: catalogs facet on them, and a scan
    // of the rows is what a catalog page costs on a cache miss (a poll is a 304).
    if (filter.language !== undefined) {
      terms.push("lower(json_extract(a.json, '$.language')) = @language");
      params.language = filter.language.toLowerCase();
    }
    if (filter.author !== undefined) {
      terms.push(
        "EXISTS (SELECT 1 FROM json_each(a.json, '$.authors') j WHERE json_extract(j.value, '$.name') = @author)",
      );
      params.author = filter.author;
    }
    if (filter.from !== undefined) {
      terms.push('a.published_date >= @from');
      params.from = filter.from;
    }
    if (filter.to !== undefined) {
      terms.push('a.published_date <= @to');
      params.to = filter.to;
    }
    return { terms, params };
  }

  const countCache = new Map<string, Statement<Record<string, unknown>, { n: number }>>();
  function countMatching(filter: ArticleFilter): number {
    const { terms, params } = filterTerms(filter);
    const signature = terms.join(' AND ');
    let statement = countCache.get(signature);
    if (!statement) {
      statement = db.prepare<Record<string, unknown>, { n: number }>(
        `SELECT count(*) AS n FROM articles a ${terms.length ? `WHERE ${signature}` : ''}`,
      );
      countCache.set(signature, statement);
    }
    return statement.get(params)?.n ?? 0;
  }

  const facetQueries = {
    sections: db.prepare<[], FacetRow>(
      "SELECT json_extract(json, '$.section') AS value, count(*) AS count FROM articles GROUP BY value",
    ),
    tags: db.prepare<[], FacetRow>(
      "SELECT j.value AS value, count(DISTINCT a.rowid) AS count FROM articles a, json_each(a.json, '$.tags') j GROUP BY j.value",
    ),
    languages: db.prepare<[], FacetRow>(
      "SELECT lower(json_extract(json, '$.language')) AS value, count(*) AS count FROM articles GROUP BY value",
    ),
    authors: db.prepare<[], FacetRow>(
      "SELECT json_extract(j.value, '$.name') AS value, count(DISTINCT a.rowid) AS count FROM articles a, json_each(a.json, '$.authors') j GROUP BY value",
    ),
  };
  function facets(limit: number): ArticleFacets {
    return {
      sections: topFacets(facetQueries.sections.all(), limit, true),
      tags: topFacets(facetQueries.tags.all(), limit, true),
      languages: topFacets(facetQueries.languages.all(), limit, false),
      authors: topFacets(facetQueries.authors.all(), limit, false),
    };
  }

  function listStatement(
    query: ArticleQuery,
    fts: boolean,
    keyset: boolean,
  ): Statement<Record<string, unknown>, ArticleRow> {
    const { terms } = filterTerms(query);
    const signature = [fts, keyset, ...terms].join();
    const cached = listCache.get(signature);
    if (cached) return cached;
    const where: string[] = [];
    if (fts) where.push('articles_fts MATCH @fts');
    where.push(...terms);
    if (keyset) where.push('(a.sort_key < @k OR (a.sort_key = @k AND a.rowid < @r))');
    // A search ranks every match but reads and snippets only the page: rows carry their JSON
    // text and the snippet, which a single ranked query computed for every match.
    const sql = fts
      ? `SELECT a.rowid FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
         WHERE ${where.join(' AND ')}
         ORDER BY bm25(articles_fts, 10.0, 5.0, 3.0, 1.0), a.sort_key DESC, a.rowid DESC
         LIMIT @limit OFFSET @offset`
      : `${select} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY a.sort_key DESC, a.rowid DESC LIMIT @limit`;
    const statement = db.prepare<Record<string, unknown>, ArticleRow>(sql);
    listCache.set(signature, statement);
    return statement;
  }

  function list(query: ArticleQuery): ArticlePage {
    const fts = query.q === undefined ? undefined : toFtsQuery(query.q);
    if (query.q !== undefined && fts === undefined) return { items: [] };
    const state = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const params: Record<string, unknown> = {
      ...filterTerms(query).params,
      limit: query.limit + 1,
    };
    if (fts !== undefined) params.fts = fts;
    let keyset = false;
    if (fts !== undefined) {
      if (state && !('o' in state))
        throw new InvalidCursorError('cursor belongs to a list without q; start again without it');
      params.offset = state && 'o' in state ? state.o : 0;
    } else if (state) {
      if (!('k' in state))
        throw new InvalidCursorError('cursor belongs to a search with q; start again without it');
      keyset = true;
      params.k = state.k;
      params.r = state.r;
    }
    let rows = listStatement(query, fts !== undefined, keyset).all(params);
    if (fts !== undefined && rows.length > 0) {
      const found = new Map(
        searchPage
          .all({ fts, ids: JSON.stringify(rows.map((r) => r.rowid)) })
          .map((r) => [r.rowid, r]),
      );
      rows = rows.flatMap((r) => found.get(r.rowid) ?? []);
    }
    const more = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    const items: ArticleListItem[] = page.map((row) => {
      const item: ArticleListItem = toStored(row);
      if (row.snippet !== undefined) item.snippet = snippetRuns(row.snippet);
      return item;
    });
    const last = page.at(-1);
    if (!more || !last) return { items };
    const nextCursor =
      fts !== undefined
        ? encodeCursor({ o: (typeof params.offset === 'number' ? params.offset : 0) + page.length })
        : encodeCursor({ k: last.sort_key, r: last.rowid });
    return { items, nextCursor };
  }

  return {
    createNow: (article) => createTx(article),
    list: (query) => Promise.resolve().then(() => list(query)),
    get: (slug) => Promise.resolve().then(() => cached(slug)),
    getMany: (slugs) =>
      Promise.resolve().then(() =>
        slugs.flatMap((slug) => {
          const stored = cached(slug);
          return stored ? [stored] : [];
        }),
      ),
    create: (article) => Promise.resolve().then(() => createTx(article)),
    // The URL decides the slug of a replaced article.
    put: (slug, article) => Promise.resolve().then(() => putTx(slug, { ...article, slug })),
    delete: (slug) => Promise.resolve().then(() => deleteTx(slug)),
    publishedOn: (date) => Promise.resolve().then(() => onDate.all(date).map(toStored)),
    days: () => Promise.resolve().then(() => dayCounts.all()),
    count: (filter) =>
      Promise.resolve().then(() =>
        filter === undefined ? (total.get()?.n ?? 0) : countMatching(filter),
      ),
    facets: (limit) => Promise.resolve().then(() => facets(limit)),
  };
}
