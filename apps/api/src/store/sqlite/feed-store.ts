import type { Database } from 'better-sqlite3';
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
import {
  nextPollAfterFailure,
  type Feed,
  type FeedCondition,
  type FeedCreateInput,
  type FeedItemRecord,
  type FeedStore,
} from '../feed-types.js';
import { restoreEach, sameRow } from '../restore-each.js';
import { ConflictError, PreconditionFailedError, type RestoreCounts } from '../types.js';
import { rowCopy } from './row-copy.js';

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

function checkFeed(id: string, existing: FeedRow | undefined, condition?: FeedCondition): void {
  if (condition === undefined || existing === undefined) return;
  if (existing.revision !== condition.revision)
    throw new PreconditionFailedError(
      `the feed "${id}" has changed (its ETag is not the one given)`,
      true,
    );
}

/**
 * Feeds in the embedded database. Leases are taken in IMMEDIATE transactions (the write lock
 * first), so two processes on one file cannot both take a feed.
 */
export function createSqliteFeedStore(db: Database, now: () => Date): FeedStore {
  const byId = db.prepare<[string], FeedRow>('SELECT * FROM feeds WHERE id = ?');
  const byUrl = db.prepare<[string], FeedRow>('SELECT * FROM feeds WHERE url = ?');
  const insert = db.prepare(
    `INSERT INTO feeds (id, url, section, full_text, max_items, title, site_url, created_at,
       updated_at, revision, failures, next_poll_at)
     VALUES (@id, @url, @section, @full_text, @max_items, @title, @site_url, @stamp, @stamp, 1, 0,
       @stamp)`,
  );
  const page = db.prepare<[string, string, string, number], FeedRow>(
    `SELECT * FROM feeds WHERE (created_at, id) > (?, ?) OR ? = ''
     ORDER BY created_at, id LIMIT ?`,
  );
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM feeds');
  const remove = db.prepare<[string]>('DELETE FROM feeds WHERE id = ?');
  const due = db.prepare<[string, string, number], FeedRow>(
    `SELECT * FROM feeds WHERE next_poll_at <= ? AND (leased_until IS NULL OR leased_until <= ?)
     ORDER BY next_poll_at, id LIMIT ?`,
  );
  const setLease = db.prepare<[string, string]>('UPDATE feeds SET leased_until = ? WHERE id = ?');
  const itemsByKey = db.prepare<[string], FeedItemRow>(
    'SELECT * FROM feed_items WHERE item_key = ? ORDER BY first_seen_at, feed_id',
  );
  const item = db.prepare<[string, string], FeedItemRow>(
    'SELECT * FROM feed_items WHERE feed_id = ? AND item_key = ?',
  );

  const createTx = db.transaction((id: string, input: FeedCreateInput) => {
    if (byUrl.get(input.url))
      throw new ConflictError(`a feed with url ${JSON.stringify(input.url)} exists`, 'url');
    try {
      insert.run({
        id,
        url: input.url,
        section: input.section ?? null,
        full_text: input.fullText,
        max_items: input.maxItems ?? null,
        title: input.title ?? null,
        site_url: input.siteUrl ?? null,
        // Due at once: the first poll ingests the items.
        stamp: now().toISOString(),
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`a feed with id "${id}" exists`, 'id');
      throw err;
    }
    return toFeed(byId.get(id) as FeedRow);
  });

  const replaceTx = db.transaction(
    (id: string, settings: FeedCreateInput, condition?: FeedCondition) => {
      const existing = byId.get(id);
      checkFeed(id, existing, condition);
      if (!existing) return undefined;
      const other = byUrl.get(settings.url);
      if (other && other.id !== id)
        throw new ConflictError(`a feed with url ${JSON.stringify(settings.url)} exists`, 'url');
      const stamp = now().toISOString();
      const moved = existing.url !== settings.url;
      db.prepare(
        `UPDATE feeds SET url = @url, section = @section, full_text = @full_text,
           max_items = @max_items, updated_at = @stamp, revision = revision + 1
           ${moved ? ', etag = NULL, last_modified = NULL, next_poll_at = @stamp' : ''}
         WHERE id = @id`,
      ).run({
        id,
        url: settings.url,
        section: settings.section ?? null,
        full_text: settings.fullText,
        max_items: settings.maxItems ?? null,
        stamp,
      });
      return toFeed(byId.get(id) as FeedRow);
    },
  );

  const deleteTx = db.transaction((id: string, condition?: FeedCondition) => {
    const existing = byId.get(id);
    checkFeed(id, existing, condition);
    return existing ? remove.run(id).changes > 0 : false;
  });

  const leaseDueTx = db.transaction((limit: number, leaseMs: number) => {
    const at = now();
    const stamp = at.toISOString();
    const until = new Date(at.getTime() + leaseMs).toISOString();
    return due.all(stamp, stamp, limit).map((row) => {
      setLease.run(until, row.id);
      return toFeed({ ...row, leased_until: until });
    });
  });

  const leaseTx = db.transaction((id: string, leaseMs: number) => {
    const at = now();
    const row = byId.get(id);
    if (!row || (row.leased_until !== null && row.leased_until > at.toISOString()))
      return undefined;
    const until = new Date(at.getTime() + leaseMs).toISOString();
    setLease.run(until, id);
    return toFeed({ ...row, leased_until: until });
  });

  const successTx = db.transaction((id: string, s: Parameters<FeedStore['recordSuccess']>[1]) => {
    const stamp = now().toISOString();
    const changes = db
      .prepare(
        `UPDATE feeds SET etag = @etag, last_modified = @last_modified,
           title = coalesce(@title, title), site_url = coalesce(@site_url, site_url),
           last_success_at = @stamp, failures = 0, next_poll_at = @next, leased_until = NULL,
           last_error = @warning, last_error_at = CASE WHEN @warning IS NULL THEN NULL ELSE @stamp END
         WHERE id = @id`,
      )
      .run({
        id,
        etag: s.etag ?? null,
        last_modified: s.lastModified ?? null,
        title: s.title ?? null,
        site_url: s.siteUrl ?? null,
        stamp,
        next: s.nextPollAt.toISOString(),
        warning: s.warning === undefined ? null : clipError(s.warning),
      }).changes;
    return changes > 0 ? toFeed(byId.get(id) as FeedRow) : undefined;
  });

  const failureTx = db.transaction(
    (
      id: string,
      f: Parameters<FeedStore['recordFailure']>[1],
      backoff: Parameters<FeedStore['recordFailure']>[2],
    ) => {
      const row = byId.get(id);
      if (!row) return undefined;
      const at = now();
      const failures = row.failures + 1;
      const next = nextPollAfterFailure(at, failures, backoff, f.retryAfterMs);
      db.prepare(
        `UPDATE feeds SET last_error = ?, last_error_at = ?, failures = ?, next_poll_at = ?,
           leased_until = NULL WHERE id = ?`,
      ).run(clipError(f.error), at.toISOString(), failures, next.toISOString(), id);
      return toFeed(byId.get(id) as FeedRow);
    },
  );

  const upsertItemTx = db.transaction(
    (feedId: string, it: { itemKey: string; contentHash: string; articleSlug: string }) => {
      const existing = item.get(feedId, it.itemKey);
      const status = itemStatus(existing, it.contentHash);
      const stamp = now().toISOString();
      if (status === 'new') {
        db.prepare(
          `INSERT INTO feed_items (feed_id, item_key, article_slug, content_hash, first_seen_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(feedId, it.itemKey, it.articleSlug, it.contentHash, stamp, stamp);
      } else if (status === 'updated') {
        db.prepare(
          'UPDATE feed_items SET content_hash = ?, updated_at = ? WHERE feed_id = ? AND item_key = ?',
        ).run(it.contentHash, stamp, feedId, it.itemKey);
      }
      return { status, articleSlug: existing?.article_slug ?? it.articleSlug };
    },
  );

  const insertCopy = db.prepare(
    `INSERT INTO feeds (${FEED_COLUMNS.join(', ')})
     VALUES (${FEED_COLUMNS.map((c) => `@${c}`).join(', ')})`,
  );
  const replaceCopy = db.prepare(
    `UPDATE feeds SET ${FEED_COLUMNS.filter((c) => c !== 'id' && c !== 'leased_until')
      .map((c) => `${c} = @${c}`)
      .join(', ')} WHERE id = @id`,
  );
  const restoreTx = db.transaction((feeds: readonly Feed[]): RestoreCounts =>
    restoreEach(feeds.map(copiedFeedRow), {
      existing: (row) => {
        const other = byUrl.get(row.url);
        if (other && other.id !== row.id)
          throw new ConflictError(
            `the feed "${other.id}" already has the url ${JSON.stringify(row.url)}`,
            'url',
          );
        return byId.get(row.id);
      },
      same: sameCopiedFeed,
      write: (row, existing) =>
        existing
          ? replaceCopy.run({ ...row, revision: existing.revision + 1 })
          : insertCopy.run(row),
    }),
  );
  const itemsOf = db.prepare<[string], FeedItemRow>(
    'SELECT * FROM feed_items WHERE feed_id = ? ORDER BY first_seen_at, item_key',
  );
  const itemCopy = rowCopy<FeedItemRow>(
    db,
    'feed_items',
    ['feed_id', 'item_key'],
    FEED_ITEM_COLUMNS,
  );
  const restoreItemsTx = db.transaction((items: readonly FeedItemRecord[]): RestoreCounts =>
    restoreEach(items.map(toFeedItemRow), { ...itemCopy, same: sameRow }),
  );

  const run = <T>(work: () => T): Promise<T> => Promise.resolve().then(work);
  return {
    create: (id, input) => run(() => createTx(id, input)),
    restore: (feeds) => run(() => restoreTx(feeds)),
    items: (feedId) => run(() => itemsOf.all(feedId).map(toFeedItem)),
    restoreItems: (items) => run(() => restoreItemsTx(items)),
    get: (id) =>
      run(() => {
        const row = byId.get(id);
        return row ? toFeed(row) : undefined;
      }),
    findByUrl: (url) =>
      run(() => {
        const row = byUrl.get(url);
        return row ? toFeed(row) : undefined;
      }),
    list: (query) =>
      run(() => {
        const [createdAt, id] =
          query.cursor === undefined ? ['', ''] : decodeFeedCursor(query.cursor);
        const rows = page.all(
          createdAt,
          id,
          query.cursor === undefined ? '' : 'x',
          query.limit + 1,
        );
        const items = rows.slice(0, query.limit).map(toFeed);
        const last = items.at(-1);
        const total = count.get()?.n ?? 0;
        return rows.length > query.limit && last
          ? { items, total, nextCursor: encodeFeedCursor(last) }
          : { items, total };
      }),
    replace: (id, settings, condition) => run(() => replaceTx(id, settings, condition)),
    delete: (id, condition) => run(() => deleteTx(id, condition)),
    leaseDue: (limit, leaseMs) => run(() => leaseDueTx.immediate(limit, leaseMs)),
    lease: (id, leaseMs) => run(() => leaseTx.immediate(id, leaseMs)),
    recordSuccess: (id, success) => run(() => successTx(id, success)),
    recordFailure: (id, failure, backoff) => run(() => failureTx(id, failure, backoff)),
    findItems: (itemKey) => run(() => itemsByKey.all(itemKey).map(toFeedItem)),
    upsertItem: (feedId, it) => run(() => upsertItemTx(feedId, it)),
  };
}
