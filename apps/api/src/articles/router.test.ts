import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const json = (body: unknown) => ({
  'content-type': 'application/json',
  ...server.auth,
  body: JSON.stringify(body),
});

async function post(body: unknown, headers: Record<string, string> = {}) {
  const { body: payload, ...rest } = json(body);
  return fetch(`${server.url}/v1/articles`, {
    method: 'POST',
    headers: { ...rest, ...headers },
    body: payload,
  });
}

describe('articles API', () => {
  it('creates from JSON: 201, Location, ETag, the normalised article', async () => {
    const res = await post(articleInput());
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/v1/articles/rivers-rise-after-the-spring-thaw');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
    const article = (await res.json()) as { slug: string; id: string; highlights: unknown[] };
    expect(article).toMatchObject({ slug: 'rivers-rise-after-the-spring-thaw', highlights: [] });
    expect(article.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('creates from text/plain through the importer', async () => {
    const text =
      'Cabinet approves the new rail line\n\nThe cabinet approved the line on Tuesday.\n\nWork starts next year.\n';
    const res = await fetch(`${server.url}/v1/articles?language=en`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8', ...server.auth },
      body: text,
    });
    expect(res.status).toBe(201);
    const article = (await res.json()) as {
      headline: string;
      slug: string;
      body: { text: string }[];
    };
    expect(article.headline).toBe('Cabinet approves the new rail line');
    expect(article.body.map((b) => b.text).join(' ')).toContain('Work starts next year.');
    const again = await fetch(`${server.url}${res.headers.get('location') ?? ''}`);
    expect(again.status).toBe(200);
  });

  it('answers 409 for a slug that is taken', async () => {
    const res = await post(articleInput({ headline: 'Duplicate story', slug: 'dup' }));
    expect(res.status).toBe(201);
    const second = await post(articleInput({ headline: 'Another duplicate', slug: 'dup' }));
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await second.json()).toMatchObject({ status: 409, errors: [{ path: 'slug' }] });
  });

  it('validates with field paths', async () => {
    const res = await post({
      headline: '',
      language: 'en',
      body: [{ type: 'paragraph', text: 'x' }, { type: 'table' }],
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['headline', 'body.1.type']),
    );
  });

  it('gets with ETag and Last-Modified, answers 304 to If-None-Match and If-Modified-Since', async () => {
    await post(articleInput({ headline: 'Cached story', slug: 'cached' }));
    const res = await fetch(`${server.url}/v1/articles/cached`);
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag') ?? '';
    const lastModified = res.headers.get('last-modified') ?? '';
    expect(etag).not.toBe('');
    expect(new Date(lastModified).getTime()).not.toBeNaN();
    expect(
      (await fetch(`${server.url}/v1/articles/cached`, { headers: { 'if-none-match': etag } }))
        .status,
    ).toBe(304);
    expect(
      (
        await fetch(`${server.url}/v1/articles/cached`, {
          headers: { 'if-modified-since': lastModified },
        })
      ).status,
    ).toBe(304);
    expect(
      (await fetch(`${server.url}/v1/articles/cached`, { headers: { 'if-none-match': '"other"' } }))
        .status,
    ).toBe(200);
  });

  it('gets the very article the create answered, as application/json with the Link to its downloads', async () => {
    const created = await post(
      articleInput({ headline: 'Same bytes story', slug: 'same-bytes', tags: ['Ünïcode ✓'] }),
    );
    const createdText = await created.text();
    const res = await fetch(`${server.url}/v1/articles/same-bytes`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('link')).toBe(
      '</v1/articles/same-bytes.epub>; rel="alternate"; type="application/epub+zip", </v1/articles/same-bytes.pdf>; rel="alternate"; type="application/pdf"',
    );
    expect(await res.text()).toBe(createdText);
    expect(res.headers.get('etag')).toBe(created.headers.get('etag'));
  });

  it('gives schema.org JSON-LD for Accept: application/ld+json, with its own ETag', async () => {
    await post(articleInput({ headline: 'Linked data story', slug: 'ld' }));
    const plain = await fetch(`${server.url}/v1/articles/ld`);
    const res = await fetch(`${server.url}/v1/articles/ld`, {
      headers: { accept: 'application/ld+json' },
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect(res.headers.get('vary')).toMatch(/accept/i);
    expect(res.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc['@type']).toBe('NewsArticle');
    expect(doc.headline).toBe('Linked data story');
  });

  it('replaces with PUT (200), creates with PUT (201), and refuses a different slug in the body', async () => {
    await post(articleInput({ headline: 'Replace me', slug: 'replace-me' }));
    const put = (slug: string, body: unknown) =>
      fetch(`${server.url}/v1/articles/${slug}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...server.auth },
        body: JSON.stringify(body),
      });
    const replaced = await put('replace-me', articleInput({ headline: 'Replaced headline' }));
    expect(replaced.status).toBe(200);
    expect(
      ((await (await fetch(`${server.url}/v1/articles/replace-me`)).json()) as { headline: string })
        .headline,
    ).toBe('Replaced headline');
    const created = await put('made-by-put', articleInput({ headline: 'Made by put' }));
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/articles/made-by-put');
    const mismatch = await put('replace-me', articleInput({ slug: 'something-else' }));
    expect(mismatch.status).toBe(400);
  });

  it('deletes (204), then 404', async () => {
    await post(articleInput({ headline: 'Delete me', slug: 'delete-me' }));
    const del = () =>
      fetch(`${server.url}/v1/articles/delete-me`, { method: 'DELETE', headers: server.auth });
    expect((await del()).status).toBe(204);
    expect((await del()).status).toBe(404);
    expect((await fetch(`${server.url}/v1/articles/delete-me`)).status).toBe(404);
  });

  it('lists with q, tag, section and dates, and pages with Link rel=next', async () => {
    for (let i = 1; i <= 3; i++) {
      await post(
        articleInput({
          headline: `Monsoon update ${i}`,
          slug: `monsoon-${i}`,
          publishedAt: `2019-07-0${i}`,
          tags: ['Monsoon'],
          section: 'Weather',
        }),
      );
    }
    const search = (await (await fetch(`${server.url}/v1/articles?q=monsoon`)).json()) as {
      items: { slug: string; snippet: unknown[] }[];
    };
    expect(search.items.map((i) => i.slug).sort()).toEqual(['monsoon-1', 'monsoon-2', 'monsoon-3']);
    expect(search.items[0]?.snippet.length).toBeGreaterThan(0);
    const first = await fetch(`${server.url}/v1/articles?tag=monsoon&limit=2`);
    const page1 = (await first.json()) as { items: { slug: string }[]; nextCursor: string };
    expect(page1.items.map((i) => i.slug)).toEqual(['monsoon-3', 'monsoon-2']);
    const link = first.headers.get('link') ?? '';
    const next = /^<([^>]+)>; rel="next"$/.exec(link)?.[1];
    expect(next).toContain('tag=monsoon');
    const page2 = (await (await fetch(`${server.url}${next ?? ''}`)).json()) as {
      items: { slug: string }[];
      nextCursor?: string;
    };
    expect(page2.items.map((i) => i.slug)).toEqual(['monsoon-1']);
    expect(page2.nextCursor).toBeUndefined();
    const dated = (await (
      await fetch(`${server.url}/v1/articles?section=weather&from=2019-07-02&to=2019-07-02`)
    ).json()) as { items: { slug: string }[] };
    expect(dated.items.map((i) => i.slug)).toEqual(['monsoon-2']);
  });

  it.each([
    ['limit=0', 'query.limit'],
    ['limit=101', 'query.limit'],
    ['limit=ten', 'query.limit'],
    ['from=2019-13-01', 'query.from'],
    ['tag=a&tag=b', 'query.tag'],
    ['cursor=forged', 'cursor'],
  ])('rejects ?%s with a field path', async (query, path) => {
    const res = await fetch(`${server.url}/v1/articles?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(path);
  });
});
