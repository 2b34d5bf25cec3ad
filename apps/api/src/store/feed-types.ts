/**
 * The feed subscriptions part of the storage contract (issue 17): feeds an operator subscribed
 * to, their poll state and lease, and which article each item became. SQLite (store/sqlite)
 * and PostgreSQL (store/postgres) implement it; `feed-store-contract.test.ts` runs the same
 * tests against both.
 */

import type { RestoreCounts } from './types.js';

/** When the linked page is fetched for an item: `auto` only for summary-only items. */
export type FullTextSetting = 'auto' | 'always' | 'never';

/** What an operator sets on a feed (POST and PUT /v1/feeds). */
export interface FeedSettings {
  url: string;
  section?: string | undefined;
  fullText: FullTextSetting;
  /** Most items taken from one poll (the first ones in the feed's order); all when absent. */
  maxItems?: number | undefined;
}

/** A feed as stored: the settings, what the feed says of itself, and its poll state. */
export interface Feed extends FeedSettings {
  id: string;
  /** The feed's own title and home page, from its last successful parse. */
  title?: string;
  siteUrl?: string;
  /** Validators of the last 200 answer, sent back as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  createdAt: string;
  updatedAt: string;
  /** 1 when created, one more on every replacement of the settings: what If-Match compares. */
  revision: number;
  lastSuccessAt?: string;
  /** The last poll's failure, or the warnings of a successful poll whose items partly failed. */
  lastError?: string;
  lastErrorAt?: string;
  /** Failed polls in a row (0 after a success): the exponent of the backoff. */
  failures: number;
  nextPollAt: string;
  /** Until when a process holds the feed to poll it; absent or past: free. */
  leasedUntil?: string;
}

/** What the first fetch of a new feed learnt about it. */
export interface FeedCreateInput extends FeedSettings {
  title?: string | undefined;
  siteUrl?: string | undefined;
}

export interface FeedListQuery {
  /** 1..100 */
  limit: number;
  cursor?: string | undefined;
}

export interface FeedPage {
  /** Oldest subscription first. */
  items: Feed[];
  total: number;
  nextCursor?: string;
}

/** A conditional write of a feed's settings: the revision read, as for curated editions. */
export interface FeedCondition {
  revision: number;
}

export interface FeedPollSuccess {
  etag?: string | undefined;
  lastModified?: string | undefined;
  /** Absent: keep the stored one (a 304 carries no title). */
  title?: string | undefined;
  siteUrl?: string | undefined;
  nextPollAt: Date;
  /** Items that failed while the feed itself was read: kept as `lastError` beside the success. */
  warning?: string | undefined;
}

export interface FeedPollFailure {
  error: string;
  /** A server's Retry-After (429/503), in ms: the next poll is no earlier. */
  retryAfterMs?: number | undefined;
}

/** Exponential backoff after failed polls: base × 2^(failures − 1), at most `maxMs`. */
export interface FeedBackoff {
  baseMs: number;
  maxMs: number;
}

/** A feed item as recorded: which article it became, and the hash of the item it came from. */
export interface FeedItemRecord {
  feedId: string;
  itemKey: string;
  articleSlug: string;
  contentHash: string;
  firstSeenAt: string;
  updatedAt: string;
}

export type FeedItemStatus = 'new' | 'updated' | 'unchanged';

export interface FeedStore {
  /** Throws ConflictError (field `url`) when a feed with this URL exists, or the id is taken. */
  create(id: string, input: FeedCreateInput): Promise<Feed>;
  /**
   * Stores feeds copied from another store, settings and poll state as given (validators,
   * backoff, next poll), leases not: an absent id is created, one that differs is replaced
   * (its revision moves on, so ETags read before the copy go stale), an identical one is left
   * alone. One transaction; a ConflictError (field `url`) when another feed here has the URL.
   */
  restore(feeds: readonly Feed[]): Promise<RestoreCounts>;
  /** Every item the feed recorded, oldest first (copy-to-postgres reads them). */
  items(feedId: string): Promise<FeedItemRecord[]>;
  /**
   * Stores item records copied from another store, as given, by feed and item key (the feeds
   * must be stored first): absent created, different replaced, identical left alone. One
   * transaction.
   */
  restoreItems(items: readonly FeedItemRecord[]): Promise<RestoreCounts>;
  get(id: string): Promise<Feed | undefined>;
  findByUrl(url: string): Promise<Feed | undefined>;
  list(query: FeedListQuery): Promise<FeedPage>;
  /**
   * Replaces the settings (poll state kept; a changed URL forgets the validators and is due at
   * once). Undefined when there is no such feed; PreconditionFailedError when `condition` does not
   * hold; ConflictError (field `url`) when another feed has the new URL.
   */
  replace(id: string, settings: FeedSettings, condition?: FeedCondition): Promise<Feed | undefined>;
  /** False when there was nothing to delete; its items go with it (articles stay). */
  delete(id: string, condition?: FeedCondition): Promise<boolean>;
  /**
   * Takes up to `limit` feeds due (`nextPollAt <= now`) and not leased, and leases them for
   * `leaseMs`: no other process or replica gets them until the lease ends or a poll is recorded.
   */
  leaseDue(limit: number, leaseMs: number): Promise<Feed[]>;
  /** Leases this one feed (a refresh on demand), undefined when unknown or leased by another. */
  lease(id: string, leaseMs: number): Promise<Feed | undefined>;
  /** Records a successful poll (failures back to 0) and releases the lease. */
  recordSuccess(id: string, success: FeedPollSuccess): Promise<Feed | undefined>;
  /** Records a failed poll (failures + 1, next poll after the backoff) and releases the lease. */
  recordFailure(
    id: string,
    failure: FeedPollFailure,
    backoff: FeedBackoff,
  ): Promise<Feed | undefined>;
  /** Every feed's record of an item key (the same GUID in several feeds), oldest first. */
  findItems(itemKey: string): Promise<FeedItemRecord[]>;
  /**
   * Records that the feed's item became the article at `articleSlug`: `new` when the feed had
   * no such item, `updated` when its content hash changed, `unchanged` otherwise (nothing
   * written). An item already recorded keeps its article slug, which is returned.
   */
  upsertItem(
    feedId: string,
    item: { itemKey: string; contentHash: string; articleSlug: string },
  ): Promise<{ status: FeedItemStatus; articleSlug: string }>;
}

/** When a feed that failed `failures` times in a row (this one included) is polled again. */
export function nextPollAfterFailure(
  now: Date,
  failures: number,
  backoff: FeedBackoff,
  retryAfterMs?: number,
): Date {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const wait = Math.min(backoff.maxMs, backoff.baseMs * 2 ** exponent);
  return new Date(now.getTime() + Math.max(wait, retryAfterMs ?? 0));
}
