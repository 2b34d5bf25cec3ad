import type { Article } from '@broadsheet/model';
import { rememberJsonBytes } from '../util/canonical-json.js';
import type { StoredArticle } from './types.js';

/** Case-folded key for tag and section filters. */
export const filterKey = (s: string) => s.normalize('NFC').toLocaleLowerCase('und');

/**
 * The date an article belongs to: publishedAt, else updatedAt (scraped pages often show only
 * an "updated" date). Daily editions, date filters and ordering all use it.
 */
export const articleDate = (article: Article): string | undefined =>
  article.publishedAt ?? article.updatedAt;

/** That date-time in UTC for ordering; '' when undated, so undated articles sort last. */
export function sortKey(date: string | undefined): string {
  if (!date) return '';
  const t = Date.parse(date);
  return Number.isNaN(t) ? '' : new Date(t).toISOString();
}

/** The columns every store keeps of a stored article. */
export interface StoredRow {
  json: string;
  content_hash: string;
  created_at: string;
  modified_at: string;
}

export function toStored(row: StoredRow): StoredArticle {
  let article: Article | undefined;
  let jsonBytes: Buffer | undefined;
  const bytes = () => (jsonBytes ??= Buffer.from(row.json, 'utf8'));
  return {
    // Rows were validated on the way in, so no schema check; and parsed only on first use,
    // because the hottest read (GET /v1/articles/{slug}) sends `json` as it is. The parsed
    // value is known to serialise to those bytes, which renders reuse (jsonBytes()).
    get article(): Article {
      if (article === undefined) {
        article = JSON.parse(row.json) as Article;
        rememberJsonBytes(article, bytes());
      }
      return article;
    },
    json: row.json,
    get jsonBytes(): Buffer {
      return bytes();
    },
    contentHash: row.content_hash,
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
  };
}

/** A name as written in some article, with the key filters and facets compare it by. */
export interface KeyedName {
  key: string;
  name: string;
}

/** Names deduplicated by key, the first spelling kept (an article tagged "Rates" and "rates" counts once). */
function keyed(names: readonly string[]): KeyedName[] {
  const seen = new Map<string, string>();
  for (const name of names) {
    const key = filterKey(name);
    if (!seen.has(key)) seen.set(key, name);
  }
  return [...seen].map(([key, name]) => ({ key, name }));
}

/** The filter and facet columns every store keeps beside an article's JSON. */
export interface ArticleFacets {
  /** The BCP 47 tag, case-folded (`en-gb`). */
  languageKey: string;
  section?: KeyedName;
  tags: KeyedName[];
  authors: KeyedName[];
}

export function articleFacets(article: Article): ArticleFacets {
  const facets: ArticleFacets = {
    languageKey: filterKey(article.language),
    tags: keyed(article.tags),
    authors: keyed(article.authors.map((a) => a.name)),
  };
  if (article.section) facets.section = { key: filterKey(article.section), name: article.section };
  return facets;
}
