import type { Article, Run } from '@broadsheet/model';

/**
 * The storage contract the routes depend on, implemented by SQLite (store/sqlite, the embedded
 * default) and PostgreSQL (store/postgres, for several replicas); no router knows which.
 * Every method is async for PostgreSQL's sake, even though SQLite is not.
 */

/** An article as stored: the parsed model value plus bookkeeping the HTTP layer needs. */
export interface StoredArticle {
  /** Never modified by its users: the store may hand the same object to many requests. */
  article: Article;
  /** SHA-256 (hex) of the article's canonical JSON: changes exactly when the content does. */
  contentHash: string;
  /** When this server first stored the article (ISO 8601, UTC). */
  createdAt: string;
  /** When this server last wrote the article (ISO 8601, UTC); the HTTP Last-Modified. */
  modifiedAt: string;
  /**
   * `JSON.stringify(article)` as stored, when the store holds it as text: a read can send these
   * bytes as they are instead of parsing and serialising the article again.
   */
  json?: string;
  /** `json` as UTF-8 bytes, when the store holds `json` (converted once per stored version). */
  readonly jsonBytes?: Buffer;
}

/** A search hit or list item: the stored article and, for full-text queries, a snippet. */
export interface ArticleListItem extends StoredArticle {
  /** The best-matching passage, matched terms marked `strong: true`; only with `q`. */
  snippet?: Run[];
}

/** What a list and a count can be narrowed to; every filter given must hold. */
export interface ArticleFilter {
  /** Case-insensitive, as the tag and section filters. */
  tag?: string;
  section?: string;
  /** The article's language tag, compared case-insensitively (`en` is not `en-GB`). */
  language?: string;
  /** An author's name exactly as stored. */
  author?: string;
  /** Inclusive bounds on the article's date (YYYY-MM-DD as written in publishedAt, else updatedAt). */
  from?: string;
  to?: string;
}

export interface ArticleQuery extends ArticleFilter {
  /** Full-text query (words; every word must match, prefixes allowed). */
  q?: string;
  /** 1..100 */
  limit: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

export interface ArticlePage {
  items: ArticleListItem[];
  /** Present when more items follow. */
  nextCursor?: string;
}

/** One value of a facet (a section, tag, language or author) and how many articles have it. */
export interface FacetValue {
  /** As written in the articles (the most used spelling when several differ only in case). */
  value: string;
  count: number;
}

/** The values catalogs offer as facets, most used first (then by value), at most `limit` each. */
export interface ArticleFacets {
  sections: FacetValue[];
  tags: FacetValue[];
  languages: FacetValue[];
  authors: FacetValue[];
}

/** One calendar day that has articles: the basis of a daily edition. */
export interface DayCount {
  date: string;
  count: number;
}

export interface ArticleStore {
  list(query: ArticleQuery): Promise<ArticlePage>;
  get(slug: string): Promise<StoredArticle | undefined>;
  /** Several articles by slug, in the order asked; unknown slugs are left out. */
  getMany(slugs: readonly string[]): Promise<StoredArticle[]>;
  /** Throws ConflictError when the slug or id is taken. */
  create(article: Article): Promise<StoredArticle>;
  /**
   * Stores `article` under `slug`, replacing what was there (`created: false`) or creating it
   * (`created: true`). Throws ConflictError when the article's id belongs to another slug.
   */
  put(slug: string, article: Article): Promise<{ stored: StoredArticle; created: boolean }>;
  /** False when there was nothing to delete. */
  delete(slug: string): Promise<boolean>;
  /** Articles dated on a day (YYYY-MM-DD as written in publishedAt, else updatedAt), oldest first. */
  publishedOn(date: string): Promise<StoredArticle[]>;
  /** Days with articles, newest first. */
  days(): Promise<DayCount[]>;
  /** How many articles there are, or match `filter`. */
  count(filter?: ArticleFilter): Promise<number>;
  /** The most used sections, tags, languages and authors (catalog facets). */
  facets(limit: number): Promise<ArticleFacets>;
}

/** A curated edition as stored: what the editor asked for; articles are resolved on read. */
export interface CuratedEdition {
  /** `${date}-${slugify(title)}` */
  id: string;
  title: string;
  date: string;
  language?: string;
  description?: string;
  /** Article slugs in reading order. */
  slugs: string[];
  createdAt: string;
  modifiedAt: string;
}

export type CuratedEditionInput = Omit<CuratedEdition, 'id' | 'createdAt' | 'modifiedAt'>;

export interface EditionStore {
  /** Throws ConflictError when an edition with the same id exists. */
  create(id: string, input: CuratedEditionInput): Promise<CuratedEdition>;
  get(id: string): Promise<CuratedEdition | undefined>;
  /** Newest date first, then newest created first. */
  list(): Promise<CuratedEdition[]>;
}

/**
 * The store's change stamp: what catalogs, feeds and lists derive their validators from
 * without reading what they list. Kept by database triggers on articles and curated editions,
 * so every write changes it, deletions included, whichever replica or code path made it.
 */
export interface StoreRevision {
  /** Grows by at least one with every write statement that touches articles or editions. */
  revision: number;
  /** When the last such write happened (ISO 8601, UTC; the database's clock): Last-Modified. */
  changedAt: string;
}

export interface Store {
  articles: ArticleStore;
  editions: EditionStore;
  /** One small read: the current change stamp (see StoreRevision). */
  revision(): Promise<StoreRevision>;
  /** Closes the underlying database; the store is unusable afterwards. */
  close(): Promise<void>;
}

/** A write would break uniqueness (slug, article id, edition id). */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    message: string,
    /** Field that clashes, e.g. `slug`. */
    readonly field: string,
  ) {
    super(message);
  }
}

/** A cursor the store did not issue or can no longer read. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

/**
 * The database cannot answer now (connection lost or refused, server shutting down, statement
 * timeout, pool exhausted): nothing was changed, and the same request may succeed shortly.
 * Answered 503 with Retry-After.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    message: string,
    /** Seconds a client is asked to wait. */
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
