import { bodyText, type Article } from '@broadsheet/model';
import { sha256 } from '../../util/hash.js';
import type { Database, Statement } from 'better-sqlite3';
import { canonicalJson } from '../../util/canonical-json.js';
import { ArticleCache } from '../article-cache.js';
import { articleDate, articleFacets, filterKey, sortKey, toStored } from '../article-row.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
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
import { SNIPPET_SOURCE_CHARS } from '../search-terms.js';
import { MATCH_END, MATCH_START, snippetRuns } from '../snippet-runs.js';
import { leadSnippet, SNIPPET_TOKENS, toFtsAnyQuery, toFtsQuery } from './fts.js';

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
  const rowidBySlug = db.prepare<
    [string],
    { rowid: number; created_at: string; content_hash: string }
  >('SELECT rowid, created_at, content_hash FROM articles WHERE slug = ?');
  const slugById = db.prepare<[string], { slug: string }>(
    'SELECT slug FROM articles WHERE article_id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO articles (slug, article_id, json, content_hash, published_date, sort_key, section_key, section_name, language_key, created_at, modified_at)
     VALUES (@slug, @article_id, @json, @content_hash, @published_date, @sort_key, @section_key, @section_name, @language_key, @created_at, @modified_at)`,
  );
  const update = db.prepare(
    `UPDATE articles SET slug = @slug, article_id = @article_id, json = @json, content_hash = @content_hash,
       published_date = @published_date, sort_key = @sort_key, section_key = @section_key,
       section_name = @section_name, language_key = @language_key, modified_at = @modified_at
     WHERE rowid = @rowid`,
  );
  const existingBySlug = db.prepare<
    [string],
    { rowid: number; content_hash: string; created_at: string; modified_at: string }
  >('SELECT rowid, content_hash, created_at, modified_at FROM articles WHERE slug = ?');
  const replace = db.prepare(
    `UPDATE articles SET article_id = @article_id, json = @json, content_hash = @content_hash,
       published_date = @published_date, sort_key = @sort_key, section_key = @section_key,
       created_at = @created_at, modified_at = @modified_at
     WHERE rowid = @rowid`,
  );
  const deleteRow = db.prepare<[number]>('DELETE FROM articles WHERE rowid = ?');
  const deleteFts = db.prepare<[number]>('DELETE FROM articles_fts WHERE rowid = ?');
  const insertFts = db.prepare(
    'INSERT INTO articles_fts (rowid, headline, standfirst, highlights, body) VALUES (@rowid, @headline, @standfirst, @highlights, @body)',
  );
  // Snippets are made from the start of each field only (as migration 10 fills it).
  const deleteSnippetSource = db.prepare<[number]>('DELETE FROM articles_snippets WHERE rowid = ?');
  const insertSnippetSource = db.prepare(
    `INSERT INTO articles_snippets (rowid, headline, standfirst, highlights, body)
     VALUES (@rowid, substr(@headline, 1, ${SNIPPET_SOURCE_CHARS}), substr(@standfirst, 1, ${SNIPPET_SOURCE_CHARS}),
       substr(@highlights, 1, ${SNIPPET_SOURCE_CHARS}), substr(@body, 1, ${SNIPPET_SOURCE_CHARS}))`,
  );
  const deleteTags = db.prepare<[number]>('DELETE FROM article_tags WHERE article_rowid = ?');
  const insertTag = db.prepare<[number, string, string]>(
    'INSERT OR IGNORE INTO article_tags (article_rowid, tag_key, name) VALUES (?, ?, ?)',
  );
  const deleteAuthors = db.prepare<[number]>('DELETE FROM article_authors WHERE article_rowid = ?');
  const insertAuthor = db.prepare<[number, string, string]>(
    'INSERT OR IGNORE INTO article_authors (article_rowid, author_key, name) VALUES (?, ?, ?)',
  );
  // Facets: one row per key, the byte-wise first spelling, most articles first.
  const facetSql: Record<FacetKind, string> = {
    tags: 'SELECT tag_key AS key, min(name) AS name, count(*) AS count FROM article_tags GROUP BY tag_key',
    authors:
      'SELECT author_key AS key, min(name) AS name, count(*) AS count FROM article_authors GROUP BY author_key',
    sections:
      'SELECT section_key AS key, min(section_name) AS name, count(*) AS count FROM articles WHERE section_key IS NOT NULL GROUP BY section_key',
    // A language is shown as its key (the tag case-folded): `en-GB` and `en-gb` are one value.
    languages:
      "SELECT language_key AS key, language_key AS name, count(*) AS count FROM articles WHERE language_key IS NOT NULL AND language_key <> '' GROUP BY language_key",
  };
  const facetPage = Object.fromEntries(
    Object.entries(facetSql).map(([kind, sql]) => [
      kind,
      db.prepare<{ limit: number; offset: number }, FacetCount>(
        `SELECT name, count FROM (${sql}) ORDER BY count DESC, key ASC LIMIT @limit OFFSET @offset`,
      ),
    ]),
  ) as Record<FacetKind, Statement<{ limit: number; offset: number }, FacetCount>>;
  const facetTotal = Object.fromEntries(
    Object.entries(facetSql).map(([kind, sql]) => [
      kind,
      db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM (${sql})`),
    ]),
  ) as Record<FacetKind, Statement<[], { n: number }>>;
  const onDate = db.prepare<[string], ArticleRow>(
    `${select} WHERE a.published_date = ? ORDER BY a.sort_key ASC, a.rowid ASC`,
  );
  const dayCounts = db.prepare<[], DayCount>(
    'SELECT published_date AS date, count(*) AS count FROM articles WHERE published_date IS NOT NULL GROUP BY published_date ORDER BY published_date DESC',
  );
  const total = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM articles');
  const present = db
    .prepare<[string], string>(
      'SELECT slug FROM articles WHERE slug IN (SELECT value FROM json_each(?))',
    )
    .pluck();
  const listCache = new Map<string, Statement<Record<string, unknown>, ArticleRow>>();
  const countCache = new Map<string, Statement<Record<string, unknown>, { n: number }>>();
  /** The rows of one page of a search, by rowid (ranked by the list statement). */
  const searchPage = db.prepare<[string], ArticleRow>(
    `${select} WHERE a.rowid IN (SELECT value FROM json_each(?))`,
  );
  /**
   * The snippet of one result: FTS5's best window of 24 tokens around any of the words, read
   * from articles_snippets (the start of each field), never from the whole article. The rowid
   * is cast: FTS5 ignores a rowid constraint with MATCH when the value is a REAL, which is how
   * better-sqlite3 binds a JS number, and would then snippet every row that matches.
   */
  const snippetOf = db
    .prepare<{ any: string; rowid: number }, string>(
      `SELECT snippet(articles_snippets, -1, '${MATCH_START}', '${MATCH_END}', '…', ${SNIPPET_TOKENS})
       FROM articles_snippets WHERE articles_snippets MATCH @any AND rowid = CAST(@rowid AS INTEGER)`,
    )
    .pluck();
  /** A result whose words all lie past the snippet source: the start of its body instead. */
  const leadOf = db
    .prepare<[number], string>(
      'SELECT body FROM articles_snippets WHERE rowid = CAST(? AS INTEGER)',
    )
    .pluck();

  function columns(article: Article, stamp: string) {
    const facets = articleFacets(article);
    return {
      slug: article.slug,
      article_id: article.id,
      json: JSON.stringify(article),
      content_hash: sha256(canonicalJson(article)),
      published_date: articleDate(article)?.slice(0, 10) ?? null,
      sort_key: sortKey(articleDate(article)),
      section_key: facets.section?.key ?? null,
      section_name: facets.section?.name ?? null,
      language_key: facets.languageKey,
      modified_at: stamp,
    };
  }

  function index(rowid: number, article: Article): void {
    const fields = {
      rowid,
      headline: article.headline,
      standfirst: article.standfirst ?? '',
      highlights: article.highlights.join('\n'),
      body: bodyText(article),
    };
    deleteFts.run(rowid);
    insertFts.run(fields);
    deleteSnippetSource.run(rowid);
    insertSnippetSource.run(fields);
    const facets = articleFacets(article);
    deleteTags.run(rowid);
    for (const tag of facets.tags) insertTag.run(rowid, tag.key, tag.name);
    deleteAuthors.run(rowid);
    for (const author of facets.authors) insertAuthor.run(rowid, author.key, author.name);
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

  /**
   * Throws unless `condition` holds for the row. It runs inside the write's transaction: in one
   * process transactions run one at a time, and another process's write after this read makes
   * the write fail (WAL snapshot, SQLITE_BUSY) rather than be lost.
   */
  function check(
    slug: string,
    existing: { content_hash: string } | undefined,
    condition: WriteCondition | undefined,
  ): void {
    if (condition === undefined) return;
    if ('absent' in condition) {
      if (existing)
        throw new PreconditionFailedError(`an article with slug "${slug}" exists`, true);
      return;
    }
    if (!existing) throw new PreconditionFailedError(`no article with slug "${slug}"`, false);
    const { ifMatch } = condition;
    if (ifMatch !== '*' && !ifMatch.some((tag) => existing.content_hash.startsWith(tag)))
      throw new PreconditionFailedError(
        `the article with slug "${slug}" has changed (its ETag is not the one given)`,
        true,
      );
  }

  const putTx = db.transaction(
    (
      slug: string,
      article: Article,
      condition: WriteCondition | undefined,
    ): { stored: StoredArticle; created: boolean } => {
      cache.invalidate([slug]);
      const existing = rowidBySlug.get(slug);
      check(slug, existing, condition);
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

  const deleteTx = db.transaction((slug: string, condition?: WriteCondition): boolean => {
    cache.invalidate([slug]);
    const existing = rowidBySlug.get(slug);
    check(slug, existing, condition);
    if (!existing) return false;
    deleteFts.run(existing.rowid);
    deleteSnippetSource.run(existing.rowid);
    deleteRow.run(existing.rowid);
    return true;
  });

  const restoreTx = db.transaction((records: readonly ArticleRecord[]): RestoreCounts => {
    const counts: RestoreCounts = { created: 0, updated: 0, unchanged: 0 };
    for (const { article, createdAt, modifiedAt } of records) {
      cache.invalidate([article.slug]);
      const cols = { ...columns(article, modifiedAt), created_at: createdAt };
      const existing = existingBySlug.get(article.slug);
      if (!existing) {
        assertIdFree(article, undefined);
        index(Number(insert.run(cols).lastInsertRowid), article);
        counts.created++;
      } else if (
        existing.content_hash === cols.content_hash &&
        existing.created_at === createdAt &&
        existing.modified_at === modifiedAt
      ) {
        counts.unchanged++;
      } else {
        assertIdFree(article, article.slug);
        replace.run({ ...cols, rowid: existing.rowid });
        index(existing.rowid, article);
        counts.updated++;
      }
    }
    return counts;
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

  /** Which filters a query uses: statements are prepared once per combination. */
  function filterSignature(query: ArticleQuery, fts: boolean): string {
    return [
      fts,
      query.tag !== undefined,
      query.section !== undefined,
      query.author !== undefined,
      query.language !== undefined,
      query.from !== undefined,
      query.to !== undefined,
    ].join();
  }

  function filters(query: ArticleQuery, fts: boolean): string[] {
    const where: string[] = [];
    if (fts) where.push('articles_fts MATCH @fts');
    if (query.tag !== undefined)
      where.push(
        'EXISTS (SELECT 1 FROM article_tags t WHERE t.article_rowid = a.rowid AND t.tag_key = @tag)',
      );
    if (query.author !== undefined)
      where.push(
        'EXISTS (SELECT 1 FROM article_authors w WHERE w.article_rowid = a.rowid AND w.author_key = @author)',
      );
    if (query.section !== undefined) where.push('a.section_key = @section');
    if (query.language !== undefined)
      where.push(
        "(a.language_key = @language OR substr(a.language_key, 1, length(@language) + 1) = @language || '-')",
      );
    if (query.from !== undefined) where.push('a.published_date >= @from');
    if (query.to !== undefined) where.push('a.published_date <= @to');
    return where;
  }

  function countStatement(
    query: ArticleQuery,
    fts: boolean,
  ): Statement<Record<string, unknown>, { n: number }> {
    const signature = filterSignature(query, fts);
    const cached = countCache.get(signature);
    if (cached) return cached;
    const where = filters(query, fts);
    const from = fts
      ? 'articles_fts JOIN articles a ON a.rowid = articles_fts.rowid'
      : 'articles a';
    const statement = db.prepare<Record<string, unknown>, { n: number }>(
      `SELECT count(*) AS n FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    );
    countCache.set(signature, statement);
    return statement;
  }

  function listStatement(
    query: ArticleQuery,
    fts: boolean,
    keyset: boolean,
  ): Statement<Record<string, unknown>, ArticleRow> {
    const signature = `${filterSignature(query, fts)},${keyset}`;
    const cached = listCache.get(signature);
    if (cached) return cached;
    const where = filters(query, fts);
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
    const state = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.q !== undefined && fts === undefined) return { items: [], total: 0 };
    const filter: Record<string, unknown> = {};
    if (fts !== undefined) filter.fts = fts;
    if (query.tag !== undefined) filter.tag = filterKey(query.tag);
    if (query.author !== undefined) filter.author = filterKey(query.author);
    if (query.section !== undefined) filter.section = filterKey(query.section);
    if (query.language !== undefined) filter.language = filterKey(query.language);
    if (query.from !== undefined) filter.from = query.from;
    if (query.to !== undefined) filter.to = query.to;
    const params: Record<string, unknown> = { ...filter, limit: query.limit + 1 };
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
      const any = toFtsAnyQuery(query.q ?? '') ?? fts;
      const found = new Map(
        searchPage.all(JSON.stringify(rows.map((r) => r.rowid))).map((r) => [r.rowid, r]),
      );
      rows = rows.flatMap((r) => {
        const row = found.get(r.rowid);
        if (!row) return [];
        const snippet = snippetOf.get({ any, rowid: r.rowid }) ?? leadSnippet(leadOf.get(r.rowid));
        return [{ ...row, snippet }];
      });
    }
    const more = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    const items: ArticleListItem[] = page.map((row) => {
      const item: ArticleListItem = toStored(row);
      if (row.snippet !== undefined) item.snippet = snippetRuns(row.snippet);
      return item;
    });
    const total = countStatement(query, fts !== undefined).get(filter)?.n ?? 0;
    const last = page.at(-1);
    if (!more || !last) return { items, total };
    const nextCursor =
      fts !== undefined
        ? encodeCursor({ o: (typeof params.offset === 'number' ? params.offset : 0) + page.length })
        : encodeCursor({ k: last.sort_key, r: last.rowid });
    return { items, total, nextCursor };
  }

  function facets(kind: FacetKind, query: FacetQuery): FacetPage {
    const state = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (state && !('o' in state))
      throw new InvalidCursorError('cursor belongs to another list; start again without it');
    const offset = state && 'o' in state ? state.o : 0;
    const rows = facetPage[kind].all({ limit: query.limit + 1, offset });
    const items = rows.slice(0, query.limit);
    const total = facetTotal[kind].get()?.n ?? 0;
    return rows.length > query.limit
      ? { items, total, nextCursor: encodeCursor({ o: offset + items.length }) }
      : { items, total };
  }

  return {
    facets: (kind, query) => Promise.resolve().then(() => facets(kind, query)),
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
    existing: (slugs) => Promise.resolve().then(() => new Set(present.all(JSON.stringify(slugs)))),
    create: (article) => Promise.resolve().then(() => createTx(article)),
    // The URL decides the slug of a replaced article.
    put: (slug, article, condition) =>
      Promise.resolve().then(() => putTx(slug, { ...article, slug }, condition)),
    delete: (slug, condition) => Promise.resolve().then(() => deleteTx(slug, condition)),
    publishedOn: (date) => Promise.resolve().then(() => onDate.all(date).map(toStored)),
    days: () => Promise.resolve().then(() => dayCounts.all()),
    count: () => Promise.resolve().then(() => total.get()?.n ?? 0),
    restore: (records) => Promise.resolve().then(() => restoreTx(records)),
  };
}
