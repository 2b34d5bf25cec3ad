import { epubcheckTs, formatEpubCheckProblems } from '@broadsheet/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { insertFeed, insertFeedItem, serverDatabase } from '../test-support/feed-rows.js';
import {
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from '../test-support/server.js';
import type { IssueMade } from './issue-hook.js';

interface Problem {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

let server: TestServer;
let clock: Date;
const issues: IssueMade[] = [];

async function start(options: TestServerOptions = {}): Promise<void> {
  server = await startTestServer({
    now: () => clock,
    onIssue: (issue) => {
      issues.push(issue);
      return Promise.resolve();
    },
    ...options,
  });
  for (const id of ['feed-a', 'feed-b']) await insertFeed(serverDatabase(server), id);
}

function send(method: string, path: string, body?: unknown, auth = true): Promise<Response> {
  return fetch(server.url + path, {
    method,
    headers: {
      ...(auth && server.auth),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

/** An article that arrived through a feed, as the poller stores it. */
async function arrive(feedId: string, slug: string, at: string): Promise<void> {
  const res = await send('POST', '/v1/articles', articleInput({ slug, headline: `Story ${slug}` }));
  expect(res.status).toBe(201);
  await insertFeedItem(serverDatabase(server), {
    feedId,
    itemKey: `guid-${slug}`,
    articleSlug: slug,
    firstSeenAt: at,
  });
}

const BODY = {
  title: 'Morning Brief',
  feeds: ['feed-a', 'feed-b'],
  schedule: '0 6 * * *',
  timeZone: 'Europe/London',
  maxArticles: 20,
  formats: ['epub', 'pdf'],
  deliver: { email: ['reader@example.org'] },
};

beforeEach(() => {
  clock = new Date('2026-07-01T12:00:00Z');
  issues.length = 0;
});
afterEach(() => server.close());

describe('/v1/publications', () => {
  it('creates, shows, lists, replaces and deletes a publication', async () => {
    await start({
      deliveryStatus: (id) => Promise.resolve([{ publicationId: id, state: 'sent' }]),
    });
    expect((await send('POST', '/v1/publications', BODY, false)).status).toBe(401);

    const created = await send('POST', '/v1/publications', BODY);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/publications/morning-brief');
    const resource = (await created.json()) as Record<string, unknown>;
    expect(resource).toMatchObject({
      id: 'morning-brief',
      feeds: ['feed-a', 'feed-b'],
      // 06:00 in London in July is 05:00 UTC, the next morning.
      nextIssueAt: '2026-07-02T05:00:00.000Z',
      lastIssue: null,
      issues: [],
      deliveries: [{ publicationId: 'morning-brief', state: 'sent' }],
      links: {
        opds: '/opds/publications/morning-brief',
        reader: '/publications/morning-brief',
        atom: '/publications/morning-brief/feed.atom',
      },
    });

    // Recipients and their deliveries are the operator's: reads need the credential, the issues
    // (as in OPDS and on the reader site) do not.
    for (const path of ['/v1/publications', '/v1/publications/morning-brief'])
      expect((await send('GET', path, undefined, false)).status).toBe(401);
    expect(
      (await send('GET', '/v1/publications/morning-brief/issues', undefined, false)).status,
    ).toBe(200);

    const list = (await (await send('GET', '/v1/publications')).json()) as {
      items: { id: string }[];
    };
    expect(list.items.map((p) => p.id)).toEqual(['morning-brief']);

    const replaced = await send('PUT', '/v1/publications/morning-brief', {
      ...BODY,
      title: 'Evening Brief',
      schedule: '30 18 * * 1-5',
      timeZone: 'America/New_York',
    });
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({
      title: 'Evening Brief',
      nextIssueAt: '2026-07-01T22:30:00.000Z',
    });
    expect((await send('PUT', '/v1/publications/nothing', BODY)).status).toBe(404);

    expect((await send('DELETE', '/v1/publications/morning-brief')).status).toBe(204);
    expect((await send('GET', '/v1/publications/morning-brief')).status).toBe(404);
  });

  it.each([
    ['an unknown feed', { feeds: ['feed-a', 'nope'] }, 422, 'feeds.1'],
    ['a schedule that never fires', { schedule: '0 0 31 2 *' }, 422, 'schedule'],
    ['a schedule that is not cron', { schedule: 'every morning' }, 422, 'schedule'],
    ['a cron expression with a year', { schedule: '0 0 6 * * * 2027' }, 422, 'schedule'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 422, 'timeZone'],
    [
      'a bad address',
      { deliver: { email: ['reader@example.org', 'not an address'] } },
      422,
      'deliver.email.1',
    ],
    ['no title', { title: '' }, 400, 'body.title'],
    ['no feeds', { feeds: [] }, 400, 'body.feeds'],
    ['a format twice', { formats: ['epub', 'epub'] }, 400, 'body.formats'],
    ['an unknown format', { formats: ['mobi'] }, 400, 'body.formats.0'],
    ['too many articles', { maxArticles: 100_000 }, 400, 'body.maxArticles'],
    ['an unknown field', { colour: 'red' }, 400, 'body'],
  ])('refuses %s, naming the field', async (_what, change, status, path) => {
    await start();
    const res = await send('POST', '/v1/publications', { ...BODY, ...change });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as Problem;
    expect(problem.errors?.map((e) => e.path)).toContain(path);
    expect(await (await send('GET', '/v1/publications')).json()).toEqual({
      items: [],
      total: 0,
    });
  });

  it('makes an issue on request: a downloadable edition, rendered ahead, then announced', async () => {
    await start();
    await send('POST', '/v1/publications', BODY);
    const empty = await send('POST', '/v1/publications/morning-brief/issues');
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as Problem).detail).toMatch(/nothing has arrived/);
    expect((await send('POST', '/v1/publications/nothing/issues')).status).toBe(404);

    await arrive('feed-a', 'first', '2026-07-01T10:00:00.000Z');
    await arrive('feed-b', 'second', '2026-07-01T11:00:00.000Z');
    const made = await send('POST', '/v1/publications/morning-brief/issues');
    expect(made.status).toBe(201);
    expect(made.headers.get('location')).toBe('/v1/editions/2026-07-01-morning-brief');
    const edition = (await made.json()) as {
      id: string;
      sections: { articles: { slug: string }[] }[];
    };
    expect(edition.id).toBe('2026-07-01-morning-brief');
    expect(edition.sections.flatMap((s) => s.articles.map((a) => a.slug))).toEqual([
      'second',
      'first',
    ]);
    expect(issues).toEqual([
      {
        publicationId: 'morning-brief',
        publicationTitle: 'Morning Brief',
        editionId: '2026-07-01-morning-brief',
        slot: 'manual:2026-07-01T12:00:00.000Z',
        formats: ['epub', 'pdf'],
        deliver: { email: ['reader@example.org'] },
      },
    ]);

    // Both files were rendered ahead: the downloads render nothing.
    const rendered = server.deps.renderer.stats().rendered;
    expect(rendered).toBe(2);
    const epub = await send('GET', '/v1/editions/2026-07-01-morning-brief.epub');
    expect(epub.status).toBe(200);
    expect(formatEpubCheckProblems(await epubcheckTs(Buffer.from(await epub.arrayBuffer())))).toBe(
      '',
    );
    expect((await send('GET', '/v1/editions/2026-07-01-morning-brief.pdf')).status).toBe(200);
    expect(server.deps.renderer.stats().rendered).toBe(rendered);

    const shown = (await (await send('GET', '/v1/publications/morning-brief')).json()) as {
      lastIssue: { editionId: string; articleCount: number; links: { epub: string } };
    };
    expect(shown.lastIssue).toMatchObject({
      editionId: '2026-07-01-morning-brief',
      articleCount: 2,
      links: { epub: '/v1/editions/2026-07-01-morning-brief.epub' },
    });
    // Nothing since: the next request makes no issue.
    expect((await send('POST', '/v1/publications/morning-brief/issues')).status).toBe(422);
  });

  it('keeps the issue when the hook fails', async () => {
    await start({ onIssue: () => Promise.reject(new Error('mail server down')) });
    await send('POST', '/v1/publications', { ...BODY, formats: ['epub'] });
    await arrive('feed-a', 'first', '2026-07-01T10:00:00.000Z');
    const made = await send('POST', '/v1/publications/morning-brief/issues');
    expect(made.status).toBe(201);
    const listed = (await (await send('GET', '/v1/publications/morning-brief/issues')).json()) as {
      items: { editionId: string }[];
    };
    expect(listed.items.map((i) => i.editionId)).toEqual(['2026-07-01-morning-brief']);
  });
});
