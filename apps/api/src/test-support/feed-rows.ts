import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import type { TestServer } from './server.js';

/**
 * Where a test's store keeps its data: an SQLite file or a PostgreSQL URL. Until the feeds
 * API lands, tests put feeds and their items there directly, as the poller will.
 */
export type DatabaseTarget = { sqlite: string } | { postgres: string };

/** The database a test server's store uses. */
export function serverDatabase(server: TestServer): DatabaseTarget {
  return server.database
    ? { postgres: server.database.url }
    : { sqlite: join(server.dataDir, 'broadsheet.db') };
}

async function exec(target: DatabaseTarget, sql: string, params: unknown[]): Promise<void> {
  if ('sqlite' in target) {
    const db = new Database(target.sqlite);
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: target.postgres });
  await client.connect();
  try {
    let n = 0;
    await client.query(
      sql.replace(/\?/g, () => `$${++n}`),
      params,
    );
  } finally {
    await client.end();
  }
}

/** A feed row with the least a poller would write. */
export function insertFeed(target: DatabaseTarget, id: string): Promise<void> {
  const stamp = '2020-01-01T00:00:00.000Z';
  return exec(
    target,
    `INSERT INTO feeds (id, url, full_text, created_at, updated_at, next_poll_at)
     VALUES (?, ?, 'auto', ?, ?, ?)`,
    [id, `http://127.0.0.1/${id}.xml`, stamp, stamp, stamp],
  );
}

/** A feed item that became the article `articleSlug`, first seen at `firstSeenAt`. */
export function insertFeedItem(
  target: DatabaseTarget,
  item: { feedId: string; itemKey: string; articleSlug: string; firstSeenAt: string },
): Promise<void> {
  return exec(
    target,
    `INSERT INTO feed_items (feed_id, item_key, article_slug, content_hash, first_seen_at, updated_at)
     VALUES (?, ?, ?, 'hash', ?, ?)`,
    [item.feedId, item.itemKey, item.articleSlug, item.firstSeenAt, item.firstSeenAt],
  );
}
