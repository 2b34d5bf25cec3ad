import type { Pool } from 'pg';
import {
  clipError,
  copiedFeedRow,
  decodeFeedCursor,
  encodeFeedCursor,
  FEED_COLUMNS,
  FEED_ITEM_COLUMNS,
  itemStatus,
  sameCopiedFeed,
  toFeed,
  toFeedItem,
  toFeedItemRow,
  type FeedItemRow,
  type FeedRow,
} from '../feed-row.js';
import { nextPollAfterFailure, type FeedCondition, type FeedStore } from '../feed-types.js';
import { restoreEachAsync, sameRow } from '../restore-each.js';
import { ConflictError, PreconditionFailedError } from '../types.js';
import { rows, transaction } from './db.js';
import { rowCopy } from './row-copy.js';

function isUniqueViolation(err: unknown): { constraint?: string } | undefined {
  const e = err as { code?: unknown; constraint?: unknown } | null;
  if (e?.code !== '23505') return undefined;
  return typeof e.constraint === 'string' ? { constraint: e.constraint } : {};
}

function conflict(err: unknown, id: string, url: string): unknown {
  const unique = isUniqueViolation(err);
  if (unique === undefined) return err;
  return unique.constraint === 'feeds_pkey'
    ? new ConflictError(`a feed with id "${id}" exists`, 'id')
    : new ConflictError(`a feed with url ${JSON.stringify(url)} exists`, 'url');
}

/**
 * Feeds in PostgreSQL, shared by every replica. Due feeds are leased with
 * `FOR UPDATE SKIP LOCKED` in the statement that sets the lease, so replicas polling at the
 * same moment each get different feeds and never wait for one another.
 */
export function createPostgresFeedStore(pool: Pool, now: () => Date): FeedStore {
  const one = async (sql: string, params: unknown[]) =>
    (await rows<FeedRow>(pool, sql, params)).map(toFeed)[0];

  /** Why a conditional write touched nothing: gone (undefined) or another revision. */
  async function unmet(id: string, condition: FeedCondition | undefined): Promise<void> {
    if (condition === undefined) return;
    const [row] = await rows<{ revision: number }>(
      pool,
      'SELECT revision FROM feeds WHERE id = $1',
      [id],
    );
    if (row && row.revision !== condition.revision)
      throw new PreconditionFailedError(
        `the feed "${id}" has changed (its ETag is not the one given)`,
        true,
      );
  }

  return {
    async create(id, input: Parameters<FeedStore['create']>[1]) {
      try {
        const feed = await one(
          `INSERT INTO feeds (id, url, section, full_text, max_items, title, site_url, created_at,
             updated_at, revision, failures, next_poll_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, 1, 0, $8) RETURNING *`,
          [
            id,
            input.url,
            input.section ?? null,
            input.fullText,
            input.maxItems ?? null,
            input.title ?? null,
            input.siteUrl ?? null,
            now().toISOString(),
          ],
        );
        if (!feed) throw new Error('insert returned no row');
        return feed;
      } catch (err) {
        throw conflict(err, id, input.url);
      }
    },
    get: (id) => one('SELECT * FROM feeds WHERE id = $1', [id]),
    findByUrl: (url) => one('SELECT * FROM feeds WHERE url = $1', [url]),
    async list(query) {
      const after = query.cursor === undefined ? undefined : decodeFeedCursor(query.cursor);
      const found = await rows<FeedRow>(
        pool,
        after
          ? `SELECT * FROM feeds WHERE (created_at, id) > ($2, $3) ORDER BY created_at, id LIMIT $1`
          : 'SELECT * FROM feeds ORDER BY created_at, id LIMIT $1',
        after ? [query.limit + 1, after[0], after[1]] : [query.limit + 1],
      );
      const [counted] = await rows<{ n: number }>(pool, 'SELECT count(*)::int AS n FROM feeds');
      const items = found.slice(0, query.limit).map(toFeed);
      const last = items.at(-1);
      const total = counted?.n ?? 0;
      return found.length > query.limit && last
        ? { items, total, nextCursor: encodeFeedCursor(last) }
        : { items, total };
    },
    async replace(id, settings, condition) {
      const stamp = now().toISOString();
      try {
        // A new URL is another feed: its validators are forgotten and it is due at once.
        const feed = await one(
          `UPDATE feeds SET url = $2, section = $3, full_text = $4, max_items = $5,
             updated_at = $6, revision = revision + 1,
             etag = CASE WHEN url = $2 THEN etag END,
             last_modified = CASE WHEN url = $2 THEN last_modified END,
             next_poll_at = CASE WHEN url = $2 THEN next_poll_at ELSE $6 END
           WHERE id = $1 AND ($7::int IS NULL OR revision = $7) RETURNING *`,
          [
            id,
            settings.url,
            settings.section ?? null,
            settings.fullText,
            settings.maxItems ?? null,
            stamp,
            condition?.revision ?? null,
          ],
        );
        if (feed === undefined) await unmet(id, condition);
        return feed;
      } catch (err) {
        throw conflict(err, id, settings.url);
      }
    },
    async delete(id, condition) {
      const deleted = await rows(
        pool,
        'DELETE FROM feeds WHERE id = $1 AND ($2::int IS NULL OR revision = $2) RETURNING id',
        [id, condition?.revision ?? null],
      );
      if (deleted.length === 0) await unmet(id, condition);
      return deleted.length > 0;
    },
    async leaseDue(limit, leaseMs) {
      const at = now();
      const found = await rows<FeedRow>(
        pool,
        `UPDATE feeds SET leased_until = $2
         WHERE id IN (
           SELECT id FROM feeds
           WHERE next_poll_at <= $1 AND (leased_until IS NULL OR leased_until <= $1)
           ORDER BY next_poll_at, id LIMIT $3
           FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [at.toISOString(), new Date(at.getTime() + leaseMs).toISOString(), limit],
      );
      return found
        .map(toFeed)
        .sort((a, b) =>
          a.nextPollAt === b.nextPollAt
            ? a.id < b.id
              ? -1
              : 1
            : a.nextPollAt < b.nextPollAt
              ? -1
              : 1,
        );
    },
    lease(id, leaseMs) {
      const at = now();
      return one(
        `UPDATE feeds SET leased_until = $3
         WHERE id = $1 AND (leased_until IS NULL OR leased_until <= $2) RETURNING *`,
        [id, at.toISOString(), new Date(at.getTime() + leaseMs).toISOString()],
      );
    },
    recordSuccess(id, s) {
      const stamp = now().toISOString();
      const warning = s.warning === undefined ? null : clipError(s.warning);
      return one(
        `UPDATE feeds SET etag = $2, last_modified = $3, title = coalesce($4, title),
           site_url = coalesce($5, site_url), last_success_at = $6, failures = 0,
           next_poll_at = $7, leased_until = NULL, last_error = $8::text,
           last_error_at = CASE WHEN $8::text IS NULL THEN NULL ELSE $6 END
         WHERE id = $1 RETURNING *`,
        [
          id,
          s.etag ?? null,
          s.lastModified ?? null,
          s.title ?? null,
          s.siteUrl ?? null,
          stamp,
          s.nextPollAt.toISOString(),
          warning,
        ],
      );
    },
    recordFailure(id, f, backoff) {
      return transaction(pool, async (db) => {
        const [row] = await rows<{ failures: number }>(
          db,
          'SELECT failures FROM feeds WHERE id = $1 FOR UPDATE',
          [id],
        );
        if (!row) return undefined;
        const at = now();
        const failures = row.failures + 1;
        const next = nextPollAfterFailure(at, failures, backoff, f.retryAfterMs);
        const [updated] = await rows<FeedRow>(
          db,
          `UPDATE feeds SET last_error = $2, last_error_at = $3, failures = $4, next_poll_at = $5,
             leased_until = NULL WHERE id = $1 RETURNING *`,
          [id, clipError(f.error), at.toISOString(), failures, next.toISOString()],
        );
        return updated && toFeed(updated);
      });
    },
    restore(feeds) {
      const values = FEED_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
      // A replacement keeps the lease a process here may hold; `id` comes first, as $1.
      const replacing = FEED_COLUMNS.filter((c) => c !== 'leased_until');
      const sets = replacing.flatMap((c, i) => (c === 'id' ? [] : [`${c} = $${i + 1}`])).join(', ');
      return transaction(pool, (db) =>
        restoreEachAsync(feeds.map(copiedFeedRow), {
          async existing(row) {
            const [other] = await rows<{ id: string }>(db, 'SELECT id FROM feeds WHERE url = $1', [
              row.url,
            ]);
            if (other && other.id !== row.id)
              throw new ConflictError(
                `the feed "${other.id}" already has the url ${JSON.stringify(row.url)}`,
                'url',
              );
            const [existing] = await rows<FeedRow>(
              db,
              'SELECT * FROM feeds WHERE id = $1 FOR UPDATE',
              [row.id],
            );
            return existing;
          },
          same: sameCopiedFeed,
          async write(row, existing) {
            if (!existing)
              await rows(
                db,
                `INSERT INTO feeds (${FEED_COLUMNS.join(', ')}) VALUES (${values})`,
                FEED_COLUMNS.map((c) => row[c]),
              );
            else {
              const replaced = { ...row, revision: existing.revision + 1 };
              await rows(
                db,
                `UPDATE feeds SET ${sets} WHERE id = $1`,
                replacing.map((c) => replaced[c]),
              );
            }
          },
        }),
      );
    },
    async items(feedId) {
      return (
        await rows<FeedItemRow>(
          pool,
          'SELECT * FROM feed_items WHERE feed_id = $1 ORDER BY first_seen_at, item_key',
          [feedId],
        )
      ).map(toFeedItem);
    },
    restoreItems(items) {
      return transaction(pool, (db) =>
        restoreEachAsync(items.map(toFeedItemRow), {
          ...rowCopy<FeedItemRow>(db, 'feed_items', ['feed_id', 'item_key'], FEED_ITEM_COLUMNS),
          same: sameRow,
        }),
      );
    },
    async findItems(itemKey) {
      return (
        await rows<FeedItemRow>(
          pool,
          'SELECT * FROM feed_items WHERE item_key = $1 ORDER BY first_seen_at, feed_id',
          [itemKey],
        )
      ).map(toFeedItem);
    },
    upsertItem(feedId, it) {
      return transaction(pool, async (db) => {
        const stamp = now().toISOString();
        // Inserted unless there: a concurrent poll of the same feed cannot record it twice.
        const inserted = await rows(
          db,
          `INSERT INTO feed_items (feed_id, item_key, article_slug, content_hash, first_seen_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (feed_id, item_key) DO NOTHING
           RETURNING feed_id`,
          [feedId, it.itemKey, it.articleSlug, it.contentHash, stamp],
        );
        if (inserted.length > 0) return { status: 'new' as const, articleSlug: it.articleSlug };
        const [row] = await rows<FeedItemRow>(
          db,
          'SELECT * FROM feed_items WHERE feed_id = $1 AND item_key = $2 FOR UPDATE',
          [feedId, it.itemKey],
        );
        if (!row) throw new Error('feed item vanished inside its transaction');
        const status = itemStatus(row, it.contentHash);
        if (status === 'updated')
          await rows(
            db,
            'UPDATE feed_items SET content_hash = $3, updated_at = $4 WHERE feed_id = $1 AND item_key = $2',
            [feedId, it.itemKey, it.contentHash, stamp],
          );
        return { status, articleSlug: row.article_slug };
      });
    },
  };
}
