import type { Article } from '@broadsheet/model';
import pg from 'pg';
import { StoreUnavailableError, type Store } from '../types.js';
import { createPostgresArticleStore } from './article-store.js';
import { rows } from './db.js';
import { createPostgresDeliveryStore } from './delivery-store.js';
import { createPostgresEditionStore } from './edition-store.js';
import { createPostgresFeedStore } from './feed-store.js';
import { describeDatabaseError, UNAVAILABLE_RETRY_AFTER_S } from './errors.js';
import { createPostgresKeyStore } from './key-store.js';
import { createPostgresMediaStore } from './media-store.js';
import { createPostgresPublicationStore } from './publication-store.js';
import { migrate, SchemaTooNewError } from './migrations.js';
import { ChangeListener } from './change-listener.js';

export interface PostgresStoreOptions {
  /** Largest number of connections this process opens (BROADSHEET_DATABASE_POOL). */
  poolSize?: number;
  /** Statements running longer are cancelled by the server (a 503 for the request). */
  statementTimeoutMs?: number;
  /** How long opening a connection, or waiting for a free one, may take. */
  connectTimeoutMs?: number;
  /** Clock for created/modified stamps; injectable for tests. */
  now?: () => Date;
  /** Articles stored the first time the database is used (once, whichever replica starts first). */
  seed?: () => Article[];
  /** An idle connection failed (the server restarted, an administrator ended it); the pool replaces it. */
  onConnectionError?: (message: string) => void;
  /**
   * Listen for article writes made by other processes (default true), to drop their cached
   * rows as soon as they are written. Every cached read is validated against the database in
   * its own statement anyway, so a missed notification costs a re-read, never a stale answer.
   */
  listen?: boolean;
  /** The change listener lost its connection (it reconnects with backoff). */
  onListenerError?: (message: string) => void;
}

export interface PostgresStore extends Store {
  /**
   * The one hook through which writes made by other processes must arrive: forgets the cached
   * articles (all of them when `slugs` is undefined). Reads after it see the database's row.
   */
  invalidateArticles(slugs?: readonly string[]): void;
  /** The pool, for the health check and tests. */
  readonly pool: pg.Pool;
  /** The connection that hears other replicas' writes (undefined with `listen: false`). */
  readonly listener: ChangeListener | undefined;
}

const ignoreClientError = () => undefined;

/** True for a store `openPostgresStore` made (its pool can carry what replicas share). */
export function isPostgresStore(store: Store): store is PostgresStore {
  return 'pool' in store && store.pool instanceof pg.Pool;
}

/** The store cannot be opened; `message` is one sentence for the operator (exit 2). */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

/** Where the URL points, for messages: never the password. */
function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    const host = u.searchParams.get('host') ?? (u.hostname || 'the local socket');
    const db = decodeURIComponent(u.pathname.replace(/^\//, '')) || '(default database)';
    return `${host}${u.port ? `:${u.port}` : ''}/${db}`;
  } catch {
    return 'the configured database';
  }
}

/**
 * Connects to PostgreSQL at `url` (a libpq URL), migrates the schema under an advisory lock
 * (several replicas may start at once) and seeds a new database once.
 */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const now = options.now ?? (() => new Date());
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    // A transaction left open by a crashed request must not hold locks for long.
    idle_in_transaction_session_timeout: 60_000,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'broadsheet-api',
  });
  // An idle client whose connection dies (pg_terminate_backend, a restart) emits 'error' on the
  // pool, which removes it; without a listener that event would end the process.
  pool.on('error', (err) => options.onConnectionError?.(describeDatabaseError(err)));
  // The pool listens only to idle clients. A connection killed while checked out, or in the
  // instant a new one is handed over (its FATAL message in the same read as its ready), would
  // raise an 'error' event nobody hears, which ends the process: every client keeps a listener.
  // The query in flight still fails (a 503), and the broken client is discarded on release.
  pool.on('connect', (client) => client.on('error', ignoreClientError));

  // The text-search configurations the migrations made, read under the migration lock.
  const configs = new Set<string>();
  const articles = createPostgresArticleStore(pool, now, configs);
  try {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      throw new StoreOpenError(
        `cannot connect to the PostgreSQL database at ${describeTarget(url)}: ${describeDatabaseError(err)}`,
      );
    }
    try {
      // Waiting for another replica's migration, or running a long one, is not a slow request.
      await client.query('SET statement_timeout = 0');
      await migrate(client, async (db) => {
        const found = await rows<{ name: string }>(
          db,
          "SELECT cfgname::text AS name FROM pg_ts_config WHERE cfgname::text LIKE 'broadsheet\\_%'",
        );
        for (const { name } of found) configs.add(name);
        if (options.seed) await seedOnce(db, (c, a) => articles.insert(c, a), options.seed, now);
      });
    } catch (err) {
      if (err instanceof SchemaTooNewError) throw new StoreOpenError(err.message);
      throw new StoreOpenError(
        `cannot prepare the PostgreSQL database at ${describeTarget(url)}: ${describeDatabaseError(err)}`,
      );
    } finally {
      // Discarded, not pooled: whatever happened, no session keeps the advisory lock.
      client.release(true);
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }

  // Until the listener hears other replicas' writes, nothing is cached; every (re)connection
  // starts from an empty cache, since notifications sent while nobody listened are lost.
  let listener: ChangeListener | undefined;
  if (options.listen ?? true) {
    articles.setCacheEnabled(false);
    listener = new ChangeListener({
      url,
      connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
      onChange: (slugs) => articles.invalidate(slugs),
      onListening: (listening) => articles.setCacheEnabled(listening),
      ...(options.onListenerError && { onError: options.onListenerError }),
    });
    await listener.start();
  }

  const editions = createPostgresEditionStore(pool, now);
  const keys = createPostgresKeyStore(pool, now);
  const media = createPostgresMediaStore(pool, now);
  const deliveries = createPostgresDeliveryStore(pool, now);
  const publications = createPostgresPublicationStore(pool, now);
  const feeds = createPostgresFeedStore(pool, now);
  let closed: Promise<void> | undefined;
  const store: PostgresStore = {
    articles,
    editions,
    keys,
    media,
    deliveries,
    publications,
    feeds,
    pool,
    listener,
    invalidateArticles: (slugs) => articles.invalidate(slugs),
    revision: async () => {
      const [row] = await rows<{ revision: string; changed_at: Date }>(
        pool,
        'SELECT revision, changed_at FROM broadsheet_revision',
      );
      return row
        ? { revision: Number(row.revision), changedAt: row.changed_at.toISOString() }
        : { revision: 0, changedAt: new Date(0).toISOString() };
    },
    ping: (timeoutMs) => ping(pool, timeoutMs),
    close: () =>
      (closed ??= (async () => {
        await listener?.stop();
        await pool.end();
      })()),
  };
  return store;
}

/** `SELECT 1` on a pooled connection, given up after `timeoutMs` (waiting for a connection included). */
async function ping(pool: pg.Pool, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const answered = rows(pool, 'SELECT 1');
  // Still settles after a timeout: its failure must not go unhandled.
  answered.catch(() => undefined);
  try {
    await Promise.race([
      answered,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new StoreUnavailableError(
                `the database did not answer within ${timeoutMs} ms`,
                UNAVAILABLE_RETRY_AFTER_S,
              ),
            ),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function seedOnce(
  db: pg.PoolClient,
  insert: (db: pg.PoolClient, article: Article) => Promise<unknown>,
  seed: () => Article[],
  now: () => Date,
): Promise<void> {
  await db.query('BEGIN');
  try {
    const seeded = await rows(db, "SELECT 1 FROM broadsheet_meta WHERE key = 'seeded'");
    if (seeded.length === 0) {
      // One transaction: the seed is stored together with the mark that says it was.
      for (const article of seed()) await insert(db, article);
      await db.query("INSERT INTO broadsheet_meta (key, value) VALUES ('seeded', $1)", [
        now().toISOString(),
      ]);
    }
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
