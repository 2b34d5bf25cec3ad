import pg, { type PoolClient, type QueryResultRow } from 'pg';
import { StoreUnavailableError } from '../types.js';
import {
  describeDatabaseError,
  isUnavailableError,
  toStoreError,
  UNAVAILABLE_RETRY_AFTER_S,
} from './errors.js';

/** A pool or one checked-out client (inside a transaction): what runs a statement. */
export type Queryable = pg.Pool | PoolClient;

/** A client of the pool, or StoreUnavailableError when no connection can be had. */
async function connect(pool: pg.Pool): Promise<PoolClient> {
  try {
    return await pool.connect();
  } catch (err) {
    throw new StoreUnavailableError(
      `the database is not answering right now (${describeDatabaseError(err)}); try again shortly`,
      UNAVAILABLE_RETRY_AFTER_S,
      { cause: err },
    );
  }
}

/**
 * Runs one statement. Not getting a connection at all (refused, database gone, no connections
 * allowed, pool exhausted) and losing it are StoreUnavailableError (503); a connection is
 * thrown away only then, not on an ordinary SQL error such as a unique violation.
 */
export async function rows<R extends QueryResultRow>(
  db: Queryable,
  sql: string,
  params: readonly unknown[] = [],
): Promise<R[]> {
  if (!(db instanceof pg.Pool)) {
    try {
      return (await db.query<R>(sql, params as unknown[])).rows;
    } catch (err) {
      throw toStoreError(err);
    }
  }
  const client = await connect(db);
  // (Every client of the store's pool has an 'error' listener: see openPostgresStore.)
  let broken: Error | undefined;
  try {
    return (await client.query<R>(sql, params as unknown[])).rows;
  } catch (err) {
    if (isUnavailableError(err)) broken = err instanceof Error ? err : new Error(String(err));
    throw toStoreError(err);
  } finally {
    client.release(broken);
  }
}

/**
 * Runs `work` in one transaction on a client of its own: committed when it resolves, rolled
 * back when it throws. A client whose connection failed is discarded, not pooled.
 */
export async function transaction<T>(
  pool: pg.Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await connect(pool);
  let broken: Error | undefined;
  try {
    await rows(client, 'BEGIN');
    const result = await work(client);
    await rows(client, 'COMMIT');
    return result;
  } catch (err) {
    if (err instanceof StoreUnavailableError || isUnavailableError(err))
      broken = err instanceof Error ? err : new Error(String(err));
    else await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release(broken);
  }
}
