import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL cluster tests use: 127.0.0.1:5432, user postgres, trust authentication (the
 * project's machines and CI; see shared/PITFALLS.md for starting it). Tests never connect
 * anywhere else; each run makes its own databases and drops them.
 */
export const TEST_POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export type PostgresStatus = { available: true } | { available: false; reason: string };

let probed: Promise<PostgresStatus> | undefined;

/** Whether the test cluster answers (asked once per process). */
export function probePostgres(): Promise<PostgresStatus> {
  probed ??= (async () => {
    const client = new pg.Client({
      connectionString: TEST_POSTGRES_ADMIN_URL,
      connectionTimeoutMillis: 3_000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return { available: true } as const;
    } catch (err) {
      return {
        available: false,
        reason: `PostgreSQL does not answer at 127.0.0.1:5432 as user postgres (${err instanceof Error ? err.message : String(err)})`,
      } as const;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return probed;
}

/** In CI (CI=true) a test cluster that does not answer is a failure, not a skip. */
export const postgresRequired = (): boolean =>
  process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TestDatabase {
  /** `CREATE DATABASE` name, `bs_test_<random hex>`. */
  name: string;
  /** Connection URL for the database (user postgres, 127.0.0.1:5432). */
  url: string;
  /** Drops the database, ending any connection still open to it (`WITH (FORCE)`). */
  drop(): Promise<void>;
}

/** A new, empty database with a random name, so parallel test files never share state. */
export async function createTestDatabase(prefix = 'bs_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  let dropped: Promise<void> | undefined;
  return {
    name,
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    drop: () =>
      (dropped ??= admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      })),
  };
}

/** Ends every connection to `database` except the caller's, as an administrator would. */
export async function terminateConnections(database: string): Promise<number> {
  return admin(async (c) => {
    const { rows } = await c.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
       WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [database],
    );
    return rows[0]?.n ?? 0;
  });
}
