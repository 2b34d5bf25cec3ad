import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { parseArticle } from '@broadsheet/model';
import { createTestDatabase, runProcess, type TestDatabase } from '@broadsheet/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { describeWithPostgres } from '../test-support/backends.js';
import { openPostgresStore } from './postgres/index.js';
import { openSqliteStore } from './sqlite/index.js';
import type { Store, StoredArticle } from './types.js';

/**
 * The backup and restore recipes of apps/api/README.md, followed for real: the same commands,
 * then a store opened on the restored copy must hold every article, edition and search result.
 */

const main = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const TOKEN = 'backup-test-token-0123456789';

const LANGUAGES = ['en', 'ru', 'fr', 'zh', 'es'];
const BODIES: Record<string, string> = {
  en: 'The harbour lights were lit again tonight.',
  ru: 'Реки вышли из берегов после оттепели.',
  fr: 'Les rivières ont débordé après le dégel.',
  zh: '港口的灯塔今晚重新点亮。',
  es: 'Los ríos se desbordaron tras el deshielo.',
};

function articleNumber(i: number, word = 'granary') {
  const language = LANGUAGES[i % LANGUAGES.length] ?? 'en';
  return parseArticle(
    articleInput({
      headline: `Story ${i} of the ${word}`,
      language,
      publishedAt: `2020-0${(i % 9) + 1}-0${(i % 9) + 1}T07:00:00Z`,
      tags: [`Tag ${i % 3}`],
      body: [{ type: 'paragraph', text: BODIES[language] ?? '' }],
    }),
  );
}

const QUERIES = ['granary', 'harbour', 'реки', 'rivières', '港口', 'deshielo', 'story'];

const view = (s: StoredArticle | undefined) =>
  s && {
    article: s.article,
    contentHash: s.contentHash,
    createdAt: s.createdAt,
    modifiedAt: s.modifiedAt,
  };

async function allSlugs(store: Store): Promise<string[]> {
  const slugs: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.articles.list({ limit: 100, ...(cursor !== undefined && { cursor }) });
    slugs.push(...page.items.map((i) => i.article.slug));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return slugs;
}

const searchSlugs = async (store: Store, q: string) =>
  (await store.articles.list({ q, limit: 100 })).items.map((i) => i.article.slug).sort();

/** The restored store holds exactly what the original held (same articles, editions, searches). */
async function expectSameContent(original: Store, restored: Store): Promise<void> {
  const slugs = await allSlugs(original);
  expect(await allSlugs(restored)).toEqual(slugs);
  for (const slug of slugs) {
    expect(view(await restored.articles.get(slug))).toEqual(
      view(await original.articles.get(slug)),
    );
  }
  expect(await restored.editions.list()).toEqual(await original.editions.list());
  expect(await restored.articles.days()).toEqual(await original.articles.days());
  for (const q of QUERIES) {
    const expected = await searchSlugs(original, q);
    expect(expected.length, `"${q}" finds something`).toBeGreaterThan(0);
    expect(await searchSlugs(restored, q)).toEqual(expected);
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-backup-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describeWithPostgres('PostgreSQL backup: pg_dump -Fc, pg_restore into a new database', () => {
  it('restores every article, edition and search result, and the restored database needs no migration', async () => {
    const source: TestDatabase = await createTestDatabase();
    cleanups.push(() => source.drop());
    const original = await openPostgresStore(source.url);
    cleanups.push(() => original.close());
    for (let i = 0; i < 15; i++) await original.articles.create(articleNumber(i));
    await original.editions.create('2020-01-01-morning', {
      title: 'Morning',
      date: '2020-01-01',
      language: 'en',
      slugs: ['story-1-of-the-granary', 'story-0-of-the-granary'],
    });

    // The README's recipe: pg_dump -Fc, createdb, pg_restore --no-owner -d.
    const dump = join(tempDir(), 'broadsheet.dump');
    const dumped = await runProcess('pg_dump', ['-Fc', '-f', dump, source.url]);
    expect(dumped.stderr).toBe('');
    expect(dumped.code).toBe(0);
    const target = await createTestDatabase();
    cleanups.push(() => target.drop());
    const restoredRun = await runProcess('pg_restore', ['--no-owner', '-d', target.url, dump]);
    expect(restoredRun.stderr).toBe('');
    expect(restoredRun.code).toBe(0);

    const restored = await openPostgresStore(target.url);
    cleanups.push(() => restored.close());
    await expectSameContent(original, restored);
    const migrations = async (store: typeof original) =>
      (
        await store.pool.query<{ version: number; applied_at: Date }>(
          'SELECT version, applied_at FROM broadsheet_migrations ORDER BY version',
        )
      ).rows;
    expect(await migrations(restored)).toEqual(await migrations(original));
    // And the restored database takes writes: its identity sequence came along.
    await restored.articles.create(articleNumber(99, 'orchard'));
    expect(await restored.articles.count()).toBe(16);
  });
});

/** The built server on `dataDir`, listening on an ephemeral port of 127.0.0.1. */
async function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  expect(existsSync(main), 'build the API first (npx tsc -p tsconfig.build.json)').toBe(true);
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      BROADSHEET_DATA_DIR: dataDir,
      BROADSHEET_DATABASE_URL: '',
      BROADSHEET_API_TOKEN: TOKEN,
      BROADSHEET_WRITES_PER_MINUTE: '100000',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /"port":(\d+)/.exec(out);
      if (match?.[1]) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${String(code)}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

async function post(base: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('SQLite backup while the server serves: VACUUM INTO and the online backup API', () => {
  it('each copy, taken during a burst of writes, holds everything acknowledged before it and restores', async () => {
    const dataDir = tempDir();
    const { url, child } = await startServer(dataDir);
    const acknowledged: string[] = [];
    for (let i = 0; i < 15; i++) {
      const res = await post(url, '/v1/articles', articleInput({ ...articleNumber(i) }));
      expect(res.status).toBe(201);
      acknowledged.push(articleNumber(i).slug);
    }
    const edition = await post(url, '/v1/editions', {
      title: 'Morning',
      date: '2020-01-01',
      slugs: ['story-1-of-the-granary', 'story-0-of-the-granary'],
    });
    expect(edition.status).toBe(201);

    // A burst of writes (and reads) runs while the backups are taken.
    let writing = true;
    let next = 1000;
    const burst = Promise.all(
      Array.from({ length: 3 }, async () => {
        while (writing) {
          const i = next++;
          const res = await post(
            url,
            '/v1/articles',
            articleInput({ ...articleNumber(i, 'orchard') }),
          );
          expect(res.status).toBe(201);
          acknowledged.push(articleNumber(i, 'orchard').slug);
          expect((await fetch(`${url}/v1/articles?q=orchard`)).status).toBe(200);
        }
      }),
    );
    while (next < 1010) await new Promise((r) => setTimeout(r, 20));

    const live = join(dataDir, 'broadsheet.db');
    const backups = tempDir();
    // README recipe 1: the sqlite3 shell's VACUUM INTO.
    const beforeVacuum = [...acknowledged];
    const vacuumed = join(backups, 'vacuum-into.db');
    const vacuum = await runProcess('sqlite3', [live, `VACUUM INTO '${vacuumed}'`]);
    expect(vacuum.stderr).toBe('');
    expect(vacuum.code).toBe(0);
    // README recipe 2: the online backup API (better-sqlite3's backup()).
    const beforeBackup = [...acknowledged];
    const backedUp = join(backups, 'backup-api.db');
    const db = new Database(live);
    await db.backup(backedUp);
    db.close();
    // The burst goes on past the backups: stop it only once a write has been acknowledged
    // since (or 10 s have passed), so the check below sees the server kept writing.
    for (
      let waited = 0;
      acknowledged.length <= beforeBackup.length && waited < 10_000;
      waited += 20
    )
      await new Promise((r) => setTimeout(r, 20));
    writing = false;
    await burst;
    expect(acknowledged.length).toBeGreaterThan(beforeBackup.length);

    // What the server holds now, read after it stopped.
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    const original = openSqliteStore(live, { readOnly: true });
    cleanups.push(() => original.close());

    for (const [copy, before] of [
      [vacuumed, beforeVacuum],
      [backedUp, beforeBackup],
    ] as const) {
      // The restore recipe: the copy becomes broadsheet.db in a data directory, no -wal/-shm.
      const restoredDir = join(tempDir(), 'data');
      mkdirSync(restoredDir);
      copyFileSync(copy, join(restoredDir, 'broadsheet.db'));
      const restored = openSqliteStore(join(restoredDir, 'broadsheet.db'));
      cleanups.push(() => restored.close());
      const slugs = await allSlugs(restored);
      // Everything acknowledged before the copy began, nothing half-written, all as the server has it.
      expect(new Set(slugs)).toEqual(new Set([...slugs, ...before]));
      for (const slug of slugs) {
        expect(view(await restored.articles.get(slug))).toEqual(
          view(await original.articles.get(slug)),
        );
      }
      expect((await restored.editions.list()).map((e) => e.id)).toEqual(['2020-01-01-morning']);
      for (const q of QUERIES) {
        const found = await searchSlugs(restored, q);
        expect(found.length, `"${q}" finds something`).toBeGreaterThan(0);
        // The same hits as the live database, among the articles the copy holds.
        const live = new Set(await searchSlugs(original, q));
        expect(found.every((s) => live.has(s))).toBe(true);
      }
      expect(await searchSlugs(restored, 'granary')).toHaveLength(15);

      // And a server started on the restored directory serves it.
      const server = await startServer(restoredDir);
      const res = await fetch(`${server.url}/v1/articles/story-3-of-the-granary`);
      expect(res.status).toBe(200);
      const found = (await (await fetch(`${server.url}/v1/articles?q=港口`)).json()) as {
        items: unknown[];
      };
      expect(found.items.length).toBeGreaterThan(0);
    }
  });
});
