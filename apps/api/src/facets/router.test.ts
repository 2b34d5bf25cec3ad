import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const stories = [
    {
      headline: 'One',
      section: 'Sport',
      tags: ['Cricket', 'Weather'],
      authors: [{ name: 'Jane Doe' }],
    },
    { headline: 'Two', section: 'sport', tags: ['weather'], authors: [{ name: 'Ali Khan' }] },
    { headline: 'Three', section: 'World', tags: ['Weather'], authors: [{ name: 'jane doe' }] },
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

interface FacetBody {
  items: { name: string; count: number; links: { articles: string } }[];
  total: number;
  nextCursor?: string;
}

describe('GET /v1/tags, /v1/authors, /v1/sections', () => {
  it.each([
    [
      'tags',
      [
        ['Weather', 3],
        ['Cricket', 1],
      ],
    ],
    [
      'authors',
      [
        ['Jane Doe', 2],
        ['Ali Khan', 1],
      ],
    ],
    [
      'sections',
      [
        ['Sport', 2],
        ['World', 1],
      ],
    ],
  ] as const)('%s: counts, most first, each linking to its articles', async (kind, expected) => {
    const res = await fetch(`${server.url}/v1/${kind}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as FacetBody;
    expect(body.items.map((f) => [f.name, f.count])).toEqual(expected);
    expect(body.total).toBe(expected.length);
    // Following the link lists exactly as many articles as the count says.
    for (const facet of body.items) {
      const list = (await (await fetch(`${server.url}${facet.links.articles}`)).json()) as {
        total: number;
      };
      expect(list.total).toBe(facet.count);
    }
  });

  it('pages with limit, cursor and Link rel=next', async () => {
    const first = await fetch(`${server.url}/v1/tags?limit=1`);
    const body = (await first.json()) as FacetBody;
    expect(body).toMatchObject({ total: 2, items: [{ name: 'Weather' }] });
    const next = /^<([^>]+)>; rel="next"$/.exec(first.headers.get('link') ?? '')?.[1] ?? '';
    const second = (await (await fetch(`${server.url}${next}`)).json()) as FacetBody;
    expect(second.items.map((f) => f.name)).toEqual(['Cricket']);
    expect(second.nextCursor).toBeUndefined();
  });

  it.each(['/v1/tags?limit=0', '/v1/authors?cursor=forged!', '/v1/sections?limit=x'])(
    '%s is a 400 problem',
    async (path) => {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    },
  );
});
