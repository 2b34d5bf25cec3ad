import { createHash } from 'node:crypto';
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
import { SNIPPET_SOURCE_CHARS } from './search-terms.js';
import { LATEST_VERSION } from './postgres/migrations.js';
import { openSqliteStore } from './sqlite/index.js';
import { MIGRATIONS } from './sqlite/migrations.js';
import { ConflictError, InvalidCursorError, PreconditionFailedError, type Store } from './types.js';

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
    admin(`TRUNCATE articles, curated_editions, api_keys, broadsheet_meta, media RESTART IDENTITY;
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
      ['two letters match as a prefix', 'li', 1],
      ['one letter matches only itself', 'l', 0],
      ['repeated words count once', 'thaw THAW thaw', 1],
    ])('search: %s', async (_name, q, count) => {
      await store.articles.create(article());
      expect((await store.articles.list({ q, limit: 10 })).items).toHaveLength(count);
    });

    describe('search over a body near the 1 MB limit', () => {
      // 49 paragraphs of 20,000 characters of common words, "a" among them: every query
      // below once made snippet() or ts_headline walk every match of the body (minutes).
      const words = ['a', 'of', 'and', 'an', 'apple', 'at', 'as', 'river', 'is', 'on', 'bank'];
      const paragraph = (n: number) => {
        let text = '';
        for (let i = 0; text.length < 19_990; i++) text += `${words[(i * 7 + n) % words.length]} `;
        return text.trim();
      };
      const body = Array.from({ length: 49 }, (_, n) => ({
        type: 'paragraph',
        text: n === 3 ? `${paragraph(n)} unicorn` : paragraph(n),
      }));
      const bodyStart = body
        .map((b) => b.text)
        .join('\n')
        .slice(0, SNIPPET_SOURCE_CHARS);
      // `und`: PostgreSQL's simple configuration, which keeps "a" (English drops it as a stop word).
      const big = () => article({ slug: 'big', language: 'und', standfirst: undefined, body });
      const text = (runs: { text: string }[] = []) => runs.map((r) => r.text).join('');

      it.each([
        ['one letter', 'a', ['a']],
        ['one letter 250 times', Array(250).fill('a').join(' '), ['a']],
        [
          'a letter in both cases, 16 times, and a word',
          `${'A a '.repeat(16)}river`,
          ['a', 'river'],
        ],
        [
          'repeated common words',
          'a an and apple at as of on is river bank a an and',
          ['a', 'an', 'river'],
        ],
      ])('%s finds it and marks matches from the start of the body', async (_name, q, marked) => {
        await store.articles.create(big());
        // Shares no word with the queries (PostgreSQL drops "a" from English ones as a stop word).
        await store.articles.create(
          article({
            slug: 'other',
            headline: 'Budget passes',
            standfirst: 'Nothing to see.',
            body: [{ type: 'paragraph', text: 'Nothing to see.' }],
          }),
        );
        const page = await store.articles.list({ q, limit: 10 });
        expect(page.items.map((i) => i.article.slug)).toEqual(['big']);
        expect(page.total).toBe(1);
        const runs = page.items[0]?.snippet ?? [];
        const strong = new Set(runs.filter((r) => r.strong).map((r) => r.text.toLowerCase()));
        for (const word of marked) expect(strong).toContain(word);
        // The snippet is a window of the start of the body, not of the whole megabyte.
        expect(bodyStart).toContain(text(runs).replace(/^…|…$/g, ''));
      });

      it('finds a word that lies past the snippet source, and shows the start of the body', async () => {
        await store.articles.create(big());
        const page = await store.articles.list({ q: 'unicorn', limit: 10 });
        expect(page.items.map((i) => i.article.slug)).toEqual(['big']);
        const runs = page.items[0]?.snippet ?? [];
        expect(runs.filter((r) => r.strong)).toEqual([]);
        expect(text(runs).length).toBeGreaterThan(0);
        expect(bodyStart.startsWith(text(runs).replace(/…$/, ''))).toBe(true);
      });
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

  describe('restore (copying from another store)', () => {
    const record = (overrides: Record<string, unknown> = {}, stamps = {}) => ({
      article: article(overrides),
      createdAt: '2019-03-01T10:00:00.000Z',
      modifiedAt: '2019-03-02T11:00:00.000Z',
      ...stamps,
    });

    it('creates what is absent with its own stamps, searchable; the same records again change nothing', async () => {
      const records = [record(), record({ headline: 'Budget passes', tags: ['Money'] })];
      expect(await store.articles.restore(records)).toEqual({
        created: 2,
        updated: 0,
        unchanged: 0,
      });
      const got = await store.articles.get(records[0]?.article.slug ?? '');
      expect(got?.article).toEqual(records[0]?.article);
      expect(got).toMatchObject({
        createdAt: '2019-03-01T10:00:00.000Z',
        modifiedAt: '2019-03-02T11:00:00.000Z',
      });
      expect((await store.articles.list({ q: 'budget', limit: 10 })).items).toHaveLength(1);
      expect((await store.articles.list({ tag: 'money', limit: 10 })).items).toHaveLength(1);
      expect(await store.articles.restore(records)).toEqual({
        created: 0,
        updated: 0,
        unchanged: 2,
      });
      expect(await store.articles.count()).toBe(2);
    });

    it('replaces an article whose content or stamps changed, in the search index too', async () => {
      await store.articles.restore([record()]);
      const changed = record(
        { standfirst: 'Floodwater reached the granary.' },
        { modifiedAt: '2019-04-01T00:00:00.000Z' },
      );
      expect(await store.articles.restore([changed])).toEqual({
        created: 0,
        updated: 1,
        unchanged: 0,
      });
      const got = await store.articles.get(changed.article.slug);
      expect(got?.article.standfirst).toBe('Floodwater reached the granary.');
      expect(got?.modifiedAt).toBe('2019-04-01T00:00:00.000Z');
      expect((await store.articles.list({ q: 'granary', limit: 10 })).items).toHaveLength(1);
      expect((await store.articles.list({ q: 'snowmelt', limit: 10 })).items).toHaveLength(0);
    });

    it('refuses an article whose id belongs to another slug, storing nothing of the batch', async () => {
      await store.articles.create(article());
      const batch = [
        record({ headline: 'A new story', slug: 'new-story', id: 'new-story' }),
        record({ slug: 'moved-elsewhere' }),
      ];
      await expect(store.articles.restore(batch)).rejects.toMatchObject({
        name: 'ConflictError',
        field: 'id',
      });
      expect(await store.articles.get('new-story')).toBeUndefined();
      expect(await store.articles.count()).toBe(1);
    });

    it('copies curated editions by id, stamps included, and copying again changes nothing', async () => {
      const edition = {
        id: '2019-03-01-morning',
        title: 'Morning',
        date: '2019-03-01',
        language: 'en',
        slugs: ['b', 'a'],
        createdAt: '2019-03-01T06:00:00.000Z',
        modifiedAt: '2019-03-01T06:00:00.000Z',
        revision: 1,
      };
      expect(await store.editions.restore([edition])).toEqual({
        created: 1,
        updated: 0,
        unchanged: 0,
      });
      expect(await store.editions.get(edition.id)).toEqual(edition);
      expect(await store.editions.restore([edition])).toEqual({
        created: 0,
        updated: 0,
        unchanged: 1,
      });
      const retitled = { ...edition, title: 'Early', description: 'First light' };
      expect(await store.editions.restore([retitled])).toEqual({
        created: 0,
        updated: 1,
        unchanged: 0,
      });
      // A changed edition gets a new revision, so an If-Match read before the copy fails.
      expect(await store.editions.get(edition.id)).toEqual({ ...retitled, revision: 2 });
      expect(await store.editions.list()).toHaveLength(1);
    });
  });

  describe('filters, totals and facets', () => {
    /** Five articles over three days, two languages, two authors, two sections. */
    async function newsroom(): Promise<void> {
      const stories: Record<string, unknown>[] = [
        {
          headline: 'Thaw floods the valley',
          publishedAt: '2018-05-01T08:00:00Z',
          language: 'en-GB',
          section: 'Environment',
          tags: ['Weather', 'Rivers'],
          authors: [{ name: 'Jane Doe' }, { name: 'John Roe' }],
        },
        {
          headline: 'Thaw reaches the city',
          publishedAt: '2018-05-02T08:00:00Z',
          language: 'en',
          section: 'environment',
          tags: ['weather'],
          authors: [{ name: 'jane doe' }],
        },
        {
          headline: 'Budget passes',
          publishedAt: '2018-05-02T09:00:00Z',
          language: 'en',
          section: 'Politics',
          tags: ['Budget'],
          authors: [{ name: 'John Roe' }],
        },
        {
          headline: 'Le dégel arrive',
          publishedAt: '2018-05-03T08:00:00Z',
          language: 'fr',
          section: 'Environment',
          tags: ['Weather'],
          authors: [{ name: 'Jane Doe' }],
        },
        {
          headline: 'Undated thaw note',
          publishedAt: undefined,
          language: 'enm',
          section: undefined,
          tags: [],
          authors: [],
        },
      ];
      for (const story of stories) await store.articles.create(article(story));
    }
    const slugs = async (q: Parameters<Store['articles']['list']>[0]) =>
      (await store.articles.list(q)).items.map((i) => i.article.slug);

    it.each([
      [
        'author, case-insensitive',
        { author: 'JANE DOE' },
        ['le-degel-arrive', 'thaw-reaches-the-city', 'thaw-floods-the-valley'],
      ],
      [
        'language range en (not enm)',
        { language: 'EN' },
        ['budget-passes', 'thaw-reaches-the-city', 'thaw-floods-the-valley'],
      ],
      ['language en-gb exactly', { language: 'en-gb' }, ['thaw-floods-the-valley']],
      [
        'author and section',
        { author: 'John Roe', section: 'ENVIRONMENT' },
        ['thaw-floods-the-valley'],
      ],
      [
        'tag and date range',
        { tag: 'weather', from: '2018-05-02', to: '2018-05-02' },
        ['thaw-reaches-the-city'],
      ],
      [
        'q with author and language',
        { q: 'thaw', author: 'jane doe', language: 'en' },
        ['thaw-floods-the-valley', 'thaw-reaches-the-city'],
      ],
      ['q with tag', { q: 'thaw', tag: 'rivers' }, ['thaw-floods-the-valley']],
      ['nothing matches', { author: 'Nobody', tag: 'weather' }, []],
    ])('filters combine: %s', async (_name, filter, expected) => {
      await newsroom();
      const page = await store.articles.list({ limit: 10, ...filter });
      const got = page.items.map((i) => i.article.slug);
      // A search ranks by relevance; everything else is newest first.
      if ('q' in filter) expect([...got].sort()).toEqual([...expected].sort());
      else expect(got).toEqual(expected);
      expect(page.total).toBe(expected.length);
    });

    it('gives the total of every match on each page, and filtered cursors stay filtered', async () => {
      await newsroom();
      const first = await store.articles.list({ limit: 1, section: 'environment' });
      expect(first.total).toBe(3);
      const rest = await store.articles.list({
        limit: 10,
        section: 'environment',
        cursor: first.nextCursor ?? '',
      });
      expect(rest.total).toBe(3);
      expect([...first.items, ...rest.items].map((i) => i.article.slug)).toEqual([
        'le-degel-arrive',
        'thaw-reaches-the-city',
        'thaw-floods-the-valley',
      ]);
      expect((await store.articles.list({ limit: 2 })).total).toBe(5);
      const search = await store.articles.list({ q: 'thaw', limit: 1 });
      expect(search.total).toBe(3);
      expect(search.nextCursor).toBeDefined();
      expect(
        await slugs({ q: 'thaw', limit: 10, language: 'en', cursor: search.nextCursor ?? '' }),
      ).toHaveLength(1);
    });

    it('counts tags, authors and sections: most articles first, then by name, one spelling each', async () => {
      await newsroom();
      expect(await store.articles.facets('tags', { limit: 10 })).toEqual({
        items: [
          { name: 'Weather', count: 3 },
          { name: 'Budget', count: 1 },
          { name: 'Rivers', count: 1 },
        ],
        total: 3,
      });
      expect(await store.articles.facets('authors', { limit: 10 })).toEqual({
        items: [
          { name: 'Jane Doe', count: 3 },
          { name: 'John Roe', count: 2 },
        ],
        total: 2,
      });
      expect(await store.articles.facets('sections', { limit: 10 })).toEqual({
        items: [
          { name: 'Environment', count: 3 },
          { name: 'Politics', count: 1 },
        ],
        total: 2,
      });
    });

    it('counts languages by tag, case-folded, for the OPDS language facet; each value filters', async () => {
      await newsroom();
      await store.articles.create(article({ headline: 'Storm warning', language: 'EN-gb' }));
      const languages = await store.articles.facets('languages', { limit: 10 });
      expect(languages).toEqual({
        items: [
          { name: 'en', count: 2 },
          { name: 'en-gb', count: 2 },
          { name: 'enm', count: 1 },
          { name: 'fr', count: 1 },
        ],
        total: 4,
      });
      const first = await store.articles.facets('languages', { limit: 1 });
      expect(first.items).toEqual([{ name: 'en', count: 2 }]);
      const rest = await store.articles.facets('languages', {
        limit: 10,
        cursor: first.nextCursor ?? '',
      });
      expect(rest.items.map((i) => i.name)).toEqual(['en-gb', 'enm', 'fr']);
      // Given back as the filter, a value finds the articles it counted; `en` is a range, so it
      // also finds the en-GB ones (but not enm).
      const total = async (language: string) =>
        (await store.articles.list({ language, limit: 10 })).total;
      expect(await total('en-gb')).toBe(2);
      expect(await total('enm')).toBe(1);
      expect(await total('fr')).toBe(1);
      expect(await total('en')).toBe(4);
    });

    it('pages facets with cursors and follows writes and deletes', async () => {
      await newsroom();
      const first = await store.articles.facets('tags', { limit: 2 });
      expect(first.items.map((f) => f.name)).toEqual(['Weather', 'Budget']);
      expect(first.total).toBe(3);
      const second = await store.articles.facets('tags', {
        limit: 2,
        cursor: first.nextCursor ?? '',
      });
      expect(second).toEqual({ items: [{ name: 'Rivers', count: 1 }], total: 3 });
      await store.articles.delete('budget-passes');
      await store.articles.put(
        'thaw-reaches-the-city',
        article({
          headline: 'Thaw reaches the city',
          tags: ['Rivers'],
          authors: [{ name: 'Ann Lee' }],
        }),
      );
      expect((await store.articles.facets('tags', { limit: 10 })).items).toEqual([
        { name: 'Rivers', count: 2 },
        { name: 'Weather', count: 2 },
      ]);
      expect((await store.articles.facets('authors', { limit: 10 })).items).toEqual([
        { name: 'Jane Doe', count: 2 },
        { name: 'Ann Lee', count: 1 },
        { name: 'John Roe', count: 1 },
      ]);
      expect(await slugs({ author: 'ann lee', limit: 10 })).toEqual(['thaw-reaches-the-city']);
    });

    it('refuses an article-list cursor for a facet list', async () => {
      await newsroom();
      const { nextCursor } = await store.articles.list({ limit: 1 });
      await expect(
        store.articles.facets('sections', { limit: 1, cursor: nextCursor ?? '' }),
      ).rejects.toBeInstanceOf(InvalidCursorError);
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

  describe('media', () => {
    const picture = (data: Buffer) => ({
      id: createHash('sha256').update(data).digest('hex'),
      type: 'image/png',
      width: 3,
      height: 2,
      data,
    });

    it('stores a picture once under its sha256 and reads the same bytes back', async () => {
      const p = picture(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]));
      const first = await store.media.put(p);
      expect(first.created).toBe(true);
      expect(first.media).toMatchObject({
        id: p.id,
        type: 'image/png',
        width: 3,
        height: 2,
        bytes: 8,
      });
      const again = await store.media.put(p);
      expect(again.created).toBe(false);
      expect(again.media.createdAt).toBe(first.media.createdAt);
      const got = await store.media.get(p.id);
      expect(got?.data.equals(p.data)).toBe(true);
      expect(await store.media.get('0'.repeat(64))).toBeUndefined();
    });

    it('prune removes old media no article mentions, and keeps referenced and recent ones', async () => {
      const used = picture(Buffer.from('used'));
      const orphan = picture(Buffer.from('orphan'));
      await store.media.put(used);
      await store.media.put(orphan);
      await store.articles.create(
        article({ image: { src: `https://news.example/v1/media/${used.id}`, alt: 'a picture' } }),
      );
      const recent = picture(Buffer.from('just uploaded'));
      const cutoff = new Date(clock + 500);
      clock += 10_000;
      await store.media.put(recent);
      expect(await store.media.prune(cutoff)).toEqual([orphan.id]);
      expect(await store.media.get(orphan.id)).toBeUndefined();
      expect(await store.media.get(used.id)).toBeDefined();
      expect(await store.media.get(recent.id)).toBeDefined();
      expect(await store.media.prune(cutoff)).toEqual([]);
    });

    it('lists ids in ascending order, a page at a time, without reading the pictures', async () => {
      expect(await store.media.ids({ limit: 10 })).toEqual([]);
      const ids = ['one', 'two', 'three', 'four', 'five']
        .map((s) => picture(Buffer.from(s)))
        .map((p) => p.id);
      for (const s of ['one', 'two', 'three', 'four', 'five'])
        await store.media.put(picture(Buffer.from(s)));
      const sorted = [...ids].sort();
      const first = await store.media.ids({ limit: 2 });
      expect(first).toEqual(sorted.slice(0, 2));
      expect(await store.media.ids({ after: first[1], limit: 2 })).toEqual(sorted.slice(2, 4));
      expect(await store.media.ids({ after: sorted[3], limit: 10 })).toEqual(sorted.slice(4));
      expect(await store.media.ids({ after: sorted[4], limit: 10 })).toEqual([]);
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

  describe('conditional writes (If-Match): the check and the write are one step', () => {
    const tag = (hash: string) => hash.slice(0, 40);

    it('replaces only when the content hash matches, else nothing is written', async () => {
      const first = await store.articles.create(article());
      const slug = first.article.slug;
      const { stored } = await store.articles.put(slug, article({ standfirst: 'One.' }), {
        ifMatch: [tag(first.contentHash)],
      });
      await expect(
        store.articles.put(slug, article({ standfirst: 'Two.' }), {
          ifMatch: [tag(first.contentHash)],
        }),
      ).rejects.toMatchObject({ name: 'PreconditionFailedError', exists: true });
      expect((await store.articles.get(slug))?.article.standfirst).toBe('One.');
      expect((await store.articles.get(slug))?.contentHash).toBe(stored.contentHash);
      await store.articles.put(slug, article({ standfirst: 'Any.' }), { ifMatch: '*' });
      expect((await store.articles.get(slug))?.article.standfirst).toBe('Any.');
    });

    it('of two concurrent editors with the same ETag exactly one wins', async () => {
      const first = await store.articles.create(article());
      const slug = first.article.slug;
      const results = await Promise.allSettled(
        ['Editor A.', 'Editor B.'].map((standfirst) =>
          store.articles.put(slug, article({ standfirst }), { ifMatch: [tag(first.contentHash)] }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const lost = results.find((r) => r.status === 'rejected');
      expect(lost?.reason).toBeInstanceOf(PreconditionFailedError);
    });

    it('an If-Match on a missing article fails; absent creates only when there is none', async () => {
      await expect(
        store.articles.put('nowhere', article({ headline: 'Nowhere' }), { ifMatch: '*' }),
      ).rejects.toMatchObject({ exists: false });
      expect(await store.articles.get('nowhere')).toBeUndefined();
      const { created } = await store.articles.put('fresh', article({ headline: 'Fresh' }), {
        absent: true,
      });
      expect(created).toBe(true);
      await expect(
        store.articles.put('fresh', article({ headline: 'Fresh again' }), { absent: true }),
      ).rejects.toMatchObject({ exists: true });
      expect((await store.articles.get('fresh'))?.article.headline).toBe('Fresh');
    });

    it('deletes only on a matching hash', async () => {
      const first = await store.articles.create(article());
      const slug = first.article.slug;
      await expect(
        store.articles.delete(slug, { ifMatch: ['0'.repeat(40)] }),
      ).rejects.toBeInstanceOf(PreconditionFailedError);
      expect(await store.articles.get(slug)).toBeDefined();
      expect(await store.articles.delete(slug, { ifMatch: [tag(first.contentHash)] })).toBe(true);
      await expect(store.articles.delete(slug, { ifMatch: '*' })).rejects.toMatchObject({
        exists: false,
      });
    });

    it('replaces and deletes curated editions by revision', async () => {
      const made = await store.editions.create('2018-05-01-a', {
        title: 'A',
        date: '2018-05-01',
        slugs: ['x'],
      });
      expect(made.revision).toBe(1);
      const { edition, created } = await store.editions.put(
        '2018-05-01-a',
        { title: 'A, revised', date: '2018-05-01', slugs: ['y', 'x'], description: 'New.' },
        { revision: 1 },
      );
      expect(created).toBe(false);
      expect(edition).toMatchObject({ revision: 2, title: 'A, revised', slugs: ['y', 'x'] });
      expect(edition.createdAt).toBe(made.createdAt);
      await expect(
        store.editions.put(
          '2018-05-01-a',
          { title: 'Stale', date: '2018-05-01', slugs: ['x'] },
          {
            revision: 1,
          },
        ),
      ).rejects.toMatchObject({ exists: true });
      expect((await store.editions.get('2018-05-01-a'))?.title).toBe('A, revised');
      const fresh = await store.editions.put('2018-05-02-b', {
        title: 'B',
        date: '2018-05-02',
        slugs: ['x'],
      });
      expect(fresh.created).toBe(true);
      await expect(
        store.editions.put(
          '2018-05-02-b',
          { title: 'B', date: '2018-05-02', slugs: ['x'] },
          {
            absent: true,
          },
        ),
      ).rejects.toBeInstanceOf(PreconditionFailedError);
      await expect(store.editions.delete('2018-05-01-a', { revision: 1 })).rejects.toBeInstanceOf(
        PreconditionFailedError,
      );
      expect(await store.editions.delete('2018-05-01-a', { revision: 2 })).toBe(true);
      expect(await store.editions.delete('2018-05-01-a')).toBe(false);
      expect((await store.editions.list()).map((e) => e.id)).toEqual(['2018-05-02-b']);
    });
  });

  describe('API keys', () => {
    const hash = 'ab'.repeat(32);

    it('stores a key, lists it without its hash, finds it until revoked', async () => {
      const key = await store.keys.create({
        id: '0123456789abcdef',
        name: 'Newsroom CMS',
        scopes: ['articles:write', 'editions:write'],
        hash,
      });
      expect(key).toEqual({
        id: '0123456789abcdef',
        name: 'Newsroom CMS',
        scopes: ['articles:write', 'editions:write'],
        createdAt: key.createdAt,
      });
      await expect(
        store.keys.create({ id: '0123456789abcdef', name: 'Again', scopes: ['admin'], hash }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(await store.keys.find('0123456789abcdef')).toEqual({ key, hash });
      expect(JSON.stringify(await store.keys.list())).not.toContain(hash);
      expect(await store.keys.revoke('0123456789abcdef')).toBe(true);
      expect(await store.keys.revoke('0123456789abcdef')).toBe(false);
      expect(await store.keys.revoke('unknown')).toBe(false);
      expect(await store.keys.find('0123456789abcdef')).toBeUndefined();
      const [listed] = await store.keys.list();
      expect(listed?.revokedAt).toMatch(/^\d{4}-/);
    });

    it('records the last use, but not again before the given time', async () => {
      await store.keys.create({ id: 'k1', name: 'One', scopes: ['admin'], hash });
      await store.keys.touch('k1', '2024-01-01T00:01:00.000Z', '2024-01-01T00:00:00.000Z');
      expect((await store.keys.find('k1'))?.key.lastUsedAt).toBe('2024-01-01T00:01:00.000Z');
      // Within the minute: another replica's touch changes nothing.
      await store.keys.touch('k1', '2024-01-01T00:01:30.000Z', '2024-01-01T00:00:30.000Z');
      expect((await store.keys.find('k1'))?.key.lastUsedAt).toBe('2024-01-01T00:01:00.000Z');
      await store.keys.touch('k1', '2024-01-01T00:02:05.000Z', '2024-01-01T00:01:05.000Z');
      expect((await store.keys.find('k1'))?.key.lastUsedAt).toBe('2024-01-01T00:02:05.000Z');
    });

    it('gives every key with its hash, oldest first, and restores copies: stamps merged, never revived', async () => {
      await store.keys.create({ id: 'k-old', name: 'Old', scopes: ['admin'], hash });
      await store.keys.create({
        id: 'k-new',
        name: 'New',
        scopes: ['feeds:write'],
        hash: 'cd'.repeat(32),
      });
      await store.keys.revoke('k-old');
      const records = await store.keys.records();
      expect(records.map((k) => [k.id, k.hash, k.revokedAt !== undefined])).toEqual([
        ['k-old', hash, true],
        ['k-new', 'cd'.repeat(32), false],
      ]);
      const copied = {
        id: 'k-copied',
        name: 'Copied CMS',
        scopes: ['articles:write' as const],
        hash: 'ef'.repeat(32),
        createdAt: '2020-05-01T10:00:00.000Z',
        lastUsedAt: '2020-06-01T10:00:00.000Z',
      };
      expect(await store.keys.restore([copied])).toEqual({ created: 1, updated: 0, unchanged: 0 });
      // As given: the hash checks the client's key here, the stamps are the source's.
      expect(await store.keys.find('k-copied')).toEqual({
        key: {
          id: 'k-copied',
          name: 'Copied CMS',
          scopes: ['articles:write'],
          createdAt: copied.createdAt,
          lastUsedAt: copied.lastUsedAt,
        },
        hash: copied.hash,
      });
      expect(await store.keys.restore([copied])).toEqual({ created: 0, updated: 0, unchanged: 1 });
      // Revoked at the source since the last copy: revoked here too.
      const revoked = { ...copied, revokedAt: '2020-07-01T10:00:00.000Z' };
      expect(await store.keys.restore([revoked])).toEqual({ created: 0, updated: 1, unchanged: 0 });
      expect(await store.keys.find('k-copied')).toBeUndefined();
      // Revoked here, still active at the source: a copy never revives it.
      const old = records[0]!;
      const active = {
        id: old.id,
        name: old.name,
        scopes: old.scopes,
        hash,
        createdAt: old.createdAt,
      };
      expect(await store.keys.restore([active])).toEqual({ created: 0, updated: 0, unchanged: 1 });
      expect(await store.keys.find('k-old')).toBeUndefined();
      // Another key under a known id: a conflict, and nothing of the batch is written.
      const fresh = { ...copied, id: 'k-fresh' };
      await expect(
        store.keys.restore([fresh, { ...copied, hash: '01'.repeat(32) }]),
      ).rejects.toBeInstanceOf(ConflictError);
      expect((await store.keys.records()).map((k) => k.id)).not.toContain('k-fresh');
    });

    it('keeps keys across a reopen', async () => {
      await store.keys.create({ id: 'k2', name: 'Two', scopes: ['feeds:write'], hash });
      await store.close();
      store = await open();
      expect((await store.keys.find('k2'))?.key.scopes).toEqual(['feeds:write']);
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
      // The conditional writes (If-Match) and curated edition PUT/PATCH/DELETE move it too.
      const b = await store.articles.create(article({ headline: 'Second story' }));
      stamps.push(await store.revision());
      await step(() =>
        store.articles.put(
          b.article.slug,
          article({ headline: 'Second story', standfirst: 'New.' }),
          {
            ifMatch: [b.contentHash.slice(0, 40)],
          },
        ),
      );
      await step(() =>
        store.editions.put(
          '2018-05-01-a',
          { title: 'A2', date: '2018-05-01', slugs: [] },
          { revision: 1 },
        ),
      );
      await step(() =>
        store.editions.put(
          '2018-05-02-b',
          { title: 'B', date: '2018-05-02', slugs: [] },
          { absent: true },
        ),
      );
      await step(() => store.editions.delete('2018-05-02-b', { revision: 1 }));
      await step(() => store.articles.delete(b.article.slug, { ifMatch: '*' }));
      // So does a copy from another store (restore), of articles and of editions.
      await step(() =>
        store.articles.restore([
          {
            article: article({ headline: 'Copied story' }),
            createdAt: '2019-03-01T10:00:00.000Z',
            modifiedAt: '2019-03-02T11:00:00.000Z',
          },
        ]),
      );
      await step(() =>
        store.editions.restore([
          {
            id: '2019-03-01-copied',
            title: 'Copied',
            date: '2019-03-01',
            slugs: [],
            createdAt: '2019-03-01T06:00:00.000Z',
            modifiedAt: '2019-03-01T06:00:00.000Z',
            revision: 3,
          },
        ]),
      );
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
