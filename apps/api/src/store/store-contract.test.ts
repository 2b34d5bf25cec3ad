import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseArticle, type Article } from '@broadsheet/model';
import { createTestDatabase, type TestDatabase } from '@broadsheet/testing';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { describeEachBackend, type BackendName } from '../test-support/backends.js';
import { openPostgresStore } from './postgres/index.js';
import { LATEST_VERSION } from './postgres/migrations.js';
import { openSqliteStore } from './sqlite/index.js';
import { MIGRATIONS } from './sqlite/migrations.js';
import { ConflictError, InvalidCursorError, type Store } from './types.js';

/**
 * The store contract: the same tests, unchanged, against every backend. A backend is a place
 * for this test's data (fresh per test) and a way to open a store on it.
 */
interface Backend {
  open(options?: { seed?: () => Article[] }): Promise<Store>;
  /** Marks the data as written by a server one schema version newer than this one. */
  bumpSchema(): Promise<void>;
}

let clock: number;
const now = () => new Date((clock += 1000));

function useSqlite(): Backend {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-store-'));
    file = join(dir, 'db.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return {
    open: (options = {}) =>
      Promise.resolve().then(() => openSqliteStore(file, { now, ...options })),
    bumpSchema: () =>
      Promise.resolve().then(() => {
        const db = new Database(file);
        db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
        db.close();
      }),
  };
}

function usePostgres(): Backend {
  let database: TestDatabase;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  beforeAll(async () => {
    database = await createTestDatabase();
    await (await openPostgresStore(database.url)).close();
  });
  afterAll(() => database.drop());
  // One database per file (creating one takes about half a second): emptied before each test.
  beforeEach(() =>
    admin(`TRUNCATE articles, curated_editions, broadsheet_meta RESTART IDENTITY;
           DELETE FROM broadsheet_migrations WHERE version > ${LATEST_VERSION}`),
  );
  return {
    open: (options = {}) => openPostgresStore(database.url, { now, ...options }),
    bumpSchema: () =>
      admin(
        `INSERT INTO broadsheet_migrations (version, name) VALUES (${LATEST_VERSION + 1}, 'from a newer server')`,
      ),
  };
}

const article = (overrides: Record<string, unknown> = {}): Article =>
  parseArticle(articleInput(overrides));

describeEachBackend('store contract', (name: BackendName) => {
  const backend = name === 'sqlite' ? useSqlite() : usePostgres();
  let store: Store;
  const opened: Store[] = [];
  const open = async (options?: { seed?: () => Article[] }) => {
    const s = await backend.open(options);
    opened.push(s);
    return s;
  };
  beforeEach(async () => {
    clock = Date.parse('2024-01-01T00:00:00Z');
    store = await open();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  describe('articles', () => {
    it('stores an article and reads it back unchanged, with hash and stamps', async () => {
      const a = article();
      const stored = await store.articles.create(a);
      const got = await store.articles.get(a.slug);
      expect(got?.article).toEqual(a);
      expect(got?.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(got?.createdAt).toBe(stored.createdAt);
      expect(await store.articles.count()).toBe(1);
    });

    it('refuses a second article with the same slug or id (409 material)', async () => {
      await store.articles.create(article());
      await expect(store.articles.create(article())).rejects.toBeInstanceOf(ConflictError);
      await expect(store.articles.create(article({ slug: 'other-slug' }))).rejects.toMatchObject({
        field: 'id',
      });
      expect(await store.articles.count()).toBe(1);
    });

    it('replaces in place, keeping createdAt and moving modifiedAt; creates when absent', async () => {
      const first = await store.articles.create(article());
      const { stored, created } = await store.articles.put(
        first.article.slug,
        article({ standfirst: 'Changed.' }),
      );
      expect(created).toBe(false);
      expect(stored.createdAt).toBe(first.createdAt);
      expect(stored.modifiedAt > first.modifiedAt).toBe(true);
      expect(stored.contentHash).not.toBe(first.contentHash);
      const fresh = await store.articles.put(
        'brand-new',
        article({ headline: 'Another story entirely' }),
      );
      expect(fresh.created).toBe(true);
      expect((await store.articles.get('brand-new'))?.article.slug).toBe('brand-new');
    });

    it('deletes an article and its search entry', async () => {
      const a = article();
      await store.articles.create(a);
      expect(await store.articles.delete(a.slug)).toBe(true);
      expect(await store.articles.delete(a.slug)).toBe(false);
      expect((await store.articles.list({ q: 'livestock', limit: 10 })).items).toEqual([]);
    });

    it('searches headline, standfirst, highlights and body, best match first, with a marked snippet', async () => {
      await store.articles.create(
        article({
          headline: 'Budget passes',
          slug: 'budget',
          body: [{ type: 'paragraph', text: 'A thaw in relations helped.' }],
        }),
      );
      await store.articles.create(article({ headline: 'The great thaw arrives', slug: 'thaw' }));
      const page = await store.articles.list({ q: 'thaw', limit: 10 });
      expect(page.items.map((i) => i.article.slug)).toEqual(['thaw', 'budget']);
      const runs = page.items[1]?.snippet ?? [];
      expect(runs.filter((r) => r.strong).map((r) => r.text.toLowerCase())).toContain('thaw');
      expect(runs.map((r) => r.text).join('')).toContain('relations');
    });

    it.each([
      ['prefix match', 'livesto', 1],
      ['diacritics folded', 'Rívers', 1],
      ['FTS syntax is not interpreted', 'thaw" ^* -(river:', 1],
      ['no searchable characters', '"*()', 0],
      ['every word must match', 'thaw unicorn', 0],
    ])('search: %s', async (_name, q, count) => {
      await store.articles.create(article());
      expect((await store.articles.list({ q, limit: 10 })).items).toHaveLength(count);
    });

    it('filters by tag and section case-insensitively and by date range', async () => {
      await store.articles.create(
        article({
          headline: 'One',
          publishedAt: '2018-05-01',
          tags: ['Cricket'],
          section: 'Sport',
        }),
      );
      await store.articles.create(
        article({ headline: 'Two', publishedAt: '2018-05-02T23:30:00-04:00', tags: ['Weather'] }),
      );
      await store.articles.create(
        article({ headline: 'Three', publishedAt: undefined, tags: ['weather'] }),
      );
      const slugs = async (q: Parameters<Store['articles']['list']>[0]) =>
        (await store.articles.list(q)).items.map((i) => i.article.slug);
      expect(await slugs({ tag: 'WEATHER', limit: 10 })).toEqual(['two', 'three']);
      expect(await slugs({ section: 'sport', limit: 10 })).toEqual(['one']);
      expect(await slugs({ from: '2018-05-02', limit: 10 })).toEqual(['two']);
      expect(await slugs({ to: '2018-05-01', limit: 10 })).toEqual(['one']);
    });

    it('filters by language and author, counts what matches, and lists facets most used first', async () => {
      const put = (headline: string, extra: Record<string, unknown>) =>
        store.articles.create(article({ headline, ...extra }));
      await put('Uno', { language: 'es', authors: [{ name: 'Ana Ruiz' }], section: 'Sport' });
      await put('Dos', {
        language: 'ES',
        authors: [{ name: 'Ana Ruiz' }, { name: 'Bo Li' }],
        section: 'sport',
        tags: ['Fútbol'],
      });
      await put('Three', { language: 'en-GB', authors: [{ name: 'Bo Li' }], tags: ['fútbol'] });
      const slugs = async (q: Parameters<Store['articles']['list']>[0]) =>
        (await store.articles.list(q)).items.map((i) => i.article.slug).sort();
      expect(await slugs({ language: 'es', limit: 10 })).toEqual(['dos', 'uno']);
      expect(await slugs({ language: 'en', limit: 10 })).toEqual([]);
      expect(await slugs({ author: 'Bo Li', limit: 10 })).toEqual(['dos', 'three']);
      expect(
        await slugs({ author: 'Ana Ruiz', section: 'SPORT', tag: 'FÚTBOL', limit: 10 }),
      ).toEqual(['dos']);
      expect(await store.articles.count()).toBe(3);
      expect(await store.articles.count({ author: 'Ana Ruiz' })).toBe(2);
      expect(await store.articles.count({ language: 'es', tag: 'fútbol' })).toBe(1);
      expect(await store.articles.count({ author: 'Nobody' })).toBe(0);

      const facets = await store.articles.facets(10);
      // Spellings that filter alike are one value; the tie is broken by value, byte-wise.
      expect(facets.sections).toEqual([
        { value: 'Sport', count: 2 },
        { value: 'Environment', count: 1 },
      ]);
      expect(facets.tags).toEqual([
        { value: 'Fútbol', count: 2 },
        { value: 'Rivers', count: 1 },
        { value: 'Weather', count: 1 },
      ]);
      expect(facets.languages).toEqual([
        { value: 'es', count: 2 },
        { value: 'en-gb', count: 1 },
      ]);
      expect(facets.authors).toEqual([
        { value: 'Ana Ruiz', count: 2 },
        { value: 'Bo Li', count: 2 },
      ]);
      expect((await store.articles.facets(1)).tags).toEqual([{ value: 'Fútbol', count: 2 }]);
    });

    it('pages through everything exactly once with cursors, newest first', async () => {
      for (let i = 1; i <= 7; i++) {
        await store.articles.create(
          article({ headline: `Story ${i}`, publishedAt: `2018-05-0${i}` }),
        );
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.articles.list({
          limit: 3,
          ...(cursor !== undefined && { cursor }),
        });
        seen.push(...page.items.map((i) => i.article.slug));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      expect(seen).toEqual([
        'story-7',
        'story-6',
        'story-5',
        'story-4',
        'story-3',
        'story-2',
        'story-1',
      ]);
    });

    it('pages through search results with cursors', async () => {
      for (let i = 1; i <= 5; i++) await store.articles.create(article({ headline: `Thaw ${i}` }));
      const first = await store.articles.list({ q: 'thaw', limit: 2 });
      const second = await store.articles.list({
        q: 'thaw',
        limit: 10,
        cursor: first.nextCursor ?? '',
      });
      const all = [...first.items, ...second.items].map((i) => i.article.slug);
      expect(new Set(all).size).toBe(5);
    });

    it.each(['not-a-cursor!', 'eyJ4IjoxfQ', Buffer.from('{"o":-1}').toString('base64url')])(
      'rejects a forged cursor %s',
      async (cursor) => {
        await expect(store.articles.list({ limit: 5, cursor })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
      },
    );

    it('groups days for daily editions and lists the articles of a day oldest first', async () => {
      await store.articles.create(
        article({ headline: 'Late', publishedAt: '2018-05-02T18:00:00+05:00' }),
      );
      await store.articles.create(
        article({ headline: 'Early', publishedAt: '2018-05-02T06:00:00+05:00' }),
      );
      await store.articles.create(article({ headline: 'Before', publishedAt: '2018-04-30' }));
      expect(await store.articles.days()).toEqual([
        { date: '2018-05-02', count: 2 },
        { date: '2018-04-30', count: 1 },
      ]);
      expect((await store.articles.publishedOn('2018-05-02')).map((s) => s.article.slug)).toEqual([
        'early',
        'late',
      ]);
    });
  });

  describe('schema and seed', () => {
    it('reopening migrates nothing twice and keeps the data', async () => {
      await store.articles.create(article());
      await store.close();
      store = await open();
      expect(await store.articles.count()).toBe(1);
    });

    it('refuses data from a newer server, saying why', async () => {
      await store.close();
      await backend.bumpSchema();
      await expect(open()).rejects.toThrow(/newer than this server/);
    });

    it('seeds once: a restart adds nothing twice and a deleted seed stays deleted', async () => {
      await store.close();
      const seed = article({ headline: 'Seeded story' });
      store = await open({ seed: () => [seed] });
      expect(await store.articles.count()).toBe(1);
      await store.close();
      store = await open({ seed: () => [seed] });
      expect(await store.articles.count()).toBe(1);
      await store.articles.delete(seed.slug);
      await store.close();
      store = await open({ seed: () => [seed] });
      expect(await store.articles.count()).toBe(0);
    });
  });

  describe('curated editions', () => {
    it('stores curated editions, refuses duplicates and lists newest first', async () => {
      await store.editions.create('2018-05-01-a', { title: 'A', date: '2018-05-01', slugs: ['x'] });
      await store.editions.create('2018-05-03-b', {
        title: 'B',
        date: '2018-05-03',
        slugs: ['y', 'x'],
        language: 'en',
      });
      await expect(
        store.editions.create('2018-05-01-a', { title: 'A', date: '2018-05-01', slugs: [] }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect((await store.editions.list()).map((e) => e.id)).toEqual([
        '2018-05-03-b',
        '2018-05-01-a',
      ]);
      expect((await store.editions.get('2018-05-03-b'))?.slugs).toEqual(['y', 'x']);
    });
  });
  describe('change stamp', () => {
    it('moves with every write to articles or editions, deletions included, and not on reads', async () => {
      const stamps = [await store.revision()];
      const step = async (write: () => Promise<unknown>) => {
        await write();
        const next = await store.revision();
        const last = stamps.at(-1)!;
        expect(next.revision).toBeGreaterThan(last.revision);
        expect(next.changedAt >= last.changedAt).toBe(true);
        expect(Number.isNaN(Date.parse(next.changedAt))).toBe(false);
        stamps.push(next);
      };
      const a = article();
      await step(() => store.articles.create(a));
      await step(() => store.articles.put(a.slug, article({ standfirst: 'Changed.' })));
      await step(() =>
        store.editions.create('2018-05-01-a', { title: 'A', date: '2018-05-01', slugs: [a.slug] }),
      );
      await step(() => store.articles.delete(a.slug));
      // Reads leave it alone, so a poller that changed nothing keeps its validator.
      await store.articles.list({ limit: 10 });
      await store.articles.get(a.slug);
      await store.editions.list();
      expect(await store.revision()).toEqual(stamps.at(-1));
    });

    it('survives a reopen (every replica reads the same stamp)', async () => {
      await store.articles.create(article());
      const before = await store.revision();
      const other = await open();
      expect(await other.revision()).toEqual(before);
    });
  });
});
