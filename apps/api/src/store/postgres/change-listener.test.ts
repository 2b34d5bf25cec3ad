import { parseArticle, type Article } from '@broadsheet/model';
import { createTestDatabase, type TestDatabase } from '@broadsheet/testing';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { articleInput } from '../../test-support/articles.js';
import { describeWithPostgres } from '../../test-support/backends.js';
import { LISTENER_APPLICATION_NAME } from './change-listener.js';
import { openPostgresStore, type PostgresStore } from './index.js';

const article = (overrides: Record<string, unknown> = {}): Article =>
  parseArticle(articleInput(overrides));

/** Waits until `condition` holds (a notification is delivered asynchronously), at most 10 s. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describeWithPostgres('PostgreSQL store: article caches across replicas (LISTEN/NOTIFY)', () => {
  let database: TestDatabase;
  let a: PostgresStore;
  let b: PostgresStore;
  let admin: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase();
    [a, b] = await Promise.all([openPostgresStore(database.url), openPostgresStore(database.url)]);
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await Promise.all([a.close(), b.close()]);
    await database.drop();
  });

  /**
   * B's cached copy of `slug`: two reads hand out the very same object only from the cache. (A
   * read that a notification overtakes is not cached, so the first reads after a write may each
   * go to the database.)
   */
  async function cachedOnB(slug: string): Promise<string | undefined> {
    let previous = await b.articles.get(slug);
    for (let attempt = 0; attempt < 20; attempt++) {
      const next = await b.articles.get(slug);
      if (next !== undefined && next === previous) return next.article.headline;
      previous = next;
    }
    throw new Error(`B never cached ${slug}`);
  }

  it('a write on one store is seen by the other, whose cache held the old row', async () => {
    await a.articles.create(article({ slug: 'river', headline: 'River version one' }));
    expect(await cachedOnB('river')).toBe('River version one');

    const heard = b.listener?.received ?? 0;
    await a.articles.put('river', article({ slug: 'river', headline: 'River version two' }));
    await until(() => (b.listener?.received ?? 0) > heard, "B to hear A's write");
    expect((await b.articles.get('river'))?.article.headline).toBe('River version two');

    // A write that is not the API's (an administrator's SQL) is announced by the trigger too.
    expect(await cachedOnB('river')).toBe('River version two');
    const heard2 = b.listener?.received ?? 0;
    await admin.query("UPDATE articles SET json = replace(json, 'version two', 'version three')");
    await until(() => (b.listener?.received ?? 0) > heard2, 'B to hear the UPDATE');
    expect((await b.articles.get('river'))?.article.headline).toBe('River version three');

    // A delete elsewhere: B no longer serves the article.
    const heard3 = b.listener?.received ?? 0;
    expect(await a.articles.delete('river')).toBe(true);
    await until(() => (b.listener?.received ?? 0) > heard3, 'B to hear the delete');
    expect(await b.articles.get('river')).toBeUndefined();
  });

  it("a write on A is seen by a store's very next read even when no notification reaches it", async () => {
    // No listener at all: only the validation of cached rows stands between it and a stale read.
    const deaf = await openPostgresStore(database.url, { listen: false });
    try {
      await a.articles.create(article({ slug: 'canal', headline: 'Canal first' }));
      const first = await deaf.articles.get('canal');
      expect(await deaf.articles.get('canal')).toBe(first);
      await a.articles.put('canal', article({ slug: 'canal', headline: 'Canal second' }));
      expect((await deaf.articles.get('canal'))?.article.headline).toBe('Canal second');
      expect((await deaf.articles.getMany(['canal']))[0]?.article.headline).toBe('Canal second');
      await a.articles.delete('canal');
      expect(await deaf.articles.get('canal')).toBeUndefined();
      expect(await deaf.articles.getMany(['canal'])).toEqual([]);
    } finally {
      await deaf.close();
    }
  });

  it('a write that is rolled back is never announced', async () => {
    await a.articles.create(article({ slug: 'lake', headline: 'Lake first' }));
    expect(await cachedOnB('lake')).toBe('Lake first');
    const heard = b.listener?.received ?? 0;
    await admin.query('BEGIN');
    await admin.query("UPDATE articles SET json = replace(json, 'first', 'rolled back')");
    await admin.query('ROLLBACK');
    // A committed write after it: once B hears that one, it would have heard the first.
    await a.articles.create(article({ slug: 'pond', headline: 'Pond' }));
    await until(() => (b.listener?.received ?? 0) > heard, 'B to hear the create');
    expect(b.listener?.received).toBe(heard + 1);
    expect(await cachedOnB('lake')).toBe('Lake first');
  });

  it('the listening connection killed: the cache is off and dropped, writes made meanwhile are seen, and listening resumes', async () => {
    await a.articles.create(article({ slug: 'storm', headline: 'Storm early' }));
    expect(await cachedOnB('storm')).toBe('Storm early');
    const connections = b.listener?.connections ?? 0;

    const killed = await admin.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = $1`,
      [LISTENER_APPLICATION_NAME],
    );
    expect(killed.rows[0]?.n).toBe(2);
    await until(() => b.listener?.listening === false, "B's listener to notice");
    // Written while nobody listens: no notification reaches B, ever.
    await admin.query("UPDATE articles SET json = replace(json, 'Storm early', 'Storm missed')");
    expect((await b.articles.get('storm'))?.article.headline).toBe('Storm missed');

    await until(() => (b.listener?.connections ?? 0) > connections, 'B to listen again');
    expect(b.listener?.listening).toBe(true);
    expect(await cachedOnB('storm')).toBe('Storm missed');
    const heard = b.listener?.received ?? 0;
    await a.articles.put('storm', article({ slug: 'storm', headline: 'Storm late' }));
    await until(() => (b.listener?.received ?? 0) > heard, "B to hear A's write again");
    expect((await b.articles.get('storm'))?.article.headline).toBe('Storm late');
  });
});
