import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@broadsheet/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { describeEachBackend, type BackendName } from '../test-support/backends.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { runCreateKey } from './create-key-command.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function run(argv: string[], env: NodeJS.ProcessEnv) {
  let out = '';
  let err = '';
  const code = await runCreateKey(argv, env, {
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  return { code, out, err };
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-create-key-'));
  cleanup.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  return dir;
}

describeEachBackend(
  'create-key: an admin key without starting the server',
  (backend: BackendName) => {
    it('prints a key the server then accepts for writes and key management', async () => {
      const dataDir = tempDir();
      let database: TestDatabase | undefined;
      if (backend === 'postgres') {
        database = await createTestDatabase();
        const db = database;
        cleanup.push(() => db.drop());
      }
      const env = {
        BROADSHEET_DATA_DIR: dataDir,
        ...(database && { BROADSHEET_DATABASE_URL: database.url }),
      };
      const made = await run(['--name', 'Bootstrap ops'], env);
      expect(made.code).toBe(0);
      expect(made.err).toMatch(/created key [0-9a-f]{16} "Bootstrap ops" \(admin\)/);
      const key = made.out.trim();
      expect(key).toMatch(/^bsk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
      // The secret is printed once, to stdout only.
      expect(made.err).not.toContain(key.slice('bsk_'.length + 17));

      const server: TestServer = await startTestServer({
        store: backend,
        dataDir,
        ...(database && { databaseUrl: database.url }),
      });
      cleanup.push(() => server.close());
      const auth = { authorization: `Bearer ${key}` };
      const res = await fetch(`${server.url}/v1/articles`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(articleInput()),
      });
      expect(res.status).toBe(201);
      expect((await fetch(`${server.url}/v1/keys`, { headers: auth })).status).toBe(200);
    });
  },
);

describe('create-key: bad arguments exit 2 naming the argument', () => {
  it.each([
    [[], /--name/],
    [['--name', 'X', '--scopes', 'admin,articles:read'], /--scopes: unknown scope "articles:read"/],
    [['--name', 'X', '--colour', 'red'], /--colour/],
  ])('%j', async (argv, message) => {
    const result = await run(argv, { BROADSHEET_DATA_DIR: tempDir() });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.out).toBe('');
  });

  it('a bad setting exits 2 too', async () => {
    const result = await run(['--name', 'X'], {
      BROADSHEET_DATA_DIR: tempDir(),
      BROADSHEET_DATABASE_URL: 'mysql://nowhere/db',
    });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/BROADSHEET_DATABASE_URL/);
  });
});
