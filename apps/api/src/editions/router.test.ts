import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const add = (o: Record<string, unknown>) =>
    fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...server.auth },
      body: JSON.stringify(articleInput(o)),
    });
  await add({
    headline: 'Morning news',
    slug: 'morning',
    publishedAt: '2018-05-02T07:00:00+05:00',
    section: 'Pakistan',
  });
  await add({
    headline: 'Evening news',
    slug: 'evening',
    publishedAt: '2018-05-02T19:00:00+05:00',
    section: 'World',
  });
  await add({ headline: 'Older news', slug: 'older', publishedAt: '2018-05-01T12:00:00+05:00' });
});
afterAll(() => server.close());

const createEdition = (body: unknown) =>
  fetch(`${server.url}/v1/editions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...server.auth },
    body: JSON.stringify(body),
  });

interface EditionJson {
  id: string;
  title: string;
  date: string;
  sections: { title: string; articles: { slug: string }[] }[];
}

describe('editions API', () => {
  it('derives a daily edition from article dates, sections in publication order', async () => {
    const res = await fetch(`${server.url}/v1/editions/2018-05-02`);
    expect(res.status).toBe(200);
    const edition = (await res.json()) as EditionJson;
    expect(edition).toMatchObject({ id: '2018-05-02', date: '2018-05-02' });
    expect(edition.sections.map((s) => [s.title, s.articles.map((a) => a.slug)])).toEqual([
      ['Pakistan', ['morning']],
      ['World', ['evening']],
    ]);
    const etag = res.headers.get('etag') ?? '';
    expect(
      (await fetch(`${server.url}/v1/editions/2018-05-02`, { headers: { 'if-none-match': etag } }))
        .status,
    ).toBe(304);
  });

  it('latest is the newest day', async () => {
    const edition = (await (await fetch(`${server.url}/v1/editions/latest`)).json()) as EditionJson;
    expect(edition.date).toBe('2018-05-02');
  });

  it.each(['2018-05-03', '2018-02-30', 'no-such-edition', '..%2F..%2Fetc'])(
    '404 for edition %s',
    async (id) => {
      expect((await fetch(`${server.url}/v1/editions/${id}`)).status).toBe(404);
    },
  );

  it('curates an edition in the given order and lists everything newest first', async () => {
    const res = await createEdition({
      title: 'Weekend reading',
      date: '2018-05-05',
      slugs: ['older', 'evening', 'morning'],
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/v1/editions/2018-05-05-weekend-reading');
    const edition = (await res.json()) as EditionJson;
    expect(edition.sections.flatMap((s) => s.articles.map((a) => a.slug))).toEqual([
      'older',
      'evening',
      'morning',
    ]);
    expect((await fetch(`${server.url}/v1/editions/2018-05-05-weekend-reading`)).status).toBe(200);
    expect(
      (await createEdition({ title: 'Weekend reading', date: '2018-05-05', slugs: ['older'] }))
        .status,
    ).toBe(409);
    const list = (await (await fetch(`${server.url}/v1/editions`)).json()) as {
      items: { id: string; kind: string }[];
    };
    expect(list.items.map((i) => `${i.kind}:${i.id}`)).toEqual([
      'curated:2018-05-05-weekend-reading',
      'daily:2018-05-02',
      'daily:2018-05-01',
    ]);
  });

  it.each([
    [{ title: 'X', date: '2018-05-05', slugs: ['missing'] }, 'slugs.0'],
    [{ title: 'X', date: '05/05/2018', slugs: ['older'] }, 'body.date'],
    [{ title: '', date: '2018-05-05', slugs: ['older'] }, 'body.title'],
    [{ title: 'X', date: '2018-05-05', slugs: [] }, 'body.slugs'],
    [{ title: 'X', date: '2018-05-05', slugs: ['older', 'older'] }, 'body.slugs'],
  ])('rejects %o naming %s', async (body, path) => {
    const res = await createEdition(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(path);
  });
});
