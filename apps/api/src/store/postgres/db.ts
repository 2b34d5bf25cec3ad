import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { toStoreError } from './errors.js';

/** A pool or one checked-out client: what runs a statement. */
export type Queryable = Pool | PoolClient;

/** Runs one statement, reporting a lost or refusing database as StoreUnavailableError (503). */
export async function rows<R extends QueryResultRow>(
  db: Queryable,
  sql: string,
  params: readonly unknown[] = [],
): Promise<R[]> {
  try {
    return (await db.query<R>(sql, params as unknown[])).rows;
  } catch (err) {
    throw toStoreError(err);
  }
}
