import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArticle } from '@broadsheet/model';
import { createTestDatabase, type TestDatabase } from '@broadsheet/testing';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { describeEachBackend, type BackendName } from '../test-support/backends.js';
import { insertFeed, insertFeedItem, type DatabaseTarget } from '../test-support/feed-rows.js';
import { openPostgresStore } from './postgres/index.js';
import { UnknownFeedError, type PublicationInput } from './publication-types.js';
import { openSqliteStore } from './sqlite/index.js';
import type { Store } from './types.js';

interface Backend {
  target(): DatabaseTarget;
  open(): Promise<Store>;
}

function useSqlite(): Backend {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-publications-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const target = () => ({ sqlite: join(dir, 'db.sqlite') });
  return { target, open: () => Promise.resolve().then(() => openSqliteStore(target().sqlite)) };
}

function usePostgres(): Backend {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await (await openPostgresStore(database.url, { listen: false })).close();
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(
      'TRUNCATE articles, curated_editions, feeds, publications, deliveries CASCADE',
    );
    await client.end();
  });
  return {
    target: () => ({ postgres: database.url }),
    open: () => openPostgresStore(database.url, { listen: false }),
  };
}

const input = (overrides: Partial<PublicationInput> = {}): PublicationInput => ({
  title: 'Morning Brief',
  feeds: ['feed-a', 'feed-b'],
  schedule: '0 6 * * *',
  timeZone: 'Europe/London',
  maxArticles: 10,
  formats: ['epub'],
  ...overrides,
});

describeEachBackend('publication store', (name: BackendName) => {
  const backend = name === 'sqlite' ? useSqlite() : usePostgres();
  let store: Store;
  const opened: Store[] = [];
  const open = async () => {
    const s = await backend.open();
    opened.push(s);
    return s;
  };
  /** An article that arrived through `feedId` as item `itemKey` at `at`. */
  const arrive = async (feedId: string, itemKey: string, slug: string, at: string) => {
    if (!(await store.articles.get(slug)))
      await store.articles.create(parseArticle(articleInput({ headline: `Story ${slug}`, slug })));
    await insertFeedItem(backend.target(), { feedId, itemKey, articleSlug: slug, firstSeenAt: at });
  };

  beforeEach(async () => {
    store = await open();
    await insertFeed(backend.target(), 'feed-a');
    await insertFeed(backend.target(), 'feed-b');
    await insertFeed(backend.target(), 'feed-c');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  it('stores, lists, replaces and deletes a publication, its id made from its title', async () => {
    const first = await store.publications.create(input({ deliver: { email: ['a@example.org'] } }));
    const second = await store.publications.create(input({ feeds: ['feed-c'] }));
    expect(first).toMatchObject({
      id: 'morning-brief',
      feeds: ['feed-a', 'feed-b'],
      timeZone: 'Europe/London',
      deliver: { email: ['a@example.org'] },
      revision: 1,
    });
    expect(second.id).toBe('morning-brief-2');
    expect(await store.publications.get('morning-brief')).toEqual(first);
    expect((await store.publications.list()).map((p) => p.id)).toEqual([
      'morning-brief',
      'morning-brief-2',
    ]);
    const replaced = await store.publications.update(
      'morning-brief',
      input({ title: 'Evening', feeds: ['feed-b', 'feed-a'], formats: ['pdf', 'epub'] }),
    );
    expect(replaced).toMatchObject({
      id: 'morning-brief',
      title: 'Evening',
      feeds: ['feed-b', 'feed-a'],
      formats: ['pdf', 'epub'],
      revision: 2,
    });
    expect(replaced?.deliver).toBeUndefined();
    expect(await store.publications.update('nothing', input())).toBeUndefined();
    expect(await store.publications.delete('morning-brief')).toBe(true);
    expect(await store.publications.delete('morning-brief')).toBe(false);
    expect(await store.publications.get('morning-brief')).toBeUndefined();
  });

  it('restores publications and issues copied from another store: as given, idempotent', async () => {
    await arrive('feed-a', 'i1', 'harbour', '2026-01-01T05:00:00.000Z');
    const made = await store.publications.create(input({ deliver: { email: ['a@example.org'] } }));
    const issued = await store.publications.makeIssue(
      made.id,
      '2026-01-01T06:00:00.000Z',
      new Date('2026-01-01T06:00:00.000Z'),
    );
    expect(issued).not.toBeNull();
    const source = (await store.publications.get(made.id))!;
    const issues = await store.publications.issueRecords(made.id);
    expect(issues.map((i) => i.slot)).toEqual(['2026-01-01T06:00:00.000Z']);

    // Copied under another id, as a second store would receive it.
    const copy = { ...source, id: 'copied-brief', feeds: ['feed-b', 'feed-a'] };
    expect(await store.publications.restore([copy])).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
    });
    expect(await store.publications.get('copied-brief')).toEqual(copy);
    const copiedIssues = issues.map((i) => ({ ...i, publicationId: 'copied-brief' }));
    expect(await store.publications.restoreIssues(copiedIssues)).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
    });
    expect(await store.publications.issueRecords('copied-brief')).toEqual(copiedIssues);
    // The copied slot is taken: the schedule does not issue it again.
    expect(
      await store.publications.makeIssue(
        'copied-brief',
        copiedIssues[0]!.slot,
        new Date('2026-01-01T06:00:00.000Z'),
      ),
    ).toBeNull();

    expect(await store.publications.restore([copy])).toEqual({
      created: 0,
      updated: 0,
      unchanged: 1,
    });
    expect(await store.publications.restoreIssues(copiedIssues)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 1,
    });
    const changed = { ...copy, maxArticles: 3, feeds: ['feed-c'] };
    expect(await store.publications.restore([changed])).toEqual({
      created: 0,
      updated: 1,
      unchanged: 0,
    });
    expect(await store.publications.get('copied-brief')).toEqual({
      ...changed,
      revision: copy.revision + 1,
    });

    // A feed the target lacks: nothing of the batch is written.
    await expect(
      store.publications.restore([
        { ...copy, id: 'other-brief' },
        { ...copy, id: 'bad', feeds: ['nope'] },
      ]),
    ).rejects.toBeInstanceOf(UnknownFeedError);
    expect(await store.publications.get('other-brief')).toBeUndefined();
  });

  it('refuses an unknown feed, naming its place, and stores nothing', async () => {
    const err: unknown = await store.publications
      .create(input({ feeds: ['feed-a', 'nope'] }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownFeedError);
    expect(err).toMatchObject({ index: 1 });
    expect(await store.publications.list()).toEqual([]);
    const p = await store.publications.create(input());
    await expect(store.publications.update(p.id, input({ feeds: ['nope'] }))).rejects.toMatchObject(
      { index: 0 },
    );
    expect((await store.publications.get(p.id))?.feeds).toEqual(['feed-a', 'feed-b']);
  });

  it('makes an issue of what arrived, newest first up to maxArticles, as a curated edition', async () => {
    const p = await store.publications.create(input({ maxArticles: 2 }));
    await arrive('feed-a', 'a1', 'oldest', '2026-12-03T20:00:00.000Z');
    await arrive('feed-b', 'b1', 'middle', '2026-12-03T21:00:00.000Z');
    await arrive('feed-a', 'a2', 'newest', '2026-12-03T22:00:00.000Z');
    await arrive('feed-c', 'c1', 'other-feed', '2026-12-03T22:30:00.000Z');
    await arrive('feed-a', 'a3', 'after-the-cutoff', '2026-12-04T07:00:00.000Z');
    const made = await store.publications.makeIssue(
      p.id,
      '2026-12-04T06:00:00.000Z',
      new Date('2026-12-04T06:00:05Z'),
    );
    expect(made?.edition).toMatchObject({
      id: '2026-12-04-morning-brief',
      title: 'Morning Brief',
      date: '2026-12-04',
      slugs: ['newest', 'middle'],
    });
    expect(made?.issue).toMatchObject({ editionId: '2026-12-04-morning-brief', articleCount: 2 });
    expect(await store.editions.get('2026-12-04-morning-brief')).toMatchObject({
      slugs: ['newest', 'middle'],
    });
    expect(await store.publications.issues(p.id, 10)).toEqual([made?.issue]);
    expect(await store.publications.get(p.id)).toMatchObject({
      lastIssueAt: '2026-12-04T06:00:05.000Z',
      cutoff: '2026-12-04T06:00:05.000Z',
      lastSlot: '2026-12-04T06:00:00.000Z',
    });

    // The next issue takes only what arrived since: 'oldest' was passed over for good.
    const next = await store.publications.makeIssue(
      p.id,
      'manual:2026-12-04T08:00:00.000Z',
      new Date('2026-12-04T08:00:00Z'),
    );
    expect(next?.edition).toMatchObject({ id: '2026-12-04-morning-brief-2' });
    expect(next?.edition.slugs).toEqual(['after-the-cutoff']);
    expect((await store.publications.issues(p.id, 10)).map((i) => i.editionId)).toEqual([
      '2026-12-04-morning-brief-2',
      '2026-12-04-morning-brief',
    ]);
    // A manual issue moves the cutoff, not the schedule's place.
    expect(await store.publications.get(p.id)).toMatchObject({
      cutoff: '2026-12-04T08:00:00.000Z',
      lastSlot: '2026-12-04T06:00:00.000Z',
    });
  });

  it('never gives a new issue the id of an earlier one whose edition was deleted', async () => {
    const p = await store.publications.create(input({}));
    await arrive('feed-a', 'a1', 'first-story', '2026-12-04T05:00:00.000Z');
    const made = await store.publications.makeIssue(
      p.id,
      'manual:2026-12-04T06:00:00.000Z',
      new Date('2026-12-04T06:00:00Z'),
    );
    await store.deliveries.enqueue([
      { publicationId: p.id, editionId: made!.edition.id, recipient: 'reader@example.org' },
    ]);
    expect(await store.editions.delete(made!.edition.id)).toBe(true);
    await arrive('feed-a', 'a2', 'second-story', '2026-12-04T07:00:00.000Z');
    const next = await store.publications.makeIssue(
      p.id,
      'manual:2026-12-04T08:00:00.000Z',
      new Date('2026-12-04T08:00:00Z'),
    );
    // Reused, the id would have named the old issue's mail (sent) for the new one.
    expect(next?.edition.id).toBe('2026-12-04-morning-brief-2');
    expect(await store.deliveries.forEdition(next!.edition.id)).toEqual([]);
  });

  it('makes a slot once, and a slot found empty is not tried again', async () => {
    const p = await store.publications.create(input());
    const slot = '2026-12-04T06:00:00.000Z';
    const empty = await store.publications.makeIssue(p.id, slot, new Date(slot));
    expect(empty).toBeNull();
    expect(await store.publications.issues(p.id, 10)).toEqual([]);
    expect((await store.publications.get(p.id))?.lastSlot).toBe(slot);
    expect((await store.publications.get(p.id))?.cutoff).toBeUndefined();

    await arrive('feed-a', 'a1', 'late', '2026-12-04T06:30:00.000Z');
    expect(
      await store.publications.makeIssue(p.id, slot, new Date('2026-12-04T07:00:00Z')),
    ).toBeNull();
    const nextSlot = '2026-12-05T06:00:00.000Z';
    const made = await store.publications.makeIssue(p.id, nextSlot, new Date(nextSlot));
    expect(made?.edition.slugs).toEqual(['late']);
    expect(await store.publications.makeIssue(p.id, nextSlot, new Date(nextSlot))).toBeNull();
    expect(await store.publications.issues(p.id, 10)).toHaveLength(1);
    expect(await store.publications.makeIssue('gone', nextSlot, new Date(nextSlot))).toBeNull();
  });

  it('counts an item in several feeds once, at its first arrival', async () => {
    const p = await store.publications.create(input());
    await arrive('feed-a', 'guid-1', 'shared-in-a', '2026-12-03T10:00:00.000Z');
    await arrive('feed-b', 'guid-1', 'shared-in-b', '2026-12-03T11:00:00.000Z');
    await arrive('feed-b', 'guid-2', 'only-b', '2026-12-03T09:00:00.000Z');
    const first = await store.publications.makeIssue(
      p.id,
      'manual:1',
      new Date('2026-12-03T12:00:00Z'),
    );
    expect(first?.edition.slugs).toEqual(['shared-in-a', 'only-b']);
    // Seen again in a third feed of the publication later: already issued, not again.
    await store.publications.update(p.id, input({ feeds: ['feed-a', 'feed-b', 'feed-c'] }));
    await arrive('feed-c', 'guid-1', 'shared-in-c', '2026-12-03T13:00:00.000Z');
    expect(
      await store.publications.makeIssue(p.id, 'manual:2', new Date('2026-12-03T14:00:00Z')),
    ).toBeNull();
  });

  it('leaves out items whose article was deleted, and feeds deleted since', async () => {
    const p = await store.publications.create(input());
    await arrive('feed-a', 'a1', 'kept', '2026-12-03T10:00:00.000Z');
    await arrive('feed-a', 'a2', 'deleted', '2026-12-03T11:00:00.000Z');
    await arrive('feed-b', 'b1', 'feed-gone', '2026-12-03T12:00:00.000Z');
    await store.articles.delete('deleted');
    const client = backend.target();
    if ('sqlite' in client) {
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(client.sqlite);
      db.pragma('foreign_keys = ON');
      db.prepare("DELETE FROM feeds WHERE id = 'feed-b'").run();
      db.close();
    } else {
      const c = new pg.Client({ connectionString: client.postgres });
      await c.connect();
      await c.query("DELETE FROM feeds WHERE id = 'feed-b'");
      await c.end();
    }
    expect((await store.publications.get(p.id))?.feeds).toEqual(['feed-a']);
    const made = await store.publications.makeIssue(
      p.id,
      'manual:1',
      new Date('2026-12-03T13:00:00Z'),
    );
    expect(made?.edition.slugs).toEqual(['kept']);
  });

  it('moves the change stamp when publications and issues are written', async () => {
    const before = (await store.revision()).revision;
    const p = await store.publications.create(input());
    const created = (await store.revision()).revision;
    expect(created).toBeGreaterThan(before);
    await store.publications.delete(p.id);
    expect((await store.revision()).revision).toBeGreaterThan(created);
  });

  if (name === 'postgres') {
    it('lets one of several stores racing for a slot make its issue', async () => {
      const p = await store.publications.create(input());
      await arrive('feed-a', 'a1', 'story', '2026-12-03T10:00:00.000Z');
      const others = await Promise.all([open(), open()]);
      const slot = '2026-12-04T06:00:00.000Z';
      const results = await Promise.all(
        [store, ...others, store, ...others].map((s) =>
          s.publications.makeIssue(p.id, slot, new Date(slot)),
        ),
      );
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(await store.publications.issues(p.id, 10)).toHaveLength(1);
      expect((await store.editions.list()).map((e) => e.id)).toEqual(['2026-12-04-morning-brief']);
    });
  }
});
