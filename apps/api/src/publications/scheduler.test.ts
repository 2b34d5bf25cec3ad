import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArticle } from '@broadsheet/model';
import { createTestDatabase, type TestDatabase } from '@broadsheet/testing';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PeriodicJob } from '../jobs/periodic.js';
import { createRenderService } from '../render/pool.js';
import type { RenderService } from '../render/types.js';
import { articleInput } from '../test-support/articles.js';
import { describeWithPostgres } from '../test-support/backends.js';
import { insertFeed, insertFeedItem, type DatabaseTarget } from '../test-support/feed-rows.js';
import { openPostgresStore } from '../store/postgres/index.js';
import type { PublicationInput } from '../store/publication-types.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/types.js';
import type { IssueMade } from './issue-hook.js';
import { startPublicationScheduler } from './scheduler.js';

const logger = pino({ level: 'silent' });

const MORNING: PublicationInput = {
  title: 'Morning Brief',
  feeds: ['feed-a'],
  // 06:00 in London: 05:00 UTC in summer.
  schedule: '0 6 * * *',
  timeZone: 'Europe/London',
  maxArticles: 10,
  formats: ['epub'],
};

let dir: string;
let clock: Date;
const now = () => clock;
let made: IssueMade[];
const cleanups: (() => Promise<void>)[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'broadsheet-scheduler-'));
  clock = new Date('2026-06-30T12:00:00Z');
  made = [];
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function renderer(name: string): RenderService {
  const service = createRenderService({ cacheDir: join(dir, name), logger, threads: 1 });
  cleanups.push(() => service.close());
  return service;
}

/** A scheduler as the server starts it, on the test's clock, that only runs when asked. */
function scheduler(store: Store, render: RenderService, options: { everyMs?: number } = {}) {
  const job: PeriodicJob = startPublicationScheduler({
    store,
    renderer: render,
    logger,
    now,
    onIssue: (issue) => {
      made.push(issue);
      return Promise.resolve();
    },
    everyMs: options.everyMs ?? 3_600_000,
    firstDelayMs: options.everyMs ?? 3_600_000,
  });
  cleanups.push(() => job.stop());
  return job;
}

async function arrive(store: Store, target: DatabaseTarget, slug: string, at: string) {
  await store.articles.create(parseArticle(articleInput({ slug, headline: `Story ${slug}` })));
  await insertFeedItem(target, {
    feedId: 'feed-a',
    itemKey: slug,
    articleSlug: slug,
    firstSeenAt: at,
  });
}

describe('publication scheduler (fake clock)', () => {
  let store: Store;
  let target: DatabaseTarget;
  beforeEach(async () => {
    target = { sqlite: join(dir, 'db.sqlite') };
    store = openSqliteStore(target.sqlite, { now });
    cleanups.push(() => store.close());
    await insertFeed(target, 'feed-a');
    await store.publications.create(MORNING);
  });

  it('makes a slot once, at its time, of what arrived', async () => {
    const job = scheduler(store, renderer('cache'));
    await arrive(store, target, 'first', '2026-06-30T18:00:00.000Z');
    clock = new Date('2026-07-01T04:59:59Z');
    await job.runNow();
    expect(made).toEqual([]);

    clock = new Date('2026-07-01T05:00:10Z');
    await job.runNow();
    clock = new Date('2026-07-01T05:00:25Z');
    await job.runNow();
    expect(made).toEqual([
      {
        publicationId: 'morning-brief',
        publicationTitle: 'Morning Brief',
        editionId: '2026-07-01-morning-brief',
        slot: '2026-07-01T05:00:00.000Z',
        formats: ['epub'],
      },
    ]);
    expect(await store.publications.issues('morning-brief', 10)).toHaveLength(1);
    expect((await store.editions.get('2026-07-01-morning-brief'))?.slugs).toEqual(['first']);
  });

  it('makes one issue, of the latest slot, after days of downtime', async () => {
    await arrive(store, target, 'monday', '2026-06-30T18:00:00.000Z');
    await arrive(store, target, 'wednesday', '2026-07-02T18:00:00.000Z');
    clock = new Date('2026-07-04T09:00:00Z');
    // The server starts again: its first run finds four missed mornings.
    const job = scheduler(store, renderer('cache'));
    await job.runNow();
    await job.runNow();
    expect(made.map((m) => m.slot)).toEqual(['2026-07-04T05:00:00.000Z']);
    expect((await store.editions.get('2026-07-04-morning-brief'))?.slugs).toEqual([
      'wednesday',
      'monday',
    ]);
  });

  it('makes no issue when nothing arrived, and does not try the slot again', async () => {
    const job = scheduler(store, renderer('cache'));
    clock = new Date('2026-07-01T05:00:10Z');
    await job.runNow();
    expect(made).toEqual([]);
    expect((await store.publications.get('morning-brief'))?.lastSlot).toBe(
      '2026-07-01T05:00:00.000Z',
    );
    // Something arrives later that morning: it waits for the next slot.
    await arrive(store, target, 'late', '2026-07-01T07:00:00.000Z');
    clock = new Date('2026-07-01T08:00:00Z');
    await job.runNow();
    expect(made).toEqual([]);
    clock = new Date('2026-07-02T05:00:01Z');
    await job.runNow();
    expect(made.map((m) => m.editionId)).toEqual(['2026-07-02-morning-brief']);
    expect(await store.publications.issues('morning-brief', 10)).toHaveLength(1);
  });

  it('renders the issue ahead in its formats', async () => {
    const render = renderer('cache');
    const job = scheduler(store, render);
    await arrive(store, target, 'first', '2026-06-30T18:00:00.000Z');
    clock = new Date('2026-07-01T05:00:10Z');
    await job.runNow();
    expect(render.stats().rendered).toBe(1);
  });
});

describeWithPostgres('publication scheduler on PostgreSQL replicas', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
    cleanups.push(() => database.drop());
  });

  it('makes exactly one issue per slot when several replicas race', async () => {
    const target = { postgres: database.url };
    const replicas = await Promise.all(
      [1, 2, 3].map(() => openPostgresStore(database.url, { now, listen: false })),
    );
    for (const r of replicas) cleanups.push(() => r.close());
    const [first] = replicas;
    if (!first) throw new Error('no replica');
    await insertFeed(target, 'feed-a');
    await first.publications.create(MORNING);
    const jobs = replicas.map((r, i) => scheduler(r, renderer(`cache-${i}`)));

    for (const [day, slot] of [
      ['2026-07-01', '2026-07-01T05:00:00.000Z'],
      ['2026-07-02', '2026-07-02T05:00:00.000Z'],
      ['2026-07-03', '2026-07-03T05:00:00.000Z'],
    ] as const) {
      await arrive(first, target, `story-${day}`, `${day}T01:00:00.000Z`);
      clock = new Date(Date.parse(slot) + 5_000);
      await Promise.all([...jobs, ...jobs].map((job) => job.runNow()));
    }
    expect(made.map((m) => m.slot)).toEqual([
      '2026-07-01T05:00:00.000Z',
      '2026-07-02T05:00:00.000Z',
      '2026-07-03T05:00:00.000Z',
    ]);
    const issues = await first.publications.issues('morning-brief', 10);
    expect(issues.map((i) => [i.slot, i.articleCount])).toEqual([
      ['2026-07-03T05:00:00.000Z', 1],
      ['2026-07-02T05:00:00.000Z', 1],
      ['2026-07-01T05:00:00.000Z', 1],
    ]);
    expect((await first.editions.list()).map((e) => e.id).sort()).toEqual([
      '2026-07-01-morning-brief',
      '2026-07-02-morning-brief',
      '2026-07-03-morning-brief',
    ]);
  });
});

describe('publication scheduler (real timers)', () => {
  it('makes an issue when a seconds schedule comes round', async () => {
    const target = { sqlite: join(dir, 'db.sqlite') };
    const store = openSqliteStore(target.sqlite);
    cleanups.push(() => store.close());
    await insertFeed(target, 'feed-a');
    await store.publications.create({ ...MORNING, schedule: '* * * * * *' });
    await arrive(store, target, 'now', new Date().toISOString());
    const announced = new Promise<IssueMade>((resolve) => {
      const job = startPublicationScheduler({
        store,
        renderer: renderer('cache'),
        logger,
        now: () => new Date(),
        onIssue: (issue) => {
          resolve(issue);
          return Promise.resolve();
        },
        everyMs: 200,
      });
      cleanups.push(() => job.stop());
    });
    const issue = await announced;
    expect(issue.publicationId).toBe('morning-brief');
    expect(issue.slot).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(await store.publications.issues('morning-brief', 10)).toHaveLength(1);
  });
});
