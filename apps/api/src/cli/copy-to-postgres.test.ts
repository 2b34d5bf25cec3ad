import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticle, type Article } from '@broadsheet/model';
import { createTestDatabase, runProcess, type TestDatabase } from '@broadsheet/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../store/postgres/index.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store, StoredArticle } from '../store/types.js';
import { articleInput } from '../test-support/articles.js';
import { describeWithPostgres } from '../test-support/backends.js';
import { runCopyToPostgres } from './copy-to-postgres-command.js';

const entry = fileURLToPath(new URL('../../dist/cli/copy-to-postgres.js', import.meta.url));

/** Runs the built command as a user would. */
async function runBuilt(args: string[]) {
  expect(existsSync(entry), 'build the API first (npx tsc -p tsconfig.build.json)').toBe(true);
  return runProcess(process.execPath, [entry, ...args], {
    env: { BROADSHEET_DATABASE_URL: '' },
  });
}

/** Runs the command in this process, collecting its output. */
async function runHere(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCopyToPostgres(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

const LANGUAGES = ['en', 'ru', 'fr', 'zh', 'ar'];
const WORDS = ['harbour', 'granary', 'orchard', 'lighthouse', 'quarry'];

/** 23 articles (three batches of 10), several languages, tags and dates; a stable clock. */
function sampleArticles(): Article[] {
  return Array.from({ length: 23 }, (_, i) =>
    parseArticle(
      articleInput({
        headline: `Story ${i + 1} about the ${WORDS[i % WORDS.length] ?? ''}`,
        language: LANGUAGES[i % LANGUAGES.length],
        publishedAt: `2019-0${(i % 9) + 1}-1${i % 10}T08:00:00Z`,
        tags: [`Tag ${i % 4}`],
        body:
          i % LANGUAGES.length === 3
            ? [{ type: 'paragraph', text: '港口的灯塔今晚重新点亮。' }]
            : [{ type: 'paragraph', text: `Paragraph ${i} of the story.` }],
      }),
    ),
  );
}

function fixture() {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-copy-'));
    file = join(dir, 'broadsheet.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return {
    file: () => file,
    dir: () => dir,
  };
}

/** Everything a reader of the store sees of an article. */
const view = (s: StoredArticle | undefined) =>
  s && {
    article: s.article,
    contentHash: s.contentHash,
    createdAt: s.createdAt,
    modifiedAt: s.modifiedAt,
  };

async function expectSameContent(source: Store, target: Store): Promise<void> {
  expect(await target.articles.count()).toBe(await source.articles.count());
  const all = await source.articles.list({ limit: 100 });
  for (const item of all.items) {
    expect(view(await target.articles.get(item.article.slug))).toEqual(view(item));
  }
  expect(await target.editions.list()).toEqual(await source.editions.list());
  const ids = await source.media.ids({ limit: 100 });
  expect(ids.length).toBeGreaterThan(0);
  expect(await target.media.ids({ limit: 100 })).toEqual(ids);
  for (const id of ids) {
    const [from, to] = [await source.media.get(id), await target.media.get(id)];
    expect(to?.data.equals(from?.data ?? Buffer.alloc(0)), id).toBe(true);
    expect(to && { type: to.type, width: to.width, height: to.height }).toEqual(
      from && { type: from.type, width: from.width, height: from.height },
    );
  }
  expect(await target.articles.days()).toEqual(await source.articles.days());
  for (const q of ['granary', 'lighthouse', '港口']) {
    const slugs = async (s: Store) =>
      (await s.articles.list({ q, limit: 100 })).items.map((i) => i.article.slug).sort();
    const expected = await slugs(source);
    expect(expected.length).toBeGreaterThan(0);
    expect(await slugs(target)).toEqual(expected);
  }
}

describe('copy-to-postgres: bad arguments stop it with one line and exit code 2', () => {
  const files = fixture();
  it.each([
    [
      'a missing file',
      (f: string) => ['--from', `${f}.missing`, '--to', 'postgres:///x'],
      /does not exist/,
    ],
    [
      'a file that is not SQLite',
      (f: string) => {
        writeFileSync(f, 'headline,body\nnot,a database\n'.repeat(50));
        return ['--from', f, '--to', 'postgres:///x'];
      },
      /is not an SQLite database/,
    ],
    [
      'an SQLite file that is not Broadsheet’s',
      (f: string) => {
        writeFileSync(f, '');
        return ['--from', f, '--to', 'postgres:///x'];
      },
      /is not a Broadsheet database/,
    ],
    [
      'a malformed URL',
      (f: string) => ['--from', f, '--to', 'http://db/x'],
      /must be a PostgreSQL URL/,
    ],
    ['no --from', () => ['--to', 'postgres:///x'], /required option '--from <file>'/],
    [
      'a batch out of range',
      (f: string) => ['--from', f, '--to', 'postgres:///x', '--batch', '0'],
      /1 to 100/,
    ],
  ])('%s', async (_name, args, message) => {
    const result = await runBuilt(args(files.file()));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it('an unreachable database: exit 2, one sentence, no password', async () => {
    await openSqliteStore(files.file()).close();
    const result = await runBuilt([
      '--from',
      files.file(),
      '--to',
      'postgres://copier:hunter2@127.0.0.1:1/broadsheet',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^copy-to-postgres: cannot connect to the PostgreSQL database at 127\.0\.0\.1:1\/broadsheet: .*ECONNREFUSED.*\n$/,
    );
    expect(result.stderr).not.toMatch(/hunter2/);
  });
});

describeWithPostgres('copy-to-postgres: a real SQLite file into a real PostgreSQL', () => {
  const files = fixture();
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    // Each test starts from an empty database with the schema in place.
    const store = await openPostgresStore(database.url);
    await store.pool.query(
      'TRUNCATE articles, curated_editions, media, api_keys, feeds, feed_items, publications, deliveries RESTART IDENTITY CASCADE',
    );
    await store.close();
  });

  /** A stored picture as the API keeps one (the bytes need not decode for a copy). */
  const picture = (text: string) => {
    const data = Buffer.from(text);
    return {
      id: createHash('sha256').update(data).digest('hex'),
      type: 'image/jpeg',
      width: 30,
      height: 20,
      data,
    };
  };

  /**
   * The SQLite database a server would have written: articles, curated editions, three pictures,
   * two API keys, a feed with its items, a publication with an issue, and that issue mailed to
   * two readers (one sent, one still queued) and an edition sent by hand where mail failed.
   */
  async function writeSource(): Promise<Store> {
    let clock = Date.parse('2024-02-01T00:00:00Z');
    const sqlite = openSqliteStore(files.file(), { now: () => new Date((clock += 1000)) });
    for (const a of sampleArticles()) await sqlite.articles.create(a);
    await sqlite.editions.create('2019-01-10-morning', {
      title: 'Morning',
      date: '2019-01-10',
      slugs: ['story-1-about-the-harbour', 'story-2-about-the-granary'],
    });
    await sqlite.editions.create('2019-02-11-evening', {
      title: 'Evening',
      date: '2019-02-11',
      language: 'en',
      description: 'The day in brief',
      slugs: ['story-3-about-the-orchard'],
    });
    for (const name of ['harbour at dawn', 'granary roof', 'orchard in bloom'])
      await sqlite.media.put(picture(name));
    // A client's key, and one revoked since.
    await sqlite.keys.create({
      id: 'cms',
      name: 'CMS',
      scopes: ['articles:write'],
      hash: 'ab'.repeat(32),
    });
    await sqlite.keys.create({ id: 'old', name: 'Old', scopes: ['admin'], hash: 'cd'.repeat(32) });
    await sqlite.keys.revoke('old');
    // A feed subscription after a poll, with the two items it recorded.
    await sqlite.feeds.create('harbour', {
      url: 'https://harbour.example.org/feed.xml',
      fullText: 'auto',
      title: 'Harbour news',
    });
    await sqlite.feeds.recordSuccess('harbour', {
      etag: '"v7"',
      nextPollAt: new Date('2024-02-01T01:00:00Z'),
    });
    for (const [key, slug] of [
      ['item-1', 'story-1-about-the-harbour'],
      ['item-2', 'story-2-about-the-granary'],
    ] as const)
      await sqlite.feeds.upsertItem('harbour', {
        itemKey: key,
        contentHash: key,
        articleSlug: slug,
      });
    // A publication of that feed, with the issue its first slot made (a third curated edition).
    const brief = await sqlite.publications.create({
      title: 'Harbour Brief',
      feeds: ['harbour'],
      schedule: '0 6 * * *',
      timeZone: 'UTC',
      maxArticles: 5,
      formats: ['epub'],
    });
    const slot = '2024-03-01T06:00:00.000Z';
    const issue = await sqlite.publications.makeIssue(brief.id, slot, new Date(slot));
    expect(issue).not.toBeNull();
    // One at a time, so the first is due first (the clock moves on each read).
    for (const recipient of ['early@example.org', 'late@example.org'])
      await sqlite.deliveries.enqueue([
        { publicationId: brief.id, editionId: issue!.issue.editionId, recipient },
      ]);
    const [sending] = await sqlite.deliveries.claimDue(new Date(clock), 1, 60_000);
    await sqlite.deliveries.settle(sending!, {
      status: 'sent',
      messageId: '<1@harbour.example.org>',
      at: new Date(clock).toISOString(),
    });
    await sqlite.deliveries.enqueue(
      [{ editionId: '2019-01-10-morning', recipient: 'kindle@example.org' }],
      { failed: 'mail is not configured' },
    );
    return sqlite;
  }

  it('in-process: copies everything with stamps, in batches, and a second run changes nothing', async () => {
    const sqlite = await writeSource();
    const args = ['--from', files.file(), '--to', database.url, '--batch', '10'];
    const first = await runHere(args);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^copied 23 articles \(23 new, 0 updated, 0 unchanged\), 3 curated editions \(3 new, 0 updated, 0 unchanged\), 3 pictures \(3 new, 0 unchanged\), 2 API keys \(2 new, 0 updated, 0 unchanged\), 1 feed \(1 new, 0 updated, 0 unchanged\) with 2 items \(2 new, 0 updated, 0 unchanged\), 1 publication \(1 new, 0 updated, 0 unchanged\) with 1 issue \(1 new, 0 updated, 0 unchanged\) and 3 deliveries \(3 new, 0 updated, 0 unchanged\) from .* to 127\.0\.0\.1:5432\/bs_test_\w+\n$/,
    );
    // Progress: one line per batch of 10 articles, then the editions.
    expect(first.stderr.split('\n').filter((l) => l.startsWith('articles:'))).toEqual([
      'articles: 10 copied (this batch: 10 new, 0 updated, 0 unchanged)',
      'articles: 20 copied (this batch: 10 new, 0 updated, 0 unchanged)',
      'articles: 23 copied (this batch: 3 new, 0 updated, 0 unchanged)',
    ]);
    const pg = await openPostgresStore(database.url);
    try {
      await expectSameContent(sqlite, pg);
      // The client's key works on PostgreSQL as it did on SQLite; the revoked one stays revoked.
      expect(await pg.keys.records()).toEqual(await sqlite.keys.records());
      expect((await pg.keys.find('cms'))?.hash).toBe('ab'.repeat(32));
      expect(await pg.keys.find('old')).toBeUndefined();
      // The feed polls on from where it was (validators, next poll), its items not new again.
      expect(await pg.feeds.get('harbour')).toEqual(await sqlite.feeds.get('harbour'));
      expect(await pg.feeds.items('harbour')).toEqual(await sqlite.feeds.items('harbour'));
      // The publication goes on from its last slot; the slot it issued is not issued again.
      expect(await pg.publications.list()).toEqual(await sqlite.publications.list());
      expect(await pg.publications.issueRecords('harbour-brief')).toEqual(
        await sqlite.publications.issueRecords('harbour-brief'),
      );
      // Mail sent stays sent, mail that failed stays failed, and the queued mail is the new
      // servers' to send: due as it was.
      const deliveries = await pg.deliveries.records({ limit: 10 });
      expect(deliveries).toEqual(await sqlite.deliveries.records({ limit: 10 }));
      expect(deliveries.map((d) => [d.recipient, d.status]).sort()).toEqual([
        ['early@example.org', 'sent'],
        ['kindle@example.org', 'failed'],
        ['late@example.org', 'pending'],
      ]);
      const second = await runHere(args);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(
        /copied 23 articles \(0 new, 0 updated, 23 unchanged\), 3 curated editions \(0 new, 0 updated, 3 unchanged\), 3 pictures \(0 new, 3 unchanged\), 2 API keys \(0 new, 0 updated, 2 unchanged\), 1 feed \(0 new, 0 updated, 1 unchanged\) with 2 items \(0 new, 0 updated, 2 unchanged\), 1 publication \(0 new, 0 updated, 1 unchanged\) with 1 issue \(0 new, 0 updated, 1 unchanged\) and 3 deliveries \(0 new, 0 updated, 3 unchanged\)/,
      );
      await expectSameContent(sqlite, pg);

      // Changed in SQLite since the last copy: replaced; added: created; nothing duplicated.
      const changed = sampleArticles()[4] as Article;
      await sqlite.articles.put(changed.slug, { ...changed, standfirst: 'Now with a quarry.' });
      await sqlite.articles.create(
        parseArticle(articleInput({ headline: 'A late granary story' })),
      );
      await sqlite.media.put(picture('lighthouse at night'));
      // The old server sent the queued mail meanwhile: the copy says so, and PostgreSQL's
      // servers will not send it again.
      const [late] = await sqlite.deliveries.claimDue(new Date('2024-03-02T00:00:00Z'), 1, 60_000);
      await sqlite.deliveries.settle(late!, {
        status: 'sent',
        messageId: '<2@harbour.example.org>',
        at: '2024-03-02T00:00:01.000Z',
      });
      const third = await runHere(args);
      expect(third.code).toBe(0);
      expect(third.stdout).toMatch(/ and 3 deliveries \(0 new, 1 updated, 2 unchanged\) from /);
      expect(await pg.deliveries.claimDue(new Date('2024-03-03T00:00:00Z'), 10, 60_000)).toEqual(
        [],
      );
      expect(third.stdout).toMatch(/copied 24 articles \(1 new, 1 updated, 22 unchanged\)/);
      expect(third.stdout).toMatch(/, 4 pictures \(1 new, 3 unchanged\), /);
      pg.invalidateArticles();
      expect((await pg.articles.get(changed.slug))?.article.standfirst).toBe('Now with a quarry.');
      await expectSameContent(sqlite, pg);
    } finally {
      await pg.close();
      await sqlite.close();
    }
  });

  it('as a process: exit 0 with a summary, twice, the same rows and nothing duplicated', async () => {
    const sqlite = await writeSource();
    await sqlite.close();
    const args = ['--from', files.file(), '--to', database.url];
    const first = await runBuilt(args);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^copied 23 articles \(23 new, 0 updated, 0 unchanged\)/);
    expect(first.stdout).toMatch(/, 3 pictures \(3 new, 0 unchanged\), /);
    expect(first.stdout).toMatch(/, 2 API keys \(2 new, 0 updated, 0 unchanged\), /);
    expect(first.stdout).toMatch(/, 1 feed \(1 new, 0 updated, 0 unchanged\) with 2 items /);
    expect(first.stdout).toMatch(
      /, 1 publication \(1 new, 0 updated, 0 unchanged\) with 1 issue \(1 new, 0 updated, 0 unchanged\) and 3 deliveries \(3 new, 0 updated, 0 unchanged\) from /,
    );
    expect(first.stderr).toMatch(
      /^deliveries: 3 copied \(this batch: 3 new, 0 updated, 0 unchanged\)$/m,
    );
    expect(first.stderr).toMatch(
      /^publications: 1 copied \(this batch: 1 new, 0 updated, 0 unchanged\)$/m,
    );
    expect(first.stderr).toMatch(
      /^feeds: 1 copied \(this batch: 1 new, 0 updated, 0 unchanged\)$/m,
    );
    expect(first.stderr).toMatch(/^keys: 2 copied \(this batch: 2 new, 0 updated, 0 unchanged\)$/m);
    expect(first.stderr).toMatch(/^pictures: 3 copied \(this batch: 3 new, 0 unchanged\)$/m);
    expect(first.stderr).toMatch(/^articles: 23 copied/);
    const second = await runBuilt([...args, '--quiet']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/copied 23 articles \(0 new, 0 updated, 23 unchanged\)/);
    expect(second.stderr).toBe('');
    const source = openSqliteStore(files.file(), { readOnly: true });
    const pg = await openPostgresStore(database.url);
    try {
      await expectSameContent(source, pg);
      const { rows } = await pg.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM articles',
      );
      expect(rows[0]?.n).toBe(23);
    } finally {
      await pg.close();
      await source.close();
    }
  });

  it('an article id held by another slug in PostgreSQL: exit 2 naming both, that batch not written', async () => {
    const sqlite = await writeSource();
    await sqlite.close();
    const pg = await openPostgresStore(database.url);
    const clash = sampleArticles()[0] as Article;
    await pg.articles.create({ ...clash, slug: 'written-in-postgres' });
    await pg.close();
    const result = await runBuilt(['--from', files.file(), '--to', database.url, '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^copy-to-postgres: article id "${clash.id}" already belongs to the article at slug "written-in-postgres" in .*; nothing of that batch was written\\n$`,
      ),
    );
    const after = await openPostgresStore(database.url);
    try {
      expect(await after.articles.count()).toBe(1);
    } finally {
      await after.close();
    }
  });

  it('the same mail already queued in PostgreSQL under another id: exit 2 naming both, never sent twice', async () => {
    const sqlite = await writeSource();
    const queued = (await sqlite.deliveries.records({ limit: 10 })).find(
      (d) => d.recipient === 'late@example.org',
    )!;
    await sqlite.close();
    const pg = await openPostgresStore(database.url);
    const [here] = await pg.deliveries.enqueue([queued]);
    await pg.close();
    const result = await runBuilt(['--from', files.file(), '--to', database.url, '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `copy-to-postgres: the delivery of edition "${queued.editionId}" to late@example.org has the id "${here!.id}", not "${queued.id}" in ${new URL(database.url).host}${new URL(database.url).pathname}; nothing of that batch was written\n`,
    );
    const after = await openPostgresStore(database.url);
    try {
      expect(await after.deliveries.records({ limit: 10 })).toEqual([here]);
    } finally {
      await after.close();
    }
  });

  it("another key under a copied key's id in PostgreSQL: exit 2 naming it, never overwritten", async () => {
    const sqlite = await writeSource();
    await sqlite.close();
    const pg = await openPostgresStore(database.url);
    await pg.keys.create({
      id: 'cms',
      name: 'Made here',
      scopes: ['admin'],
      hash: '99'.repeat(32),
    });
    await pg.close();
    const result = await runBuilt(['--from', files.file(), '--to', database.url, '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^copy-to-postgres: another key has the id "cms" in .*; nothing of that batch was written\n$/,
    );
    const after = await openPostgresStore(database.url);
    try {
      expect((await after.keys.find('cms'))?.hash).toBe('99'.repeat(32));
      expect((await after.keys.records()).map((k) => k.id)).toEqual(['cms']);
    } finally {
      await after.close();
    }
  });
});
