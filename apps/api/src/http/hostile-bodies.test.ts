import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

interface Problem {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

/** `{"a":{"a":…1…}}`, `levels` objects deep, as text (JSON.stringify would recurse as deep). */
const nestedJson = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

describe('hostile JSON bodies get 400 naming the field, never 500', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: [] });
    const put = (path: string, body: unknown) =>
      fetch(server.url + path, {
        method: 'PUT',
        headers: { ...server.auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put('/v1/articles/hello', articleInput({ slug: 'hello' }))).status).toBe(201);
    expect(
      (await put('/v1/editions/brief', { title: 'Brief', date: '2024-01-01', slugs: ['hello'] }))
        .status,
    ).toBe(201);
  });
  afterAll(() => server.close());

  // A merge patch is applied recursively: 12,000 levels (72 KB) overflowed the stack (500).
  it.each([
    ['PATCH', '/v1/articles/hello', 'application/merge-patch+json', 'kicker'],
    ['PATCH', '/v1/editions/brief', 'application/merge-patch+json', 'title'],
    ['PUT', '/v1/articles/hello', 'application/json', 'kicker'],
    ['POST', '/v1/articles', 'application/json', 'kicker'],
  ])('%s %s nested 12,000 deep: 400 naming where', async (method, path, type, field) => {
    const res = await fetch(server.url + path, {
      method,
      headers: { ...server.auth, 'content-type': type },
      body: `{"${field}":${nestedJson(12_000)}}`,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as Problem;
    expect(problem.detail).toBe('the JSON body nests deeper than 32 levels');
    expect(problem.errors?.[0]?.path).toBe([field, ...Array<string>(31).fill('a')].join('.'));
  });

  it('a patch as deep as a real article still applies', async () => {
    const stored = (await (await fetch(`${server.url}/v1/articles/hello`)).json()) as {
      body: unknown[];
    };
    const res = await fetch(`${server.url}/v1/articles/hello`, {
      method: 'PATCH',
      headers: { ...server.auth, 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ kicker: 'Deep enough', body: stored.body }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { kicker: string }).kicker).toBe('Deep enough');
  });

  // A JSON string was taken for a plain-text article: a client's bug stored as an article.
  it.each(['application/json', 'application/ninjs+json'])(
    'a JSON string sent as %s: 400, the body must be an object',
    async (type) => {
      const res = await fetch(`${server.url}/v1/articles/from-a-string`, {
        method: 'PUT',
        headers: { ...server.auth, 'content-type': type },
        body: JSON.stringify('Headline\n\nA paragraph of the story.'),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as Problem).errors).toEqual([
        { path: '', message: 'must be an object' },
      ]);
      expect((await fetch(`${server.url}/v1/articles/from-a-string`)).status).toBe(404);
    },
  );

  it('the same text as text/plain is still imported', async () => {
    const res = await fetch(`${server.url}/v1/articles/from-text`, {
      method: 'PUT',
      headers: { ...server.auth, 'content-type': 'text/plain' },
      body: 'Headline\n\nA paragraph of the story.',
    });
    expect(res.status).toBe(201);
  });
});

describe('an article dated at an offset no time zone has (-13:00) keeps every page answering', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: [] });
  });
  afterAll(() => server.close());

  it('is stored, and the feeds, catalogs, reader pages and downloads that show its date answer 200', async () => {
    const put = await fetch(`${server.url}/v1/articles/far-west`, {
      method: 'PUT',
      headers: { ...server.auth, 'content-type': 'application/json' },
      body: JSON.stringify(
        articleInput({ slug: 'far-west', publishedAt: '2024-01-01T10:00:00-13:00' }),
      ),
    });
    expect(put.status).toBe(201);
    for (const path of [
      '/feed.atom',
      '/feed.rss',
      '/feed.json',
      '/opds/articles',
      '/opds/v2/articles',
      '/',
      '/articles/far-west',
      '/v1/articles/far-west.epub',
      '/v1/articles/far-west.pdf',
    ]) {
      const res = await fetch(server.url + path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      await res.arrayBuffer();
    }
    const page = await (await fetch(`${server.url}/articles/far-west`)).text();
    expect(page).toContain('UTC-13:00');
  });
});
