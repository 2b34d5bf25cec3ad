import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { describeEachBackend, type BackendName } from '../test-support/backends.js';
import {
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from '../test-support/server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  // The replica that shares another's database closes first; the owner drops the database.
  for (const s of servers.splice(0).reverse()) await s.close();
});

interface Created {
  id: string;
  name: string;
  scopes: string[];
  key: string;
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as { status: number; detail: string; errors?: { path: string }[] };
}

describeEachBackend('API keys', (backend: BackendName) => {
  async function start(options: TestServerOptions = {}): Promise<TestServer> {
    const s = await startTestServer({ store: backend, ...options });
    servers.push(s);
    return s;
  }

  async function createKey(s: TestServer, name: string, scopes: string[]): Promise<Created> {
    const res = await fetch(`${s.url}/v1/keys`, {
      method: 'POST',
      headers: { ...s.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name, scopes }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    return (await res.json()) as Created;
  }

  const postArticle = (s: TestServer, headers: Record<string, string>, n = 0) =>
    fetch(`${s.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(articleInput({ headline: `Key story ${n}`, slug: `key-story-${n}` })),
    });

  it('the token (bootstrap admin) creates a key shown once; lists never show a secret', async () => {
    const s = await start();
    const created = await createKey(s, 'Newsroom CMS', ['articles:write']);
    expect(created).toMatchObject({ name: 'Newsroom CMS', scopes: ['articles:write'] });
    // bsk_<16 hex id>_<43 base64url characters = 256 bits>
    expect(created.key).toMatch(new RegExp(`^bsk_${created.id}_[A-Za-z0-9_-]{43}$`));
    const list = await fetch(`${s.url}/v1/keys`, { headers: s.auth });
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).not.toContain(created.key.slice('bsk_'.length + 17));
    const items = (JSON.parse(text) as { items: Record<string, unknown>[] }).items;
    expect(items).toEqual([
      {
        id: created.id,
        name: 'Newsroom CMS',
        scopes: ['articles:write'],
        createdAt: expect.any(String) as unknown,
      },
    ]);
    // Another key has another secret.
    expect((await createKey(s, 'Other', ['admin'])).key).not.toBe(created.key);
  });

  it('a key with only articles:write writes articles but not editions (403 naming the scope) nor keys', async () => {
    const s = await start();
    const { key } = await createKey(s, 'Writer', ['articles:write']);
    expect((await postArticle(s, bearer(key))).status).toBe(201);
    const edition = await fetch(`${s.url}/v1/editions`, {
      method: 'POST',
      headers: { ...bearer(key), 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Weekend', date: '2018-05-05', slugs: ['key-story-0'] }),
    });
    expect(edition.status).toBe(403);
    expect((await problem(edition)).detail).toContain('editions:write');
    const keys = await fetch(`${s.url}/v1/keys`, { headers: bearer(key) });
    expect(keys.status).toBe(403);
    expect((await problem(keys)).detail).toContain('admin');
    // An editions:write key can then curate the article.
    const editor = await createKey(s, 'Editor', ['editions:write']);
    const curated = await fetch(`${s.url}/v1/editions`, {
      method: 'POST',
      headers: { ...bearer(editor.key), 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Weekend', date: '2018-05-05', slugs: ['key-story-0'] }),
    });
    expect(curated.status).toBe(201);
    expect((await postArticle(s, bearer(editor.key), 1)).status).toBe(403);
  });

  it.each([
    ['no credentials', {}],
    ['a made-up key', bearer(`bsk_0123456789abcdef_${'A'.repeat(43)}`)],
    ['a wrong token', bearer('not-the-token-at-all-0000')],
  ])('answers 401 for %s', async (_name, headers: Record<string, string>) => {
    const s = await start();
    const res = await postArticle(s, headers);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="broadsheet"/);
    await problem(res);
  });

  it('a key whose secret is wrong fails although its id exists', async () => {
    const s = await start();
    const { key } = await createKey(s, 'Writer', ['admin']);
    const forged = `${key.slice(0, -4)}${key.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect((await postArticle(s, bearer(forged))).status).toBe(401);
    expect((await postArticle(s, bearer(key))).status).toBe(201);
  });

  it('refuses bad key requests naming the field', async () => {
    const s = await start();
    const res = await fetch(`${s.url}/v1/keys`, {
      method: 'POST',
      headers: { ...s.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'X', scopes: ['articles:read'] }),
    });
    expect(res.status).toBe(400);
    expect((await problem(res)).errors?.[0]?.path).toBe('body.scopes.0');
    const unknown = await fetch(`${s.url}/v1/keys/ffffffffffffffff`, {
      method: 'DELETE',
      headers: s.auth,
    });
    expect(unknown.status).toBe(404);
  });

  it('each key has a write budget of its own, apart from the token', async () => {
    const s = await start({ writesPerMinute: 3 });
    // Creating the key is the token's first write of the minute.
    const { key } = await createKey(s, 'Budget', ['articles:write']);
    for (let i = 0; i < 2; i++) expect((await postArticle(s, s.auth, i)).status).toBe(201);
    expect((await postArticle(s, s.auth, 2)).status).toBe(429);
    for (let i = 3; i < 6; i++) expect((await postArticle(s, bearer(key), i)).status).toBe(201);
    expect((await postArticle(s, bearer(key), 6)).status).toBe(429);
  });

  it('listing keys does not spend the write budget', async () => {
    const s = await start({ writesPerMinute: 2 });
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${s.url}/v1/keys`, { headers: s.auth });
      expect(res.status).toBe(200);
    }
    expect((await postArticle(s, s.auth, 0)).status).toBe(201);
    expect((await postArticle(s, s.auth, 1)).status).toBe(201);
    expect((await postArticle(s, s.auth, 2)).status).toBe(429);
    // A read still needs the credential and the scope.
    expect((await fetch(`${s.url}/v1/keys`)).status).toBe(401);
  });

  it('records when a key was last used', async () => {
    const s = await start();
    const { id, key } = await createKey(s, 'Writer', ['articles:write']);
    expect((await postArticle(s, bearer(key))).status).toBe(201);
    // The use is recorded beside the request, not inside it.
    let listed: { id: string; lastUsedAt?: string } | undefined;
    for (let i = 0; i < 50 && listed?.lastUsedAt === undefined; i++) {
      const res = await fetch(`${s.url}/v1/keys`, { headers: s.auth });
      listed = ((await res.json()) as { items: { id: string; lastUsedAt?: string }[] }).items.find(
        (k) => k.id === id,
      );
      if (listed?.lastUsedAt === undefined) await new Promise((r) => setTimeout(r, 20));
    }
    expect(Date.parse(listed?.lastUsedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('a revoked key fails at once on every replica (two app instances over one database)', async () => {
    const a = await start();
    const b = await start(
      backend === 'postgres'
        ? { store: 'postgres', ...(a.database && { databaseUrl: a.database.url }) }
        : { dataDir: a.dataDir },
    );
    const { id, key } = await createKey(a, 'Replica test', ['articles:write']);
    // Both replicas accept the key (b has authenticated it before: nothing may be remembered).
    expect((await postArticle(a, bearer(key), 1)).status).toBe(201);
    expect((await postArticle(b, bearer(key), 2)).status).toBe(201);
    const revoked = await fetch(`${a.url}/v1/keys/${id}`, { method: 'DELETE', headers: a.auth });
    expect(revoked.status).toBe(204);
    // The very next request, on the other replica, fails.
    expect((await postArticle(b, bearer(key), 3)).status).toBe(401);
    expect((await postArticle(a, bearer(key), 4)).status).toBe(401);
    const listed = (await (await fetch(`${b.url}/v1/keys`, { headers: b.auth })).json()) as {
      items: { id: string; revokedAt?: string }[];
    };
    expect(listed.items.find((k) => k.id === id)?.revokedAt).toEqual(expect.any(String));
    // Revoking twice: nothing left to revoke.
    expect(
      (await fetch(`${b.url}/v1/keys/${id}`, { method: 'DELETE', headers: b.auth })).status,
    ).toBe(404);
  });

  it('a key with the admin scope manages keys', async () => {
    const s = await start();
    const admin = await createKey(s, 'Ops', ['admin']);
    const res = await fetch(`${s.url}/v1/keys`, {
      method: 'POST',
      headers: { ...bearer(admin.key), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Feeds robot', scopes: ['feeds:write'] }),
    });
    expect(res.status).toBe(201);
    const del = await fetch(`${s.url}/v1/keys/${admin.id}`, {
      method: 'DELETE',
      headers: bearer(admin.key),
    });
    expect(del.status).toBe(204);
    expect((await fetch(`${s.url}/v1/keys`, { headers: bearer(admin.key) })).status).toBe(401);
  });

  it('never writes a key to the log, in a header, a URL, or the answer that created it', async () => {
    let logged = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logged += chunk.toString('utf8');
        done();
      },
    });
    const s = await start({ logger: pino({ level: 'trace' }, sink) });
    const { key } = await createKey(s, 'Logged?', ['articles:write']);
    expect((await postArticle(s, bearer(key))).status).toBe(201);
    expect((await postArticle(s, bearer(`${key.slice(0, -1)}x`), 1)).status).toBe(401);
    await fetch(`${s.url}/v1/articles?key=${encodeURIComponent(key)}`);
    await fetch(`${s.url}/v1/articles?api_key=${encodeURIComponent(key)}&access_token=${key}`);
    await new Promise((r) => setTimeout(r, 250));
    expect(logged).toContain('/v1/keys');
    expect(logged).toContain('REDACTED');
    const secret = key.slice('bsk_'.length + 17);
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain(secret.slice(0, 20));
  });
});

describe('API keys: every write scope guards its routes', () => {
  it('a feeds:write key is refused article writes (403), the token is not', async () => {
    const s = await startTestServer();
    servers.push(s);
    const res = await fetch(`${s.url}/v1/keys`, {
      method: 'POST',
      headers: { ...s.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Feeds', scopes: ['feeds:write'] }),
    });
    const { key } = (await res.json()) as Created;
    const del = await fetch(`${s.url}/v1/articles/nothing-here`, {
      method: 'DELETE',
      headers: bearer(key),
    });
    expect(del.status).toBe(403);
    expect((await problem(del)).errors?.[0]?.path).toBe('Authorization');
    expect(
      (await fetch(`${s.url}/v1/articles/nothing-here`, { method: 'DELETE', headers: s.auth }))
        .status,
    ).toBe(404);
  });
});
