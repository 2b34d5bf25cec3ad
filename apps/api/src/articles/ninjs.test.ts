import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArticle, toNinjs } from '@broadsheet/model';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

// The ninjs 2.1 JSON Schema the model package's tests use (packages/model/src/ninjs/fixtures;
// its $comment says where it comes from): the API serves what the model writes, checked again
// here at the HTTP boundary.
const modelDir = createRequire(import.meta.url)
  .resolve('@broadsheet/model/package.json')
  .replace(/package\.json$/, '');
const ninjsSchema = JSON.parse(
  readFileSync(`${modelDir}src/ninjs/fixtures/ninjs-schema-2.1.json`, 'utf8'),
) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats.default(ajv);
const validateNinjs = ajv.compile(ninjsSchema);

const NINJS = 'application/ninjs+json';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** An article with every field ninjs carries. */
const full = parseArticle(
  articleInput({
    headline: 'Rates <held> & steady',
    slug: 'rates-held',
    kicker: 'Analysis',
    standfirst: 'The bank waits.',
    highlights: ['One point.', 'Two points.'],
    language: 'en-GB',
    authors: [{ name: 'Jane Doe' }, { name: 'John Roe' }],
    dateline: { place: 'LONDON', agency: 'Reuters' },
    publishedAt: '2019-03-03T14:05:00+05:00',
    updatedAt: '2019-03-04T09:00:00Z',
    section: 'Business',
    tags: ['Rates', 'Banks'],
    publisher: { name: 'Example News', url: 'https://news.example.com' },
    source: { url: 'https://news.example.com/rates', name: 'Example News' },
    image: { src: 'https://cdn.example.com/bank.jpg', alt: 'The bank', caption: 'Dawn.' },
    body: [
      {
        type: 'paragraph',
        content: [{ text: 'Read ' }, { text: 'this', href: 'https://example.com/r' }],
      },
      { type: 'heading', level: 3, text: 'What next' },
      { type: 'list', ordered: false, items: ['first', 'second'] },
    ],
  }),
);

async function send(method: 'POST' | 'PUT', path: string, doc: unknown, accept?: string) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': NINJS, ...(accept && { accept }), ...server.auth },
    body: JSON.stringify(doc),
  });
}

describe('ninjs through the API', () => {
  it('makes a round trip: ninjs in, ninjs out, equal on everything ninjs carries, valid ninjs 2.1', async () => {
    const sent = toNinjs(full);
    const created = await send('POST', '/v1/articles', sent);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/articles/rates-held');
    // A write answers in the format it was sent in.
    expect(created.headers.get('content-type')).toMatch(/^application\/ninjs\+json/);
    expect(await created.json()).toEqual(sent);

    const read = await fetch(`${server.url}/v1/articles/rates-held`, {
      headers: { accept: NINJS },
    });
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toMatch(/^application\/ninjs\+json/);
    expect(read.headers.get('vary')).toMatch(/accept/i);
    const got = await read.json();
    expect(got).toEqual(sent);
    expect(validateNinjs(got), JSON.stringify(validateNinjs.errors)).toBe(true);
    // (and the schema does refuse what is not ninjs: an unknown property, a missing uri)
    expect(validateNinjs({ ...(got as object), headline: 'flat 1.x field' })).toBe(false);
    expect(validateNinjs({ headlines: [{ value: 'x' }] })).toBe(false);

    // The JSON read is the same article, under another ETag, and 304s per representation.
    const json = await fetch(`${server.url}/v1/articles/rates-held`);
    expect(((await json.json()) as { headline: string }).headline).toBe(full.headline);
    const etag = read.headers.get('etag') ?? '';
    expect(etag).not.toBe(json.headers.get('etag'));
    const again = await fetch(`${server.url}/v1/articles/rates-held`, {
      headers: { accept: NINJS, 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('replaces with ninjs under the URL slug and serves the change', async () => {
    const doc = toNinjs(parseArticle(articleInput({ headline: 'Markets calm', slug: 'calm' })));
    expect((await send('PUT', '/v1/articles/calm', doc)).status).toBe(201);
    const changed = { ...doc, headlines: [{ role: 'main', value: 'Markets calmer' }] };
    const res = await send('PUT', '/v1/articles/calm', changed, 'application/json');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { headline: string }).headline).toBe('Markets calmer');
    const read = await fetch(`${server.url}/v1/articles/calm`, { headers: { accept: NINJS } });
    const got = (await read.json()) as { headlines: { value: string }[] };
    expect(got.headlines.map((h) => h.value)).toContain('Markets calmer');
    expect(validateNinjs(got), JSON.stringify(validateNinjs.errors)).toBe(true);
  });

  it.each([
    ['no uri', { headlines: [{ role: 'main', value: 'x' }], language: 'en' }, 'uri'],
    ['no headline', { uri: 'urn:x:1', language: 'en', bodies: [{ value: 'Text.' }] }, 'headlines'],
    [
      'a bad language',
      {
        uri: 'urn:x:2',
        language: 'not a tag!',
        headlines: [{ value: 'H' }],
        bodies: [{ value: 'T.' }],
      },
      'language',
    ],
    ['no body', { uri: 'urn:x:3', language: 'en', headlines: [{ value: 'H' }] }, 'bodies'],
  ])('refuses ninjs with %s: 400 naming the ninjs field', async (_name, doc, field) => {
    const res = await send('POST', '/v1/articles', doc);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path.split('.')[0])).toContain(field);
  });

  it('refuses a slugline that contradicts the URL on PUT', async () => {
    const doc = { ...toNinjs(full), slugline: 'somewhere-else' };
    const res = await send('PUT', '/v1/articles/rates-held', doc);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors[0]?.path).toBe('slugline');
  });
});
