import type { Article, Run } from '@broadsheet/model';
import type { PublicationStore } from './publication-types.js';
import type { FeedStore } from './feed-types.js';

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

export interface ArticleQuery {
  /** Full-text query (words; every word must match, prefixes allowed). */
  q?: string;
  /** Filters below are case-insensitive and combine with each other and with `q` (AND). */
  tag?: string;
  section?: string;
  /** An author's name, as a whole. */
  author?: string;
  /** A BCP 47 language range: `en` matches `en` and `en-GB` (RFC 4647 basic filtering). */
  language?: string;
  /** Inclusive bounds on the article's date (YYYY-MM-DD as written in publishedAt, else updatedAt). */
  from?: string;
  to?: string;
  /** 1..100 */
  limit: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

export interface ArticlePage {
  items: ArticleListItem[];
  /** How many articles match the query in all (every page, not only this one). */
  total: number;
  /** Present when more items follow. */
  nextCursor?: string;
}

/** One calendar day that has articles: the basis of a daily edition. */
export interface DayCount {
  date: string;
  count: number;
}

/** An article as a store holds it, stamps included: what a copy between stores carries. */
export interface ArticleRecord {
  article: Article;
  createdAt: string;
  modifiedAt: string;
}

/** What a copy into a store did with each record it was given. */
export interface RestoreCounts {
  /** Not there before. */
  created: number;
  /** There, with other content or stamps: replaced. */
  updated: number;
  /** There already, identical: not written. */
  unchanged: number;
}

/**
 * What the article collection can be grouped by: GET /v1/tags, /v1/authors, /v1/sections; the
 * OPDS catalogs also offer languages (by language tag, case-folded).
 */
export type FacetKind = 'tags' | 'authors' | 'sections' | 'languages';

export interface FacetQuery {
  /** 1..100 */
  limit: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

/** One tag, author, section or language and how many articles carry it. */
export interface FacetCount {
  /**
   * The name as articles write it; when they spell it differently ("Sport", "sport"), the
   * spelling that sorts first byte-wise. Filters take any spelling.
   */
  name: string;
  count: number;
}

export interface FacetPage {
  /** Most articles first, then by case-folded name. */
  items: FacetCount[];
  /** How many distinct values there are in all. */
  total: number;
  nextCursor?: string;
}

export interface ArticleStore {
  list(query: ArticleQuery): Promise<ArticlePage>;
  /** The tags, authors or sections in use, with their article counts. */
  facets(kind: FacetKind, query: FacetQuery): Promise<FacetPage>;
  get(slug: string): Promise<StoredArticle | undefined>;
  /** Several articles by slug, in the order asked; unknown slugs are left out. */
  getMany(slugs: readonly string[]): Promise<StoredArticle[]>;
  /** Which of `slugs` name a stored article (reads no article). */
  existing(slugs: readonly string[]): Promise<Set<string>>;
  /** Throws ConflictError when the slug or id is taken. */
  create(article: Article): Promise<StoredArticle>;
  /**
   * Stores `article` under `slug`, replacing what was there (`created: false`) or creating it
   * (`created: true`). Throws ConflictError when the article's id belongs to another slug.
   */
  put(
    slug: string,
    article: Article,
    condition?: WriteCondition,
  ): Promise<{ stored: StoredArticle; created: boolean }>;
  /**
   * False when there was nothing to delete (and no condition was given). With a condition that
   * does not hold, throws PreconditionFailedError and deletes nothing.
   */
  delete(slug: string, condition?: WriteCondition): Promise<boolean>;
  /** Articles dated on a day (YYYY-MM-DD as written in publishedAt, else updatedAt), oldest first. */
  publishedOn(date: string): Promise<StoredArticle[]>;
  /** Days with articles, newest first. */
  days(): Promise<DayCount[]>;
  count(): Promise<number>;
  /**
   * Stores articles copied from another store, keeping their createdAt and modifiedAt: one at a
   * slug that is absent is created, one whose content or stamps differ replaces it, an identical
   * one is left alone (so copying twice changes nothing). One transaction: all or nothing; a
   * ConflictError (field `id`) when an article's id belongs to another slug here.
   */
  restore(records: readonly ArticleRecord[]): Promise<RestoreCounts>;
}

/**
 * What a write expects to find, checked in the same statement as the write (compare-and-set), so
 * two concurrent editors cannot both win. Unmet: PreconditionFailedError, nothing written.
 * - `ifMatch`: the row exists and its content hash starts with one of these (ETags are the
 *   first 40 hex digits of the hash), or with `'*'` merely exists;
 * - `absent`: the row does not exist (`If-None-Match: *`, or a required If-Match left out).
 */
export type WriteCondition = { ifMatch: readonly string[] | '*' } | { absent: true };

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
  /** 1 when created, one more on every replacement: what a conditional write compares. */
  revision: number;
}

export type CuratedEditionInput = Omit<
  CuratedEdition,
  'id' | 'createdAt' | 'modifiedAt' | 'revision'
>;

/**
 * What a conditional edition write expects: the revision it read (`revision`), or no edition at
 * all (`absent`). Unmet: PreconditionFailedError, nothing written.
 */
export type EditionCondition = { revision: number } | { absent: true };

export interface EditionStore {
  /** Throws ConflictError when an edition with the same id exists. */
  create(id: string, input: CuratedEditionInput): Promise<CuratedEdition>;
  get(id: string): Promise<CuratedEdition | undefined>;
  /** Newest date first, then newest created first. */
  list(): Promise<CuratedEdition[]>;
  /** As ArticleStore.restore, by edition id: every field, stamps included, copied as given. */
  restore(editions: readonly CuratedEdition[]): Promise<RestoreCounts>;
  /** Replaces (`created: false`) or creates (`created: true`) the edition with this id. */
  put(
    id: string,
    input: CuratedEditionInput,
    condition?: EditionCondition,
  ): Promise<{ edition: CuratedEdition; created: boolean }>;
  /** False when there was nothing to delete (and no condition was given). */
  delete(id: string, condition?: EditionCondition): Promise<boolean>;
}

/** What a write may do with a key: admin may do everything, the others one kind of write each. */
export const SCOPES = ['articles:write', 'editions:write', 'feeds:write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** An API key as listed: never its secret, which is kept only as a SHA-256 hash. */
export interface ApiKey {
  /** Public identifier; also the part of the key that finds its row. */
  id: string;
  name: string;
  scopes: Scope[];
  createdAt: string;
  /** Recorded at most about once a minute per replica, so reads of it lag by that much. */
  lastUsedAt?: string;
  revokedAt?: string;
}

export interface NewApiKey {
  id: string;
  name: string;
  scopes: Scope[];
  /** SHA-256 (hex) of the whole key. */
  hash: string;
}

/** A key as stored, with the hash that checks it: what a copy to another store carries. */
export interface StoredApiKey extends ApiKey {
  hash: string;
}

export interface KeyStore {
  /** Throws ConflictError when the id is taken. */
  create(key: NewApiKey): Promise<ApiKey>;
  /** Every key with its hash, revoked ones too, oldest first (copy-to-postgres reads them). */
  records(): Promise<StoredApiKey[]>;
  /**
   * Stores keys copied from another store, hash and stamps kept, so clients keep their keys: an
   * absent id is created; a known one with the same hash takes the later use and a revocation
   * from either side (a copy never revives a revoked key); an identical one is left alone. One
   * transaction: all or nothing; a ConflictError (field `id`) when the id holds another key here.
   */
  restore(keys: readonly StoredApiKey[]): Promise<RestoreCounts>;
  /** Every key, revoked ones too, newest first. */
  list(): Promise<ApiKey[]>;
  /**
   * The key with this id and its stored hash, unless it is unknown or revoked. Read from the
   * database on every call (never cached): a revocation holds at once on every replica.
   */
  find(id: string): Promise<{ key: ApiKey; hash: string } | undefined>;
  /** Marks the key revoked; false when it is unknown or already revoked. */
  revoke(id: string): Promise<boolean>;
  /** Records a use at `at` (ISO 8601) unless one at or after `notBefore` is already recorded. */
  touch(id: string, at: string, notBefore: string): Promise<void>;
}

/** A stored picture: processed bytes (metadata-free JPEG or PNG) under their sha256. */
export interface MediaRecord {
  /** sha256 of the stored bytes, lowercase hex: the same picture is stored once. */
  id: string;
  type: string;
  width: number;
  height: number;
  bytes: number;
  createdAt: string;
}

export interface MediaInput {
  id: string;
  type: string;
  width: number;
  height: number;
  data: Buffer;
}

export interface MediaStore {
  /** Stores the picture unless its id is already there; `created` says which. */
  put(input: MediaInput): Promise<{ media: MediaRecord; created: boolean }>;
  get(id: string): Promise<(MediaRecord & { data: Buffer }) | undefined>;
  /**
   * Ids in ascending order, those after `after` only, at most `limit`: how a whole-store copy
   * (copy-to-postgres) pages through the pictures without reading their bytes.
   */
  ids(options: { after?: string | undefined; limit: number }): Promise<string[]>;
  /**
   * Removes media no stored article mentions (its id nowhere in an article's JSON) and that
   * were stored before `olderThan` (an upload waiting for the article that will use it is
   * kept). Returns the removed ids.
   */
  prune(olderThan: Date): Promise<string[]>;
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
  keys: KeyStore;
  /**
   * Resolves when the database answers a trivial query within `timeoutMs`; throws
   * StoreUnavailableError otherwise (the health check: cheap, never a table scan).
   */
  ping(timeoutMs: number): Promise<void>;
  media: MediaStore;
  /** Mail deliveries of editions (publication issues, or sent by hand). */
  deliveries: DeliveryStore;
  /** Scheduled editions made from feeds, and their issues. */
  publications: PublicationStore;
  /** Feed subscriptions and the items they brought (issue 17). */
  feeds: FeedStore;
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

/** The data was written by a newer server (a higher schema version): this one must not touch it. */
export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
}

/** A conditional write found the row other than it expected; nothing was written. */
export class PreconditionFailedError extends Error {
  override readonly name = 'PreconditionFailedError';
  constructor(
    message: string,
    /** Whether the row exists now (a required If-Match left out answers 428 only then). */
    readonly exists: boolean,
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

/** Where one mailing of an edition to one recipient stands. */
export type DeliveryStatus = 'pending' | 'sent' | 'failed';

/** One mailing of an edition's EPUB to one recipient (a publication's issue, or sent by hand). */
export interface Delivery {
  id: string;
  /** The publication whose issue this is; absent for an edition sent by hand. */
  publicationId?: string;
  editionId: string;
  recipient: string;
  status: DeliveryStatus;
  /** Attempts started so far (a claim counts one). */
  attempts: number;
  /** When a pending delivery is next tried (or, while claimed, when its lease ends). */
  nextAttemptAt?: string;
  /** Why the last attempt failed (a failed delivery: why it was given up). */
  lastError?: string;
  /** The Message-ID the mail went out with. */
  messageId?: string;
  sentAt?: string;
  createdAt: string;
}

export interface NewDelivery {
  publicationId?: string | undefined;
  editionId: string;
  recipient: string;
}

export interface DeliveryStore {
  /**
   * Records a pending delivery, due at once, for each (edition, recipient) pair not yet recorded;
   * pairs already there are left as they are (a re-run never mails twice). `failed` records them
   * as failed with that reason instead (nothing can send them). Returns the row of every pair asked
   * for, new or not, in the order asked.
   */
  enqueue(items: readonly NewDelivery[], options?: { failed?: string }): Promise<Delivery[]>;
  /**
   * Claims up to `limit` pending deliveries due at `now`, oldest due first: each one's attempts
   * grow by one and it is not due again until `now + leaseMs`, so no other process claims it
   * meanwhile (a process that dies mid-send leaves it to be tried again after the lease).
   */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<Delivery[]>;
  /**
   * Writes the outcome of the attempt `claimed` is (its id and attempts): sent, failed for good,
   * or pending again at `retryAt`. False, and nothing written, when that attempt no longer holds
   * the delivery (its lease ran out and another claim took it).
   */
  settle(claimed: Delivery, outcome: DeliveryOutcome): Promise<boolean>;
  /** The deliveries of an edition, oldest first. */
  forEdition(editionId: string): Promise<Delivery[]>;
  /** The latest `limit` deliveries of a publication's issues, newest first. */
  forPublication(publicationId: string, limit: number): Promise<Delivery[]>;
  /** Up to `limit` deliveries of any kind and status, in id order after `after` (for a copy). */
  records(page: { after?: string | undefined; limit: number }): Promise<Delivery[]>;
  /**
   * Stores deliveries copied from another store as they are, in one transaction: one not here is
   * inserted, one here is replaced unless it has gone further here (mergeCopiedDelivery). Throws
   * ConflictError when another mailing has a copied id, or a copied mailing another id.
   */
  restore(deliveries: readonly Delivery[]): Promise<RestoreCounts>;
}

export type DeliveryOutcome =
  | { status: 'sent'; messageId: string; at: string }
  | { status: 'failed'; error: string }
  | { status: 'pending'; error: string; retryAt: string };
