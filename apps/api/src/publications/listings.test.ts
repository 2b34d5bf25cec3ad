import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REL } from '../opds/atom-xml.js';
import type { Opds2Feed } from '../opds/opds2.js';
import { opds2Errors } from '../opds/test-support/opds2-schemas.js';
import { attrs, children, linksByRel, parseXml, text } from '../opds/test-support/xml.js';
import { articleInput } from '../test-support/articles.js';
import { insertFeed, insertFeedItem, serverDatabase } from '../test-support/feed-rows.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

const ACQ = 'application/atom+xml;profile=opds-catalog;kind=acquisition';
// A title that must be escaped everywhere it is shown.
const TITLE = 'Brief <script>alert(1)</script> & "Co"';
const ID = 'brief-script-alert-1-script-co';
/** The issues made below, newest first. */
const ISSUES = [
  '2026-07-02-brief-script-alert-1-script-co',
  '2026-07-01-brief-script-alert-1-script-co',
];

let server: TestServer;
let clock = new Date('2026-07-01T12:00:00Z');

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(server.url + path, {
    method,
    headers: {
      ...server.auth,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

async function arrive(slug: string, at: string): Promise<void> {
  expect((await send('POST', '/v1/articles', articleInput({ slug, headline: slug }))).status).toBe(
    201,
  );
  await insertFeedItem(serverDatabase(server), {
    feedId: 'feed-a',
    itemKey: slug,
    articleSlug: slug,
    firstSeenAt: at,
  });
}

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  await insertFeed(serverDatabase(server), 'feed-a');
  const created = await send('POST', '/v1/publications', {
    title: TITLE,
    feeds: ['feed-a'],
    schedule: '0 6 * * *',
    timeZone: 'Europe/London',
    formats: ['epub'],
  });
  expect(created.status).toBe(201);
  await arrive('first', '2026-07-01T10:00:00.000Z');
  expect((await send('POST', `/v1/publications/${ID}/issues`)).status).toBe(201);
  clock = new Date('2026-07-02T12:00:00Z');
  await arrive('second', '2026-07-02T10:00:00.000Z');
  expect((await send('POST', `/v1/publications/${ID}/issues`)).status).toBe(201);
});
afterAll(() => server.close());

const get = async (path: string) => {
  const res = await fetch(server.url + path);
  expect(res.status, path).toBe(200);
  return res;
};
const editionOf = (href: string | null | undefined) =>
  /\/v1\/editions\/([^/.]+)\.epub$/.exec(href ?? '')?.[1];

describe('a publication in the listings', () => {
  it('OPDS 1.2: a navigation entry leads to an acquisition feed of its issues, newest first', async () => {
    const root = parseXml(await (await get('/opds')).text());
    const entry = children(root, 'entry').find((e) => text(e, 'title') === TITLE);
    expect(attrs(children(entry!, 'link')[0], 'rel', 'href', 'type')).toEqual([
      REL.sortNew,
      `${server.url}/opds/publications/${ID}`,
      ACQ,
    ]);
    const res = await get(`/opds/publications/${ID}`);
    expect(res.headers.get('content-type')).toContain('kind=acquisition');
    const feed = parseXml(await res.text());
    expect(text(feed, 'title')).toBe(TITLE);
    const entries = children(feed, 'entry');
    expect(
      entries.map((e) => editionOf(attrs(linksByRel(e, REL.openAccess)[0], 'href')[0])),
    ).toEqual(ISSUES);
    expect(attrs(linksByRel(feed, 'self')[0], 'href')).toEqual([
      `${server.url}/opds/publications/${ID}`,
    ]);
  });

  it('OPDS 2.0: a navigation link leads to a feed of its issues, valid by the schema', async () => {
    const root = (await (await get('/opds/v2')).json()) as Opds2Feed;
    expect(opds2Errors('feed', root)).toEqual([]);
    const link = root.navigation?.find((n) => n.title === TITLE);
    expect(link?.href).toBe(`${server.url}/opds/v2/publications/${ID}`);
    const feed = (await (await get(`/opds/v2/publications/${ID}`)).json()) as Opds2Feed;
    expect(opds2Errors('feed', feed)).toEqual([]);
    expect(
      feed.publications?.map((p) =>
        editionOf(p.links.find((l) => l.type === 'application/epub+zip')?.href ?? null),
      ),
    ).toEqual(ISSUES);
  });

  it('Atom: a feed of its issues, newest first, each EPUB an enclosure', async () => {
    const res = await get(`/publications/${ID}/feed.atom`);
    expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const feed = parseXml(await res.text());
    expect(text(feed, 'title')).toBe(`Broadsheet: ${TITLE}`);
    expect(
      children(feed, 'entry').map((e) =>
        editionOf(
          linksByRel(e, 'enclosure')
            .map((l) => l.getAttribute('href'))
            .find((h) => h?.endsWith('.epub')) ?? null,
        ),
      ),
    ).toEqual(ISSUES);
  });

  it('reader site: a page listing its issues with download links, the title escaped', async () => {
    const html = await (await get(`/publications/${ID}`)).text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('Brief &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    const downloads = [...html.matchAll(/href="(\/v1\/editions\/[^"]+)"/g)].map((m) => m[1]);
    expect(downloads).toEqual(
      ISSUES.flatMap((id) => [`/v1/editions/${id}.epub`, `/v1/editions/${id}.pdf`]),
    );
    expect(html).toContain(`href="/publications/${ID}/feed.atom"`);
  });

  it.each([
    '/opds/publications/nothing',
    '/opds/v2/publications/nothing',
    '/publications/nothing/feed.atom',
    '/publications/nothing',
  ])('answers 404 at %s for an unknown publication', async (path) => {
    expect((await fetch(server.url + path)).status).toBe(404);
  });
});
