/**
 * Reads the store the way the reader surfaces list things: pages by number (catalogs link
 * `previous` as well as `next`), editions daily and curated merged newest first.
 */
import type { Run } from '@broadsheet/model';
import type { ResolvedEdition } from '../editions/resolve.js';
import { curatedEdition, dailyEdition } from '../editions/resolve.js';
import { encodeCursor } from '../store/cursor.js';
import type { ArticleListItem, ArticleQuery, Store, StoredArticle } from '../store/types.js';
import type { SnippetPart } from './snippet.js';

export interface NumberedPage<T> {
  items: T[];
  page: number;
  hasNext: boolean;
}

/** What a page of articles can be narrowed to: the store's own list filters. */
export type ArticleFilter = Pick<ArticleQuery, 'tag' | 'section' | 'author' | 'language'>;

/** The store lists at most this many per call. */
const STORE_LIMIT = 100;

/**
 * Page `page` (1-based) of the newest articles. The store pages by keyset cursor, so deeper
 * pages walk the cursors; catalogs cap the page number, which bounds the walk.
 */
export async function articlesPage(
  store: Store,
  page: number,
  size: number,
  filter: ArticleFilter = {},
): Promise<NumberedPage<StoredArticle> & { total: number }> {
  let skip = (page - 1) * size;
  let cursor: string | undefined;
  while (skip > 0) {
    const step = Math.min(skip, STORE_LIMIT);
    const chunk = await store.articles.list(
      cursor === undefined ? { ...filter, limit: step } : { ...filter, limit: step, cursor },
    );
    if (chunk.items.length < step || chunk.nextCursor === undefined)
      return { items: [], page, hasNext: false, total: chunk.total };
    cursor = chunk.nextCursor;
    skip -= step;
  }
  const result = await store.articles.list(
    cursor === undefined ? { ...filter, limit: size } : { ...filter, limit: size, cursor },
  );
  // Every list answer counts all matches: the catalogs' `last` link needs no second query.
  return {
    items: result.items,
    page,
    hasNext: result.nextCursor !== undefined,
    total: result.total,
  };
}

/** Page `page` of full-text results (ranked); the store's search cursor is an offset. */
export async function searchPage(
  store: Store,
  q: string,
  page: number,
  size: number,
): Promise<NumberedPage<ArticleListItem>> {
  const query =
    page > 1
      ? { q, limit: size, cursor: encodeCursor({ o: (page - 1) * size }) }
      : { q, limit: size };
  const result = await store.articles.list(query);
  return { items: result.items, page, hasNext: result.nextCursor !== undefined };
}

/** The store marks matched words in a snippet as `strong` runs. */
export function snippetParts(runs: readonly Run[]): SnippetPart[] {
  return runs.map((r) => ({ text: r.text, match: r.strong === true }));
}

interface EditionRef {
  kind: 'daily' | 'curated';
  id: string;
  date: string;
  /** For ordering curated editions of the same date: newest created first. */
  order: number;
}

/** Every edition, newest date first (curated before daily on the same day), resolved on demand. */
export async function editionsPage(
  store: Store,
  page: number,
  size: number,
): Promise<NumberedPage<ResolvedEdition> & { total: number }> {
  const [days, curated] = await Promise.all([store.articles.days(), store.editions.list()]);
  // A curated edition whose articles were all deleted since is gone: not counted, not paged.
  const present = await store.articles.existing(curated.flatMap((c) => c.slugs));
  const refs: EditionRef[] = [
    ...curated.flatMap((c, i): EditionRef[] =>
      c.slugs.some((slug) => present.has(slug))
        ? [{ kind: 'curated', id: c.id, date: c.date, order: i }]
        : [],
    ),
    ...days.map((d): EditionRef => ({
      kind: 'daily',
      id: d.date,
      date: d.date,
      order: Number.MAX_SAFE_INTEGER,
    })),
  ];
  refs.sort((a, b) => (a.date === b.date ? a.order - b.order : a.date < b.date ? 1 : -1));
  const slice = refs.slice((page - 1) * size, page * size);
  const resolved = await Promise.all(
    slice.map((r) =>
      r.kind === 'daily' ? dailyEdition(store, r.id) : curatedEdition(store, r.id),
    ),
  );
  return {
    items: resolved.filter((e): e is ResolvedEdition => e !== undefined),
    page,
    hasNext: refs.length > page * size,
    total: refs.length,
  };
}

/** Most issues a publication's listings page through (the newest). */
const MAX_LISTED_ISSUES = 10_000;

/** A page of a publication's issues, newest first, as the editions they are. */
export async function issuesPage(
  store: Store,
  publicationId: string,
  page: number,
  size: number,
): Promise<NumberedPage<ResolvedEdition> & { total: number }> {
  const issues = await store.publications.issues(publicationId, MAX_LISTED_ISSUES);
  const slice = issues.slice((page - 1) * size, page * size);
  const resolved = await Promise.all(slice.map((i) => curatedEdition(store, i.editionId)));
  return {
    // An edition deleted since its issue was made is left out.
    items: resolved.filter((e): e is ResolvedEdition => e !== undefined),
    page,
    hasNext: issues.length > page * size,
    total: issues.length,
  };
}

/** The newest write among the listed things, or the epoch for an empty catalog (Atom needs a date). */
export function newest(stamps: readonly string[]): string {
  const latest = stamps.reduce((a, b) => (b > a ? b : a), '');
  return latest === '' ? '1970-01-01T00:00:00Z' : latest;
}
