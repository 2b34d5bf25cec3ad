import { afterEach, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { describeEachBackend, type BackendName } from '../test-support/backends.js';
import {
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from '../test-support/server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const SLUG = 'rivers-rise';

interface Problem {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

async function problem(res: Response): Promise<Problem> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as Problem;
}

describeEachBackend('If-Match on article writes', (backend: BackendName) => {
  async function start(options: TestServerOptions = {}): Promise<TestServer> {
    server = await startTestServer({ store: backend, ...options });
    const created = await put(server, SLUG, articleInput({ slug: SLUG }));
    expect(created.status).toBe(201);
    return server;
  }

  function put(s: TestServer, slug: string, body: unknown, headers: Record<string, string> = {}) {
    return fetch(`${s.url}/v1/articles/${slug}`, {
      method: 'PUT',
      headers: { ...s.auth, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  function patch(s: TestServer, body: unknown, headers: Record<string, string> = {}) {
    return fetch(`${s.url}/v1/articles/${SLUG}`, {
      method: 'PATCH',
      headers: { ...s.auth, 'content-type': 'application/merge-patch+json', ...headers },
      body: JSON.stringify(body),
    });
  }

  async function read(s: TestServer, accept = 'application/json') {
    const res = await fetch(`${s.url}/v1/articles/${SLUG}`, { headers: { accept } });
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{40}(-ld|-ninjs)?"$/);
    return { etag, body: (await res.json()) as Record<string, unknown> };
  }

  it('two clients replace the same article with the same ETag: one wins, the other gets 412', async () => {
    const s = await start();
    const [alice, bob] = await Promise.all([read(s), read(s)]);
    expect(alice.etag).toBe(bob.etag);
    const answers = await Promise.all([
      put(s, SLUG, articleInput({ standfirst: 'Alice’s version.' }), { 'if-match': alice.etag }),
      put(s, SLUG, articleInput({ standfirst: 'Bob’s version.' }), { 'if-match': bob.etag }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 412]);
    const loser = answers.find((r) => r.status === 412);
    const winner = answers.find((r) => r.status === 200);
    if (!loser || !winner) throw new Error('expected a winner and a loser');
    expect((await problem(loser)).errors?.[0]?.path).toBe('If-Match');
    const won = ((await winner.json()) as { standfirst: string }).standfirst;
    // The stored article is the winner's, whole.
    const now = await read(s);
    expect(now.body.standfirst).toBe(won);
    expect(now.etag).toBe(winner.headers.get('etag'));
    // The loser reads again and writes on top of the winner.
    const retry = await put(s, SLUG, articleInput({ standfirst: 'Merged by hand.' }), {
      'if-match': now.etag,
    });
    expect(retry.status).toBe(200);
  });

  it('two clients patch concurrently with If-Match: one gets 412', async () => {
    const s = await start();
    const { etag } = await read(s);
    const answers = await Promise.all([
      patch(s, { standfirst: 'Patched by Alice.' }, { 'if-match': etag }),
      patch(s, { kicker: 'Bob' }, { 'if-match': etag }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 412]);
  });

  it.each([
    ['a stale ETag', '"0000000000000000000000000000000000000000"', 412],
    ['a weak ETag (strong comparison)', 'W/%ETAG%', 412],
    ['a prefix of the ETag', '"%SHORT%"', 412],
    ['the current ETag', '%ETAG%', 200],
    ['the JSON-LD ETag of the same version', '%LD%', 200],
    ['the ninjs ETag of the same version', '%NINJS%', 200],
    ['the ETag of a fields= shape of the same version', '%FIELDS%', 200],
    ['the current hash with a suffix no representation has', '%BOGUS%', 412],
    ['*', '*', 200],
  ])('PUT with %s answers %i', async (_name, header, status) => {
    const s = await start();
    const { etag } = await read(s);
    const ld = (await read(s, 'application/ld+json')).etag;
    const ninjs = (await read(s, 'application/ninjs+json')).etag;
    const fields = (await fetch(`${s.url}/v1/articles/${SLUG}?fields=headline`)).headers.get(
      'etag',
    )!;
    expect(fields).toMatch(/^"[0-9a-f]{40}-[0-9a-f]{12}"$/);
    const value = header
      .replace('%ETAG%', etag)
      .replace('%LD%', ld)
      .replace('%NINJS%', ninjs)
      .replace('%FIELDS%', fields)
      .replace('%BOGUS%', etag.replace(/"$/, '-bogus"'))
      .replace('%SHORT%', etag.slice(1, 9));
    const res = await put(s, SLUG, articleInput({ standfirst: 'Conditional.' }), {
      'if-match': value,
    });
    expect(res.status).toBe(status);
    expect((await read(s)).body.standfirst).toBe(
      status === 200 ? 'Conditional.' : articleInput().standfirst,
    );
  });

  it('DELETE with a stale ETag answers 412 and deletes nothing; with the current one 204', async () => {
    const s = await start();
    const { etag } = await read(s);
    await put(s, SLUG, articleInput({ standfirst: 'Changed meanwhile.' }));
    const stale = await fetch(`${s.url}/v1/articles/${SLUG}`, {
      method: 'DELETE',
      headers: { ...s.auth, 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    const fresh = await read(s);
    const ok = await fetch(`${s.url}/v1/articles/${SLUG}`, {
      method: 'DELETE',
      headers: { ...s.auth, 'if-match': fresh.etag },
    });
    expect(ok.status).toBe(204);
    // If-Match on what is no longer there fails (RFC 9110 §13.1.1).
    const gone = await put(s, SLUG, articleInput(), { 'if-match': fresh.etag });
    expect(gone.status).toBe(412);
  });

  it('If-None-Match: * creates only', async () => {
    const s = await start();
    expect((await put(s, SLUG, articleInput(), { 'if-none-match': '*' })).status).toBe(412);
    const fresh = await put(s, 'brand-new', articleInput({ headline: 'Brand new' }), {
      'if-none-match': '*',
    });
    expect(fresh.status).toBe(201);
  });

  it('BROADSHEET_REQUIRE_IF_MATCH=1: writes to existing articles without If-Match answer 428', async () => {
    const s = await start({ requireIfMatch: true });
    const before = await read(s);
    const replace = await put(s, SLUG, articleInput({ standfirst: 'Blind write.' }));
    expect(replace.status).toBe(428);
    expect((await problem(replace)).detail).toMatch(/BROADSHEET_REQUIRE_IF_MATCH/);
    expect((await patch(s, { standfirst: 'Blind patch.' })).status).toBe(428);
    const del = await fetch(`${s.url}/v1/articles/${SLUG}`, { method: 'DELETE', headers: s.auth });
    expect(del.status).toBe(428);
    expect((await read(s)).etag).toBe(before.etag);
    // New articles need no If-Match; missing ones are still 404.
    expect((await put(s, 'another-one', articleInput({ headline: 'Another' }))).status).toBe(201);
    const missing = await fetch(`${s.url}/v1/articles/not-there`, {
      method: 'DELETE',
      headers: s.auth,
    });
    expect(missing.status).toBe(404);
    // With If-Match the writes go through.
    const ok = await put(s, SLUG, articleInput({ standfirst: 'Careful write.' }), {
      'if-match': before.etag,
    });
    expect(ok.status).toBe(200);
  });

  it('PATCH applies a JSON Merge Patch validated by the model', async () => {
    const s = await start();
    const res = await patch(s, { kicker: 'Flood watch', standfirst: null, tags: ['Floods'] });
    expect(res.status).toBe(200);
    const patched = (await res.json()) as Record<string, unknown>;
    expect(patched).toMatchObject({ kicker: 'Flood watch', tags: ['Floods'], slug: SLUG });
    expect(patched.standfirst).toBeUndefined();
    expect(patched.headline).toBe(articleInput().headline);
    expect(res.headers.get('etag')).toBe((await read(s)).etag);

    const invalid = await patch(s, { headline: '' });
    expect(invalid.status).toBe(400);
    expect((await problem(invalid)).errors?.[0]?.path).toBe('headline');
    const renamed = await patch(s, { slug: 'elsewhere' });
    expect(renamed.status).toBe(400);
    expect((await problem(renamed)).errors?.[0]?.path).toBe('slug');
    expect((await patch(s, ['not', 'an', 'object'])).status).toBe(400);
    const plainJson = await fetch(`${s.url}/v1/articles/${SLUG}`, {
      method: 'PATCH',
      headers: { ...s.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ kicker: 'x' }),
    });
    expect(plainJson.status).toBe(415);
    expect((await problem(plainJson)).detail).toMatch(/merge-patch\+json/);
    const missing = await fetch(`${s.url}/v1/articles/not-there`, {
      method: 'PATCH',
      headers: { ...s.auth, 'content-type': 'application/merge-patch+json' },
      body: '{}',
    });
    expect(missing.status).toBe(404);
    // Nothing of the refused patches was stored.
    expect((await read(s)).body).toMatchObject({ kicker: 'Flood watch', slug: SLUG });
  });
});
