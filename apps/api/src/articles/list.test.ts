import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

// GET /v1/articles filters, totals, `fields` and `include` over HTTP (runs on both stores:
// see vitest.config.ts).
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const stories = [
    {
      headline: 'Thaw floods the valley',
      publishedAt: '2018-05-01T08:00:00Z',
      language: 'en-GB',
      tags: ['Weather'],
      authors: [{ name: 'Jane Doe', role: 'correspondent' }],
      body: [
        { type: 'paragraph', text: 'Rivers <rose> & "fell".' },
        { type: 'paragraph', content: [{ text: 'Bad link', href: 'https://ok.example/?a=1&b=2' }] },
      ],
    },
    {
      headline: 'Thaw reaches the city',
      publishedAt: '2018-05-02T08:00:00Z',
      tags: ['weather'],
      authors: [{ name: 'John Roe' }],
    },
    {
      headline: 'Budget passes',
      publishedAt: '2018-05-03T08:00:00Z',
      section: 'Politics',
      tags: ['Budget'],
      authors: [{ name: 'jane doe' }],
    },
    { headline: 'Le dégel arrive', publishedAt: '2018-05-04T08:00:00Z', language: 'fr' },
  ];
  for (const story of stories) {
    const res = await fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...server.auth },
      body: JSON.stringify(articleInput(story)),
    });
    expect(res.status).toBe(201);
  }
});
afterAll(() => server.close());

interface ListBody {
  items: Record<string, unknown>[];
  total: number;
  nextCursor?: string;
}
async function list(query: string): Promise<{ res: Response; body: ListBody }> {
  const res = await fetch(`${server.url}/v1/articles?${query}`);
  return { res, body: (await res.json()) as ListBody };
}

describe('GET /v1/articles filters and totals', () => {
  it.each([
    ['author=JANE%20DOE', ['budget-passes', 'thaw-floods-the-valley']],
    ['language=en', ['budget-passes', 'thaw-reaches-the-city', 'thaw-floods-the-valley']],
    ['language=fr&from=2018-05-04', ['le-degel-arrive']],
    ['tag=weather&author=john%20roe', ['thaw-reaches-the-city']],
    ['q=thaw&language=en-GB', ['thaw-floods-the-valley']],
    ['from=2018-05-02&to=2018-05-03&author=Jane%20Doe', ['budget-passes']],
    ['author=nobody', []],
  ])('%s', async (query, slugs) => {
    const { res, body } = await list(query);
    expect(res.status).toBe(200);
    expect(body.items.map((i) => i.slug)).toEqual(slugs);
    expect(body.total).toBe(slugs.length);
  });

  it('gives the total of all matches on every page, and the next link keeps the filters', async () => {
    const first = await list('language=en&limit=2');
    expect(first.body.total).toBe(3);
    expect(first.body.items).toHaveLength(2);
    const link = first.res.headers.get('link') ?? '';
    const next = /^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? '';
    expect(next).toContain('language=en');
    const second = (await (await fetch(`${server.url}${next}`)).json()) as ListBody;
    expect(second.total).toBe(3);
    expect(second.items.map((i) => i.slug)).toEqual(['thaw-floods-the-valley']);
  });

  it.each([
    ['language=en%20gb!', 'query.language'],
    ['from=May', 'query.from'],
    ['author=' + 'x'.repeat(201), 'query.author'],
  ])('refuses %s naming the parameter', async (query, path) => {
    const { res, body } = await list(query);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((body as unknown as { errors: { path: string }[] }).errors[0]?.path).toBe(path);
  });
});

describe('fields and include', () => {
  it('lists leave the body out by default', async () => {
    const { body } = await list('author=john%20roe');
    expect(body.items[0]).not.toHaveProperty('body');
    expect(body.items[0]).toHaveProperty('wordCount');
  });

  it('fields= gives exactly the fields asked for, in that order, authors as the article has them', async () => {
    const { body } = await list('author=jane%20doe&fields=slug,authors,wordCount');
    expect(body.items[1]).toEqual({
      slug: 'thaw-floods-the-valley',
      authors: [{ name: 'Jane Doe', role: 'correspondent' }],
      wordCount: expect.any(Number) as unknown,
    });
    expect(Object.keys(body.items[1] ?? {})).toEqual(['slug', 'authors', 'wordCount']);
  });

  it('include=body,bodyHtml adds the blocks and an escaped HTML fragment', async () => {
    const { body } = await list('fields=slug&include=body,bodyHtml&tag=weather&language=en-gb');
    const item = body.items[0] ?? {};
    expect(Object.keys(item)).toEqual(['slug', 'body', 'bodyHtml']);
    expect(item.bodyHtml).toBe(
      '<p>Rivers &lt;rose&gt; &amp; &quot;fell&quot;.</p>\n<p><a href="https://ok.example/?a=1&amp;b=2">Bad link</a></p>',
    );
  });

  it('works on a single article too, with its own ETag', async () => {
    const url = `${server.url}/v1/articles/thaw-floods-the-valley`;
    const full = await fetch(url);
    const shaped = await fetch(`${url}?fields=headline&include=bodyHtml`);
    expect(shaped.status).toBe(200);
    expect(await shaped.json()).toEqual({
      headline: 'Thaw floods the valley',
      bodyHtml: expect.stringContaining('&lt;rose&gt;') as unknown,
    });
    const etag = shaped.headers.get('etag') ?? '';
    expect(etag).not.toBe(full.headers.get('etag'));
    const again = await fetch(`${url}?fields=headline&include=bodyHtml`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it.each([
    ['/v1/articles?fields=slug,bogus', 'query.fields', /"bogus"/],
    ['/v1/articles?fields=,', 'query.fields', /at least one/],
    ['/v1/articles?include=comments', 'query.include', /"comments"/],
    ['/v1/articles/budget-passes?fields=password', 'query.fields', /"password"/],
  ])('%s is a 400 naming the unknown name', async (path, field, message) => {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors[0]?.path).toBe(field);
    expect(problem.errors[0]?.message).toMatch(message);
  });
});
