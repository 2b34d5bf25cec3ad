import { join } from 'node:path';
import type { Article } from '@broadsheet/model';
import type { Logger } from 'pino';
import { openPostgresStore, StoreOpenError } from './postgres/index.js';
import { openSqliteStore } from './sqlite/index.js';
import { SchemaTooNewError, type Store } from './types.js';

export { StoreOpenError };

/** SQLite and file-system failures an operator fixes on the data directory, not in code. */
const UNUSABLE_FILE_CODES = new Set([
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
  'SQLITE_CANTOPEN',
  'EACCES',
  'EPERM',
  'ENOTDIR',
  'EROFS',
]);

function openSqlite(file: string, settings: StoreSettings): Store {
  try {
    return openSqliteStore(file, {
      seed: settings.seed,
      // A read-only volume still serves reads; writes answer 503 until it is writable again.
      onReadOnly: (reason) => settings.logger.warn({ dataDir: settings.dataDir }, reason),
    });
  } catch (err) {
    if (err instanceof SchemaTooNewError) throw new StoreOpenError(`${file}: ${err.message}`);
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && UNUSABLE_FILE_CODES.has(code)) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new StoreOpenError(`cannot use the SQLite database ${file}: ${reason} (${code})`);
    }
    throw err;
  }
}

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

/**
 * The store the settings ask for. A database that cannot be used (unreachable, from a newer
 * server, not a database) throws StoreOpenError, whose message is one sentence (exit 2).
 */
export async function openStore(settings: StoreSettings): Promise<Store> {
  const { logger } = settings;
  if (settings.databaseUrl === undefined) {
    return openSqlite(join(settings.dataDir, 'broadsheet.db'), settings);
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
