import { z } from 'zod';
import type { Feed, FeedItemRecord, FullTextSetting } from './feed-types.js';
import { InvalidCursorError } from './types.js';

/** A `feeds` row as both backends read it (times are ISO 8601 text in both). */
export interface FeedRow {
  id: string;
  url: string;
  section: string | null;
  full_text: string;
  max_items: number | null;
  title: string | null;
  site_url: string | null;
  etag: string | null;
  last_modified: string | null;
  created_at: string;
  updated_at: string;
  revision: number;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  failures: number;
  next_poll_at: string;
  leased_until: string | null;
}

export interface FeedItemRow {
  feed_id: string;
  item_key: string;
  article_slug: string;
  content_hash: string;
  first_seen_at: string;
  updated_at: string;
}

export function toFeed(row: FeedRow): Feed {
  const feed: Feed = {
    id: row.id,
    url: row.url,
    fullText: row.full_text as FullTextSetting,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revision: row.revision,
    failures: row.failures,
    nextPollAt: row.next_poll_at,
  };
  if (row.section !== null) feed.section = row.section;
  if (row.max_items !== null) feed.maxItems = row.max_items;
  if (row.title !== null) feed.title = row.title;
  if (row.site_url !== null) feed.siteUrl = row.site_url;
  if (row.etag !== null) feed.etag = row.etag;
  if (row.last_modified !== null) feed.lastModified = row.last_modified;
  if (row.last_success_at !== null) feed.lastSuccessAt = row.last_success_at;
  if (row.last_error !== null) feed.lastError = row.last_error;
  if (row.last_error_at !== null) feed.lastErrorAt = row.last_error_at;
  if (row.leased_until !== null) feed.leasedUntil = row.leased_until;
  return feed;
}

/** Every column of a feeds row, in the order the copy writes them. */
export const FEED_COLUMNS = [
  'id',
  'url',
  'section',
  'full_text',
  'max_items',
  'title',
  'site_url',
  'etag',
  'last_modified',
  'created_at',
  'updated_at',
  'revision',
  'last_success_at',
  'last_error',
  'last_error_at',
  'failures',
  'next_poll_at',
  'leased_until',
] as const satisfies readonly (keyof FeedRow)[];

/**
 * The row a feed copied from another store is written as: every field as given but the lease,
 * which belonged to a process of the other store.
 */
export function copiedFeedRow(feed: Feed): FeedRow {
  return {
    id: feed.id,
    url: feed.url,
    section: feed.section ?? null,
    full_text: feed.fullText,
    max_items: feed.maxItems ?? null,
    title: feed.title ?? null,
    site_url: feed.siteUrl ?? null,
    etag: feed.etag ?? null,
    last_modified: feed.lastModified ?? null,
    created_at: feed.createdAt,
    updated_at: feed.updatedAt,
    revision: feed.revision,
    last_success_at: feed.lastSuccessAt ?? null,
    last_error: feed.lastError ?? null,
    last_error_at: feed.lastErrorAt ?? null,
    failures: feed.failures,
    next_poll_at: feed.nextPollAt,
    leased_until: null,
  };
}

/** Whether a copied row says what the stored one says (its revision and lease aside). */
export function sameCopiedFeed(stored: FeedRow, copied: FeedRow): boolean {
  return FEED_COLUMNS.every(
    (c) => c === 'revision' || c === 'leased_until' || stored[c] === copied[c],
  );
}

export function toFeedItem(row: FeedItemRow): FeedItemRecord {
  return {
    feedId: row.feed_id,
    itemKey: row.item_key,
    articleSlug: row.article_slug,
    contentHash: row.content_hash,
    firstSeenAt: row.first_seen_at,
    updatedAt: row.updated_at,
  };
}

export function toFeedItemRow(item: FeedItemRecord): FeedItemRow {
  return {
    feed_id: item.feedId,
    item_key: item.itemKey,
    article_slug: item.articleSlug,
    content_hash: item.contentHash,
    first_seen_at: item.firstSeenAt,
    updated_at: item.updatedAt,
  };
}

/** Every column of a feed_items row; the first two are its key. */
export const FEED_ITEM_COLUMNS = [
  'feed_id',
  'item_key',
  'article_slug',
  'content_hash',
  'first_seen_at',
  'updated_at',
] as const satisfies readonly (keyof FeedItemRow)[];

/** A stored error or warning is one readable paragraph, not a dump. */
export const MAX_FEED_ERROR_LENGTH = 2000;
export const clipError = (message: string): string =>
  message.length > MAX_FEED_ERROR_LENGTH
    ? `${message.slice(0, MAX_FEED_ERROR_LENGTH - 1)}…`
    : message;

/** Keyset position in the feed list (oldest subscription first): created_at, then id. */
const FeedCursor = z.tuple([z.string().max(40), z.string().max(100)]);

export function encodeFeedCursor(feed: Feed): string {
  return Buffer.from(JSON.stringify([feed.createdAt, feed.id]), 'utf8').toString('base64url');
}

export function decodeFeedCursor(cursor: string): [string, string] {
  const invalid = () =>
    new InvalidCursorError('cursor is not one this server issued; start again without it');
  if (cursor.length > 400 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  try {
    return FeedCursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw invalid();
  }
}

/** Items are new when the feed had none with this key, updated when their hash changed. */
export function itemStatus(
  existing: { content_hash: string } | undefined,
  contentHash: string,
): 'new' | 'updated' | 'unchanged' {
  if (existing === undefined) return 'new';
  return existing.content_hash === contentHash ? 'unchanged' : 'updated';
}
