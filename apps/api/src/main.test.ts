import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { createTestDatabase } from '@broadsheet/testing';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './store/sqlite/migrations.js';
import { describeWithPostgres } from './test-support/backends.js';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

describe('starting the server with a bad environment', () => {
  it.each([
    [{ PORT: 'http' }, /PORT must be a whole number from 0 to 65535 \(got "http"\)\./],
    [{ PORT: '99999' }, /PORT must be a whole number/],
    [{ BROADSHEET_BODY_LIMIT: 'huge' }, /BROADSHEET_BODY_LIMIT must be a size/],
    [
      { BROADSHEET_TRUST_PROXY: '10.0.0.0/40' },
      /BROADSHEET_TRUST_PROXY must be a hop count .* \(got "10\.0\.0\.0\/40"\)\./,
    ],
  ])('%o stops with a sentence and exit code 2, no stack trace', (env, message) => {
    expect(existsSync(main), 'build the API first (npx tsc -p tsconfig.build.json)').toBe(true);
    const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-main-'));
    try {
      const result = spawnSync(process.execPath, [main], {
        env: { ...process.env, BROADSHEET_DATA_DIR: dataDir, ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/**
 * Runs the built server to its exit (it should not get as far as listening); `prepare` may
 * leave files in the data directory first.
 */
function startAndExit(env: Record<string, string>, prepare?: (dataDir: string) => void) {
  expect(existsSync(main), 'build the API first (npx tsc -p tsconfig.build.json)').toBe(true);
  const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-main-'));
  try {
    prepare?.(dataDir);
    return spawnSync(process.execPath, [main], {
      env: { ...process.env, BROADSHEET_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('starting the server on an SQLite file it cannot use', () => {
  it.each([
    [
      'a database from a newer server',
      (dataDir: string) => {
        const db = new Database(join(dataDir, 'broadsheet.db'));
        db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
        db.close();
      },
      /^broadsheet-api: cannot start: .*broadsheet\.db: the database schema is version \d+, newer than this server understands \(\d+\); upgrade the server before starting it on this database\n$/,
    ],
    [
      'a file that is not a database',
      (dataDir: string) =>
        writeFileSync(join(dataDir, 'broadsheet.db'), 'not a database\n'.repeat(100)),
      /^broadsheet-api: cannot start: cannot use the SQLite database .*broadsheet\.db: file is not a database \(SQLITE_NOTADB\)\n$/,
    ],
  ])('%s: refuses with one sentence and exit code 2, no stack trace', (_name, prepare, message) => {
    const result = startAndExit({}, prepare);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('starting the server on a PostgreSQL it cannot use', () => {
  it.each([
    [
      'a malformed URL',
      'postgres://broadsheet:hunter2@db:port/x',
      /BROADSHEET_DATABASE_URL must be a PostgreSQL URL/,
    ],
    [
      'a unix socket directory with no server',
      'postgres:///broadsheet?host=/nonexistent/socket-dir',
      /^broadsheet-api: cannot start: cannot connect to the PostgreSQL database at \/nonexistent\/socket-dir\/broadsheet: .*ENOENT/,
    ],
    [
      'an unreachable database',
      'postgres://broadsheet:hunter2@127.0.0.1:1/broadsheet',
      /^broadsheet-api: cannot start: cannot connect to the PostgreSQL database at 127\.0\.0\.1:1\/broadsheet: .*ECONNREFUSED/,
    ],
  ])(
    '%s stops the start with one sentence and exit code 2, no password, no stack trace',
    (_name, url, message) => {
      const result = startAndExit({
        BROADSHEET_DATABASE_URL: url,
        BROADSHEET_API_TOKEN: 'replica-token-0123456789',
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/hunter2/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    },
  );
});

describe('the write token of a replica', () => {
  it('on PostgreSQL without BROADSHEET_API_TOKEN: one sentence, exit code 2, no token file written', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-main-'));
    try {
      const env = { ...process.env };
      delete env.BROADSHEET_API_TOKEN;
      const result = spawnSync(process.execPath, [main], {
        env: {
          ...env,
          BROADSHEET_DATA_DIR: dataDir,
          PORT: '0',
          // Never reached: the token is checked before the database is opened.
          BROADSHEET_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unused',
        },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(
        /^broadsheet-api: cannot start: BROADSHEET_API_TOKEN must be set when BROADSHEET_DATABASE_URL is/,
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dataDir, 'api-token'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describeWithPostgres('starting the server on PostgreSQL', () => {
  it('a database that does not exist on a running server: one sentence, exit code 2', () => {
    const result = startAndExit({
      BROADSHEET_DATABASE_URL: 'postgres://postgres:hunter2@127.0.0.1:5432/bs_no_such_database',
      BROADSHEET_API_TOKEN: 'replica-token-0123456789',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^broadsheet-api: cannot start: cannot connect to the PostgreSQL database at 127\.0\.0\.1:5432\/bs_no_such_database: database "bs_no_such_database" does not exist.*\n$/,
    );
    expect(result.stderr).not.toMatch(/hunter2/);
  });

  it('a database from a newer server: refuses with the reason and exit code 2', async () => {
    const database = await createTestDatabase();
    try {
      // What a newer server leaves: its schema version above anything this one knows.
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query(
        "CREATE TABLE broadsheet_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO broadsheet_migrations (version, name) VALUES (1000, 'from a newer server')",
      );
      await client.end();
      const result = startAndExit({
        BROADSHEET_DATABASE_URL: database.url,
        BROADSHEET_API_TOKEN: 'replica-token-0123456789',
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(
        /^broadsheet-api: cannot start: the database schema is version \d+, newer than this server understands \(\d+\); upgrade the server/,
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await database.drop();
    }
  });

  it('serves the seeded article from PostgreSQL, and /health says the database answers', async () => {
    const database = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-main-'));
    const child = spawn(process.execPath, [main], {
      env: {
        ...process.env,
        BROADSHEET_DATA_DIR: dataDir,
        BROADSHEET_DATABASE_URL: database.url,
        BROADSHEET_DATABASE_POOL: '3',
        BROADSHEET_API_TOKEN: 'replica-token-0123456789',
        PORT: '0',
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          const match = /"port":(\d+)/.exec(out);
          if (match?.[1]) resolve(Number(match[1]));
        });
        child.on('exit', (code) => reject(new Error(`server exited with ${String(code)}`)));
      });
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', database: 'ok', rendered: 0 });
      const list = (await (
        await fetch(`http://127.0.0.1:${port}/v1/articles?q=pakistan`)
      ).json()) as {
        items: unknown[];
      };
      expect(list.items).toHaveLength(1);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    }
  });
});
