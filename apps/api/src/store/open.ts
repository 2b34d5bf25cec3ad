import { join } from 'node:path';
import type { Article } from '@broadsheet/model';
import type { Logger } from 'pino';
import { openPostgresStore } from './postgres/index.js';
import { openSqliteStore } from './sqlite/index.js';
import type { Store } from './types.js';

export { StoreOpenError } from './postgres/index.js';

export interface StoreSettings {
  /** BROADSHEET_DATABASE_URL: PostgreSQL when set, else SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  poolSize: number;
  statementTimeoutMs: number;
  dataDir: string;
  logger: Logger;
  /** Articles a new database starts with. */
  seed: () => Article[];
}

/** The store the settings ask for; a PostgreSQL store that cannot be opened throws StoreOpenError. */
export async function openStore(settings: StoreSettings): Promise<Store> {
  const { logger } = settings;
  if (settings.databaseUrl === undefined) {
    return openSqliteStore(join(settings.dataDir, 'broadsheet.db'), {
      seed: settings.seed,
      // A read-only volume still serves reads; writes answer 503 until it is writable again.
      onReadOnly: (reason) => logger.warn({ dataDir: settings.dataDir }, reason),
    });
  }
  const store = await openPostgresStore(settings.databaseUrl, {
    poolSize: settings.poolSize,
    statementTimeoutMs: settings.statementTimeoutMs,
    seed: settings.seed,
    onConnectionError: (message) =>
      logger.warn({ err: message }, 'a database connection failed; the pool opens a new one'),
    onListenerError: (message) =>
      logger.warn(
        { err: message },
        "lost the connection that hears other replicas' writes; article cache off until it is back",
      ),
  });
  logger.info({ store: 'postgres', pool: settings.poolSize }, 'using the PostgreSQL store');
  return store;
}
