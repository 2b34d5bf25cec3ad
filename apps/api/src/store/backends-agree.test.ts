import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArticle } from '@broadsheet/model';
import { createTestDatabase, type TestDatabase } from '@broadsheet/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { describeWithPostgres } from '../test-support/backends.js';
import { insertFeed, insertFeedItem, type DatabaseTarget } from '../test-support/feed-rows.js';
import { openPostgresStore } from './postgres/index.js';
import { openSqliteStore } from './sqlite/index.js';
import type { ArticleQuery, Store } from './types.js';

const SECTIONS = ['World', 'Sport', 'Business', undefined];
const TAGS = [['Weather'], ['Cricket', 'weather'], [], ['Markets']];
const AUTHORS = [[{ name: 'Jane Doe' }], [{ name: 'jane doe' }, { name: 'Ali Khan' }], []];
const LANGUAGES = ['en', 'en-GB', 'fr', 'ur'];

/** 60 articles over a dozen days, some sharing a timestamp, some undated, in several offsets. */
const ARTICLES = Array.from({ length: 60 }, (_, i) => {
  const day = String(1 + (i % 12)).padStart(2, '0');
  const hour = String(i % 3 === 0 ? 9 : (i * 7) % 24).padStart(2, '0');
  const offset = ['Z', '+05:00', '-04:00'][i % 3];
  return parseArticle(
    articleInput({
      headline: `Story ${i} ${i % 2 ? 'about the monsoon' : 'about markets'}`,
      publishedAt: i % 13 === 0 ? undefined : `2018-05-${day}T${hour}:00:00${offset}`,
      section: SECTIONS[i % SECTIONS.length],
      tags: TAGS[i % TAGS.length],
      authors: AUTHORS[i % AUTHORS.length],
      language: LANGUAGES[i % LANGUAGES.length],
    }),
  );
});

/** Every page of a query, followed through its cursors. */
async function pages(store: Store, query: Omit<ArticleQuery, 'cursor'>): Promise<string[][]> {
  const out: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.articles.list({ ...query, ...(cursor !== undefined && { cursor }) });
    out.push(page.items.map((i) => i.article.slug));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return out;
}

describeWithPostgres('SQLite and PostgreSQL give the same answers', () => {
  let dir: string;
  let database: TestDatabase;
  let sqlite: Store;
  let postgres: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-agree-'));
    database = await createTestDatabase();
    sqlite = openSqliteStore(join(dir, 'db.sqlite'));
    postgres = await openPostgresStore(database.url);
    for (const store of [sqlite, postgres]) {
      for (const a of ARTICLES) await store.articles.create(a);
      await store.editions.create('2018-05-03-b', {
        title: 'B',
        date: '2018-05-03',
        slugs: ['story-3', 'story-1'],
      });
      await store.editions.create('2018-05-03-a', {
        title: 'A',
        date: '2018-05-03',
        slugs: ['story-2'],
      });
      await store.editions.create('2018-05-01-z', { title: 'Z', date: '2018-05-01', slugs: [] });
    }
  });
  afterAll(async () => {
    await sqlite.close();
    await postgres.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each<[string, Omit<ArticleQuery, 'cursor'>]>([
    ['everything, 7 a page', { limit: 7 }],
    ['a tag', { tag: 'WEATHER', limit: 4 }],
    ['a section', { section: 'sport', limit: 5 }],
    ['a date range', { from: '2018-05-03', to: '2018-05-07', limit: 6 }],
    ['all filters', { tag: 'weather', section: 'World', from: '2018-05-02', limit: 3 }],
    ['an author', { author: 'JANE DOE', limit: 6 }],
    ['a language range', { language: 'en', limit: 8 }],
    [
      'author, language and dates',
      { author: 'ali khan', language: 'en-gb', to: '2018-05-09', limit: 2 },
    ],
    ['q with author and language', { q: 'monsoon', author: 'jane doe', language: 'en', limit: 3 }],
  ])('lists %s, page by page, with the same total', async (_name, query) => {
    const expected = await pages(sqlite, query);
    expect(expected.length).toBeGreaterThan(1);
    const got = await pages(postgres, query);
    if (query.q === undefined) expect(got).toEqual(expected);
    else expect(got.flat().sort()).toEqual(expected.flat().sort());
    const total = async (store: Store) => (await store.articles.list(query)).total;
    expect(await total(sqlite)).toBe(expected.flat().length);
    expect(await total(postgres)).toBe(expected.flat().length);
  });

  it.each(['tags', 'authors', 'sections'] as const)('counts the same %s', async (kind) => {
    const all = async (store: Store) => {
      const items = [];
      let cursor: string | undefined;
      do {
        const page = await store.articles.facets(kind, {
          limit: 1,
          ...(cursor !== undefined && { cursor }),
        });
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return items;
    };
    const expected = await all(sqlite);
    expect(expected.length).toBeGreaterThan(1);
    expect(await all(postgres)).toEqual(expected);
  });

  it.each(['monsoon', 'markets', 'story monsoon', 'rivers livestock'])(
    'finds the same articles for q=%s',
    async (q) => {
      const found = async (store: Store) => (await pages(store, { q, limit: 9 })).flat().sort();
      const expected = await found(sqlite);
      expect(expected.length).toBeGreaterThan(q === 'rivers livestock' ? 59 : 0);
      expect(await found(postgres)).toEqual(expected);
    },
  );

  it('has the same days, daily editions and curated editions', async () => {
    expect(await postgres.articles.days()).toEqual(await sqlite.articles.days());
    for (const { date } of await sqlite.articles.days()) {
      const slugs = async (store: Store) =>
        (await store.articles.publishedOn(date)).map((s) => s.article.slug);
      expect(await slugs(postgres)).toEqual(await slugs(sqlite));
    }
    const editions = async (store: Store) =>
      (await store.editions.list()).map(({ id, slugs }) => ({ id, slugs }));
    expect(await editions(postgres)).toEqual(await editions(sqlite));
    const many = ['story-5', 'nope', 'story-1'];
    const got = async (store: Store) =>
      (await store.articles.getMany(many)).map((s) => s.contentHash);
    expect(await got(postgres)).toEqual(await got(sqlite));
  });

  it('make the same publication issues, ties and items in several feeds included', async () => {
    const issues = async (store: Store, target: DatabaseTarget) => {
      for (const feed of ['agree-a', 'agree-b']) await insertFeed(target, feed);
      // 20 items over two feeds, arriving in pairs at one instant, every fourth in both feeds.
      for (let i = 0; i < 20; i++) {
        const at = new Date(Date.UTC(2026, 6, 1, i >> 1)).toISOString();
        const slug = ARTICLES[i]?.slug ?? '';
        const item = { itemKey: `guid-${i}`, articleSlug: slug, firstSeenAt: at };
        await insertFeedItem(target, { ...item, feedId: i % 2 ? 'agree-a' : 'agree-b' });
        if (i % 4 === 0)
          await insertFeedItem(target, {
            ...item,
            feedId: 'agree-a',
            firstSeenAt: `${at.slice(0, 19)}.5Z`,
          });
      }
      const p = await store.publications.create({
        title: 'Agree',
        feeds: ['agree-a', 'agree-b'],
        schedule: '0 6 * * *',
        timeZone: 'UTC',
        maxArticles: 7,
        formats: ['epub'],
      });
      const made = [];
      for (const hour of [5, 9, 23]) {
        const at = new Date(Date.UTC(2026, 6, 1, hour, 30));
        made.push((await store.publications.makeIssue(p.id, `manual:${hour}`, at))?.edition.slugs);
      }
      return made;
    };
    const fromSqlite = await issues(sqlite, { sqlite: join(dir, 'db.sqlite') });
    // 12 arrived by 05:30, 8 more by 09:30, none after: the newest 7, the newest 7, no issue.
    expect(fromSqlite.map((slugs) => slugs?.length)).toEqual([7, 7, undefined]);
    expect(await issues(postgres, { postgres: database.url })).toEqual(fromSqlite);
  });
});
