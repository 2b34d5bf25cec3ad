import { parseAllowHosts } from '@broadsheet/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { articlePage, rss, startFeedOrigin, type FeedOrigin } from './test-support/feed-origin.js';

interface FeedJson {
  id: string;
  url: string;
  title?: string;
  siteUrl?: string;
  section?: string;
  fullText: string;
  lastSuccessAt?: string;
  lastError?: string;
  lastErrorAt?: string;
  failures: number;
  nextPollAt: string;
}

interface Refresh {
  feed: FeedJson;
  status: string;
  new: number;
  updated: number;
  unchanged: number;
  warnings: string[];
}

interface ArticleJson {
  slug: string;
  headline: string;
  section?: string;
  tags: string[];
  /** The list summary gives author names. */
  authors: string[];
  body: { type: string; text?: string }[];
}

const paragraphs = (topic: string) => [
  `The ${topic} story begins with a long opening paragraph that gives readers the essential facts of what happened this week in the city.`,
  `Officials said the ${topic} plans would be reviewed again in the spring, after a public consultation that drew hundreds of written responses.`,
  `Residents who spoke to reporters were divided, but most agreed that the ${topic} question would shape the next election campaign.`,
];

const content = (topic: string) =>
  paragraphs(topic)
    .map((p) => `<p>${p}</p>`)
    .join('');

describe('feed subscriptions (/v1/feeds)', () => {
  let origin: FeedOrigin;
  let server: TestServer;
  let narrowKey: string;

  const api = (path: string, init: RequestInit & { auth?: boolean } = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: {
        ...(init.auth === false ? {} : server.auth),
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const subscribe = async (body: Record<string, unknown>) => {
    const res = await api('/v1/feeds', { method: 'POST', body: JSON.stringify(body) });
    return { res, json: (await res.json()) as FeedJson & { detail?: string } };
  };
  const refresh = async (id: string) => {
    const res = await api(`/v1/feeds/${id}/refresh`, { method: 'POST' });
    expect(res.status).toBe(200);
    return (await res.json()) as Refresh;
  };
  const articles = async () => {
    const res = await fetch(`${server.url}/v1/articles?limit=100&include=body`);
    return ((await res.json()) as { items: ArticleJson[] }).items;
  };

  beforeAll(async () => {
    origin = await startFeedOrigin();
    server = await startTestServer({
      imageFetch: {
        byDefault: false,
        allowHosts: parseAllowHosts(origin.host),
        maxBytes: 10 * 1024 ** 2,
      },
    });
    origin.set('/page.html', {
      type: 'text/html; charset=utf-8',
      body: `<!doctype html><html><head><title>Example News</title>
        <link rel="alternate" type="application/rss+xml" title="RSS" href="/news.rss">
        <link rel="alternate" type="application/atom+xml" title="Atom" href="${origin.url}/news.atom">
        </head><body><p>Welcome</p></body></html>`,
    });
    origin.set('/broken.xml', {
      body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>x</item></channel>',
    });
    origin.set('/huge.xml', {
      handle: (_req, res) => {
        // 50 MB of a feed's worth of items, streamed as a real server would.
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const chunk = Buffer.alloc(1024 * 1024, '<item><title>x</title></item>');
        let sent = 0;
        const more = () => {
          while (sent < 50 && res.write(chunk)) sent += 1;
          if (sent >= 50) res.end();
          else
            res.once('drain', () => {
              sent += 1;
              more();
            });
        };
        res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
        more();
        res.on('error', () => undefined);
      },
    });
    origin.set('/loop', {
      handle: (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
    });
    const key = await api('/v1/keys', {
      method: 'POST',
      body: JSON.stringify({ name: 'newsroom', scopes: ['articles:write'] }),
    });
    narrowKey = ((await key.json()) as { key: string }).key;
  });
  afterAll(async () => {
    await server.close();
    await origin.close();
  });

  describe('refuses what it cannot subscribe to, naming the reason, and stores nothing', () => {
    it.each([
      {
        case: 'an HTML page (offering its alternate feeds)',
        body: () => ({ url: `${origin.url}/page.html` }),
        status: 422,
        detail: /not an RSS, Atom or JSON feed/,
        alternates: () => [`${origin.url}/news.rss`, `${origin.url}/news.atom`],
      },
      {
        case: 'malformed XML',
        body: () => ({ url: `${origin.url}/broken.xml` }),
        status: 422,
        detail: /malformed/,
      },
      {
        case: 'a 50 MB feed',
        body: () => ({ url: `${origin.url}/huge.xml` }),
        status: 422,
        detail: /could not be fetched: .*(large|bytes|MiB)/i,
      },
      {
        case: 'an endless redirect',
        body: () => ({ url: `${origin.url}/loop` }),
        status: 422,
        detail: /could not be fetched: .*redirect/i,
      },
      {
        case: 'a private address',
        body: () => ({ url: 'http://10.1.2.3/feed.xml' }),
        status: 422,
        detail: /could not be fetched: .*(private|refused|not allowed)/i,
      },
      {
        case: 'a page that is not there',
        body: () => ({ url: `${origin.url}/missing.xml` }),
        status: 422,
        detail: /could not be fetched: .*404/,
      },
      {
        case: 'an unknown field',
        body: () => ({ url: `${origin.url}/news.rss`, colour: 'red' }),
        status: 400,
        detail: /colour/,
        path: 'body',
      },
      {
        case: 'a bad fullText',
        body: () => ({ url: `${origin.url}/news.rss`, fullText: 'sometimes' }),
        status: 400,
        detail: /body\.fullText/,
        path: 'body.fullText',
      },
      {
        case: 'a URL that is not http(s)',
        body: () => ({ url: 'file:///etc/passwd' }),
        status: 400,
        detail: /body\.url/,
        path: 'body.url',
      },
      {
        case: 'maxItems out of range',
        body: () => ({ url: `${origin.url}/news.rss`, maxItems: 0 }),
        status: 400,
        detail: /body\.maxItems/,
        path: 'body.maxItems',
      },
    ])('$case → $status', async ({ body, status, detail, alternates, path }) => {
      const res = await api('/v1/feeds', { method: 'POST', body: JSON.stringify(body()) });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await res.json()) as {
        detail: string;
        errors: { path: string }[];
        alternates?: string[];
      };
      expect(problem.detail).toMatch(detail);
      expect(problem.errors[0]?.path).toBe(path ?? 'body.url');
      if (alternates) expect(problem.alternates).toEqual(alternates());
      const list = await api('/v1/feeds');
      expect(((await list.json()) as { total: number }).total).toBe(0);
    });

    it.each([
      { case: 'no token', headers: {}, auth: false, status: 401 },
      {
        case: 'a wrong token',
        headers: { authorization: 'Bearer nope' },
        auth: false,
        status: 401,
      },
      { case: 'a key without feeds:write', headers: 'narrow', auth: false, status: 403 },
    ] as const)('$case → $status on every route, reads included', async (c) => {
      const headers =
        c.headers === 'narrow' ? { authorization: `Bearer ${narrowKey}` } : { ...c.headers };
      for (const [method, path] of [
        ['POST', '/v1/feeds'],
        ['GET', '/v1/feeds'],
        ['GET', '/v1/feeds/abc'],
        ['PUT', '/v1/feeds/abc'],
        ['DELETE', '/v1/feeds/abc'],
        ['POST', '/v1/feeds/abc/refresh'],
      ] as const) {
        const res = await api(path, {
          method,
          auth: c.auth,
          headers,
          ...(method === 'POST' || method === 'PUT'
            ? { body: JSON.stringify({ url: `${origin.url}/news.rss` }) }
            : {}),
        });
        expect(`${method} ${path} ${res.status}`).toBe(`${method} ${path} ${c.status}`);
      }
    });
  });

  it('subscribes, turns items into articles, polls conditionally, and updates a changed item', async () => {
    const items = [
      {
        guid: 'tag:news.example.org,2026:1',
        title: 'Council approves the new tram line',
        link: `${origin.url}/2026/tram`,
        content: content('tram'),
        category: 'Transport',
        author: 'Jane Doe',
        pubDate: 'Fri, 04 Dec 2026 06:00:00 GMT',
      },
      {
        guid: 'tag:news.example.org,2026:2',
        title: 'Harbour festival returns',
        link: `${origin.url}/2026/harbour`,
        content: content('harbour'),
        category: 'Culture',
        pubDate: 'Fri, 04 Dec 2026 05:00:00 GMT',
      },
    ];
    origin.set('/news.rss', { body: rss('Example News', `${origin.url}/`, items), etag: '"v1"' });
    const { res, json: feed } = await subscribe({
      url: `${origin.url}/news.rss`,
      section: 'City',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/feeds/${feed.id}`);
    expect(feed).toMatchObject({
      url: `${origin.url}/news.rss`,
      section: 'City',
      fullText: 'auto',
      title: 'Example News',
      failures: 0,
    });

    const first = await refresh(feed.id);
    expect(first).toMatchObject({ status: 'ok', new: 2, updated: 0, unchanged: 0 });
    expect(first.feed.lastSuccessAt).toBeDefined();
    expect(first.feed.lastError).toBeUndefined();
    const stored = await articles();
    expect(stored).toHaveLength(2);
    const tram = stored.find((a) => a.headline === 'Council approves the new tram line');
    expect(tram).toMatchObject({ section: 'City', authors: ['Jane Doe'] });
    expect(tram?.tags).toContain('Transport');
    expect(tram?.body.map((b) => b.text ?? '').join(' ')).toContain('The tram story begins');

    // The origin answers 304 to the validators it gave: nothing is read or written.
    const before = origin.hits('/news.rss').notModified;
    const second = await refresh(feed.id);
    expect(second).toMatchObject({ status: 'not-modified', new: 0, updated: 0 });
    expect(origin.hits('/news.rss').notModified).toBe(before + 1);

    origin.set('/news.rss', {
      body: rss('Example News', `${origin.url}/`, [
        { ...items[0]!, title: 'Council approves the new tram line, with changes' },
        items[1]!,
      ]),
      etag: '"v2"',
    });
    const third = await refresh(feed.id);
    expect(third).toMatchObject({ status: 'ok', new: 0, updated: 1, unchanged: 1 });
    const after = await articles();
    expect(after).toHaveLength(2);
    expect(after.find((a) => a.slug === tram?.slug)?.headline).toBe(
      'Council approves the new tram line, with changes',
    );

    const duplicate = await subscribe({ url: `${origin.url}/news.rss` });
    expect(duplicate.res.status).toBe(409);
    // The same feed written otherwise is the same subscription.
    for (const url of [
      `${origin.url.replace('http://', 'HTTP://')}/news.rss`,
      `${origin.url}/news.rss#latest`,
      `${origin.url}/archive/../news.rss`,
    ])
      expect({ url, status: (await subscribe({ url })).res.status }).toEqual({ url, status: 409 });
  });

  it('fetches the page of a summary-only item, and records an item that fails as a warning', async () => {
    origin.set('/2026/bridge', {
      type: 'text/html; charset=utf-8',
      body: articlePage('Bridge reopens after repairs', paragraphs('bridge')),
    });
    origin.set('/summaries.rss', {
      body: rss('Summaries', `${origin.url}/`, [
        {
          guid: 'bridge',
          title: 'Bridge reopens after repairs',
          link: `${origin.url}/2026/bridge`,
          description: 'The bridge is open again.',
        },
        {
          guid: 'gone',
          title: 'A page that is gone',
          link: `${origin.url}/2026/gone`,
          description: 'Its page answers 404.',
        },
      ]),
    });
    const { json: feed } = await subscribe({ url: `${origin.url}/summaries.rss` });
    const result = await refresh(feed.id);
    expect(result).toMatchObject({ status: 'ok', new: 1 });
    expect(result.warnings.join('\n')).toMatch(/gone.*404/);
    expect(result.feed.failures).toBe(0);
    expect(result.feed.lastError).toMatch(/gone/);
    const bridge = (await articles()).find((a) => a.headline === 'Bridge reopens after repairs');
    expect(bridge?.body.map((b) => b.text ?? '').join(' ')).toContain(
      'Officials said the bridge plans',
    );
    // The failed item is tried again on the next poll (the validators were not kept).
    origin.set('/2026/gone', {
      type: 'text/html; charset=utf-8',
      body: articlePage('A page that is gone', paragraphs('return')),
    });
    expect(await refresh(feed.id)).toMatchObject({ new: 1, unchanged: 1, warnings: [] });
  });

  it('makes one article of the same GUID in two feeds', async () => {
    const shared = {
      guid: 'wire-story-42',
      title: 'Wire story carried by two sites',
      link: `${origin.url}/wire/42`,
      content: content('wire'),
    };
    origin.set('/a.rss', { body: rss('Site A', `${origin.url}/a`, [shared]) });
    origin.set('/b.rss', { body: rss('Site B', `${origin.url}/b`, [shared]) });
    const a = (await subscribe({ url: `${origin.url}/a.rss` })).json;
    const b = (await subscribe({ url: `${origin.url}/b.rss` })).json;
    const count = (await articles()).length;
    expect(await refresh(a.id)).toMatchObject({ new: 1 });
    expect(await refresh(b.id)).toMatchObject({ new: 1 });
    const now = await articles();
    expect(now).toHaveLength(count + 1);
    expect(now.filter((x) => x.headline === shared.title)).toHaveLength(1);
  });

  it('records a failed poll on the feed and backs off', async () => {
    origin.set('/flaky.rss', { body: rss('Flaky', `${origin.url}/`, []) });
    const { json: feed } = await subscribe({ url: `${origin.url}/flaky.rss` });
    origin.set('/flaky.rss', {
      status: 503,
      type: 'text/plain',
      body: 'down',
      headers: { 'retry-after': '3600' },
    });
    const result = await refresh(feed.id);
    expect(result.status).toBe('failed');
    expect(result.feed).toMatchObject({ failures: 1 });
    expect(result.feed.lastError).toMatch(/503/);
    expect(Date.parse(result.feed.nextPollAt) - Date.parse(result.feed.lastErrorAt ?? '')).toBe(
      3600_000,
    );
  });

  it('reads, pages, replaces under If-Match and deletes feeds', async () => {
    const list = await api('/v1/feeds?limit=2');
    const page = (await list.json()) as { items: FeedJson[]; total: number; nextCursor: string };
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    expect(list.headers.get('link')).toMatch(/rel="next"/);
    const next = await api(`/v1/feeds?limit=2&cursor=${page.nextCursor}`);
    const second = (await next.json()) as { items: FeedJson[] };
    expect(second.items[0]?.id).not.toBe(page.items[1]?.id);

    const id = page.items[0]?.id ?? '';
    const got = await api(`/v1/feeds/${id}`);
    const etag = got.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"\d+-[0-9a-f]{16}"$/);
    expect((await api(`/v1/feeds/${id}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const feed = (await got.json()) as FeedJson;
    const put = await api(`/v1/feeds/${id}`, {
      method: 'PUT',
      headers: { 'if-match': etag },
      body: JSON.stringify({ url: feed.url, section: 'Renamed', fullText: 'never' }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ section: 'Renamed', fullText: 'never' });
    const stale = await api(`/v1/feeds/${id}`, {
      method: 'PUT',
      headers: { 'if-match': etag },
      body: JSON.stringify({ url: feed.url }),
    });
    expect(stale.status).toBe(412);
    const moved = await api(`/v1/feeds/${id}`, {
      method: 'PUT',
      body: JSON.stringify({ url: `${origin.url}/page.html` }),
    });
    expect(moved.status).toBe(422);

    expect((await api(`/v1/feeds/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/v1/feeds/${id}`)).status).toBe(404);
    expect((await api(`/v1/feeds/${id}/refresh`, { method: 'POST' })).status).toBe(404);
  });
});
