import { parseArticle, type Article } from '@broadsheet/model';
import { createTestDatabase, type TestDatabase } from '@broadsheet/testing';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { articleInput } from '../../test-support/articles.js';
import { describeWithPostgres } from '../../test-support/backends.js';
import { openPostgresStore, type PostgresStore } from './index.js';
import { PG_MIGRATIONS } from './migrations.js';

// What every store does is in ../store-contract.test.ts; this is what PostgreSQL adds.

const article = (overrides: Record<string, unknown> = {}): Article =>
  parseArticle(articleInput(overrides));

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

describeWithPostgres('PostgreSQL store: migrations', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.drop());

  it('ten stores starting at once on an empty database migrate and seed it once', async () => {
    const seed = article({ headline: 'Seeded story' });
    const stores = await Promise.all(
      Array.from({ length: 10 }, () =>
        openPostgresStore(database.url, { poolSize: 2, seed: () => [seed] }),
      ),
    );
    try {
      const applied = await query<{ version: number; n: number }>(
        database.url,
        'SELECT version, count(*)::int AS n FROM broadsheet_migrations GROUP BY version ORDER BY version',
      );
      expect(applied).toEqual(PG_MIGRATIONS.map((m) => ({ version: m.version, n: 1 })));
      expect(await stores[9]?.articles.count()).toBe(1);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});

describeWithPostgres('PostgreSQL store: search in the article language', () => {
  let database: TestDatabase;
  let store: PostgresStore;
  beforeAll(async () => {
    database = await createTestDatabase();
    store = await openPostgresStore(database.url);
    const stories: [string, string, string][] = [
      ['en', 'rivers', 'The rivers were running high after the storms.'],
      ['ru', 'reki', 'Реки вышли из берегов после сильных дождей.'],
      ['fr', 'elections', 'Les élections présidentielles auront lieu en mai.'],
      ['de', 'haeuser', 'Die Häuser am Fluss wurden geräumt.'],
      ['es', 'ciudades', 'Las ciudades costeras esperan lluvias.'],
      ['ar', 'madaris', 'أغلقت المدارس أبوابها بسبب العاصفة.'],
      ['zh', 'tianqi', '东京都的天气今天很好，市民纷纷外出。'],
      ['ja', 'kyou', '東京都は今日も晴れの予報です。'],
      ['ko', 'hoeui', '서울에서 국제회의가 열렸다.'],
      ['xx', 'unknown', 'Zorblat quenched the vintry meadows.'],
    ];
    for (const [language, slug, text] of stories) {
      await store.articles.create(
        article({
          language,
          slug,
          headline: `Story ${slug}`,
          standfirst: undefined,
          tags: [],
          body: [{ type: 'paragraph', text }],
        }),
      );
    }
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  const found = async (q: string) =>
    (await store.articles.list({ q, limit: 20 })).items.map((i) => i.article.slug);

  it.each([
    ['English stems: "river run" finds "rivers … running"', 'river run', 'rivers'],
    ['Russian stems: "река" finds "Реки"', 'река', 'reki'],
    [
      'French stems and folds accents: "election presidentielle"',
      'election presidentielle',
      'elections',
    ],
    ['German stems: "Haus" finds "Häuser"', 'Haus', 'haeuser'],
    ['Spanish stems: "ciudad" finds "ciudades"', 'ciudad', 'ciudades'],
    ['Arabic stems: "مدارس" finds "المدارس"', 'مدارس', 'madaris'],
    ['Chinese by a word inside a sentence: "天气"', '天气', 'tianqi'],
    ['Japanese by a word inside a sentence: "今日"', '今日', 'kyou'],
    ['Korean by a word inside a phrase: "회의"', '회의', 'hoeui'],
    ['a single CJK character', '晴', 'kyou'],
    ['a language PostgreSQL does not stem, as typed', 'vintry', 'unknown'],
  ])('%s', async (_name, q, slug) => {
    expect(await found(q)).toEqual([slug]);
  });

  it('does not match CJK characters that are not next to each other', async () => {
    expect(await found('天好')).toEqual([]);
  });

  it.each([
    ['river', 'rivers', 'rivers'],
    ['天气', 'tianqi', '天气'],
    ['présidentielle', 'elections', 'présidentielles'],
  ])('marks the match for %s in the snippet', async (q, slug, strong) => {
    const item = (await store.articles.list({ q, limit: 20 })).items.find(
      (i) => i.article.slug === slug,
    );
    const runs = item?.snippet ?? [];
    expect(runs.filter((r) => r.strong).map((r) => r.text)).toContain(strong);
  });

  it('indexes each article with its language configuration, simple when PostgreSQL has none', async () => {
    const rows = await query<{ slug: string; ts_config: string }>(
      database.url,
      "SELECT slug, ts_config FROM articles WHERE slug IN ('rivers', 'reki', 'tianqi', 'unknown') ORDER BY slug",
    );
    expect(rows).toEqual([
      { slug: 'reki', ts_config: 'broadsheet_russian' },
      { slug: 'rivers', ts_config: 'broadsheet_english' },
      { slug: 'tianqi', ts_config: 'broadsheet_simple' },
      { slug: 'unknown', ts_config: 'broadsheet_simple' },
    ]);
  });

  it('uses the GIN index for a search once the table is large enough to matter', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      // The planner picks a sequential scan on a tiny table; forbid it to see that the index applies.
      await client.query('SET enable_seqscan = off');
      const plan = await client.query<{ 'QUERY PLAN': string }>(
        "EXPLAIN SELECT id FROM articles WHERE tsv @@ to_tsquery('broadsheet_english', 'river:*')",
      );
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/articles_search/);
    } finally {
      await client.end();
    }
  });
});

describeWithPostgres('PostgreSQL migration 2 (facets)', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.drop());

  it('backfills languages, authors, section and tag spellings of articles stored before it', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(PG_MIGRATIONS[0]?.sql ?? '');
      await client.query(`CREATE TABLE broadsheet_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      await client.query("INSERT INTO broadsheet_migrations (version, name) VALUES (1, 'v1')");
      // Rows as a version-1 server wrote them: tag keys only, no names, no authors.
      const stories: [string, Record<string, unknown>][] = [
        [
          'one',
          {
            headline: 'One',
            language: 'en-GB',
            section: 'Économie',
            tags: ['Ünïcode Tag', 'Rates'],
            authors: [{ name: 'Élise Doe' }, { name: 'John Roe' }],
          },
        ],
        [
          'two',
          { headline: 'Two', language: 'fr', tags: ['rates'], authors: [{ name: 'élise doe' }] },
        ],
      ];
      for (const [i, [slug, input]] of stories.entries()) {
        const a = article({ ...input, slug });
        await client.query(
          `INSERT INTO articles (slug, article_id, json, content_hash, published_date, sort_key,
             section_key, tag_keys, ts_config, search_headline, search_standfirst, search_highlights,
             search_body, tsv, created_at, modified_at)
           VALUES ($1, $2, $3, 'x', $4, $5, $6, $7, 'broadsheet_simple', $8, '', '', '',
             to_tsvector('simple', $8), 'c', 'm')`,
          [
            a.slug,
            a.id,
            JSON.stringify(a),
            `2018-05-0${i + 1}`,
            `2018-05-0${i + 1}T00:00:00.000Z`,
            a.section?.toLocaleLowerCase('und') ?? null,
            [...new Set(a.tags.map((t) => t.toLocaleLowerCase('und')))],
            a.headline,
          ],
        );
      }
    } finally {
      await client.end();
    }

    const store = await openPostgresStore(database.url);
    try {
      expect((await store.articles.facets('authors', { limit: 10 })).items).toEqual([
        { name: 'Élise Doe', count: 2 },
        { name: 'John Roe', count: 1 },
      ]);
      expect((await store.articles.facets('tags', { limit: 10 })).items).toEqual([
        { name: 'Rates', count: 2 },
        { name: 'Ünïcode Tag', count: 1 },
      ]);
      expect((await store.articles.facets('sections', { limit: 10 })).items).toEqual([
        { name: 'Environment', count: 1 },
        { name: 'Économie', count: 1 },
      ]);
      const slugs = async (q: Record<string, string>) =>
        (await store.articles.list({ limit: 10, ...q })).items.map((i) => i.article.slug);
      expect(await slugs({ author: 'ÉLISE DOE' })).toEqual(['two', 'one']);
      expect(await slugs({ language: 'en' })).toEqual(['one']);
    } finally {
      await store.close();
    }
  });
});
