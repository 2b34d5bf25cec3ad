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

interface EditionJson {
  id: string;
  title: string;
  description?: string;
  language: string;
  sections: { articles: { slug: string }[] }[];
}

interface Problem {
  detail: string;
  errors?: { path: string }[];
}

const slugsOf = (e: EditionJson) => e.sections.flatMap((s) => s.articles.map((a) => a.slug));

describeEachBackend('curated editions: replace, patch, delete, pages', (backend: BackendName) => {
  async function start(options: TestServerOptions = {}): Promise<TestServer> {
    const s = await startTestServer({ store: backend, ...options });
    server = s;
    for (const [slug, day] of [
      ['first', '2018-05-01'],
      ['second', '2018-05-02'],
      ['third', '2018-05-03'],
    ] as const) {
      const res = await send(s, 'POST', '/v1/articles', {
        body: articleInput({
          slug,
          headline: `The ${slug} story`,
          publishedAt: `${day}T09:00:00Z`,
        }),
      });
      expect(res.status).toBe(201);
    }
    const made = await send(s, 'POST', '/v1/editions', {
      body: { title: 'Weekend', date: '2018-05-05', slugs: ['first', 'second'] },
    });
    expect(made.status).toBe(201);
    return s;
  }

  function send(
    s: TestServer,
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; type?: string } = {},
  ) {
    return fetch(`${s.url}${path}`, {
      method,
      headers: {
        ...s.auth,
        ...(options.body !== undefined && {
          'content-type': options.type ?? 'application/json',
        }),
        ...options.headers,
      },
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    });
  }

  const ID = '/v1/editions/2018-05-05-weekend';

  async function read(s: TestServer) {
    const res = await fetch(`${s.url}${ID}`);
    expect(res.status).toBe(200);
    return { etag: res.headers.get('etag') ?? '', edition: (await res.json()) as EditionJson };
  }

  it('replaces an edition with PUT and If-Match; a stale ETag gets 412 and changes nothing', async () => {
    const s = await start();
    const before = await read(s);
    const replaced = await send(s, 'PUT', ID, {
      body: { title: 'Weekend reading', date: '2018-05-05', slugs: ['third', 'first'] },
      headers: { 'if-match': before.etag },
    });
    expect(replaced.status).toBe(200);
    const after = await read(s);
    expect(replaced.headers.get('etag')).toBe(after.etag);
    expect(after.etag).not.toBe(before.etag);
    // The id stays what the URL says; the new title and order are the edition's.
    expect(after.edition).toMatchObject({ id: '2018-05-05-weekend', title: 'Weekend reading' });
    expect(slugsOf(after.edition)).toEqual(['third', 'first']);
    const stale = await send(s, 'PUT', ID, {
      body: { title: 'Lost update', date: '2018-05-05', slugs: ['second'] },
      headers: { 'if-match': before.etag },
    });
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as Problem).errors?.[0]?.path).toBe('If-Match');
    expect((await read(s)).edition.title).toBe('Weekend reading');
  });

  it('two editors replacing at once with the same ETag: exactly one wins', async () => {
    const s = await start();
    const { etag } = await read(s);
    const answers = await Promise.all(
      ['Alice', 'Bob'].map((title) =>
        send(s, 'PUT', ID, {
          body: { title, date: '2018-05-05', slugs: ['second'] },
          headers: { 'if-match': etag },
        }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 412]);
  });

  it('patches with a JSON Merge Patch, validated as a whole edition', async () => {
    const s = await start();
    const res = await send(s, 'PATCH', ID, {
      type: 'application/merge-patch+json',
      body: { description: 'Long reads.', slugs: ['second', 'third', 'first'] },
    });
    expect(res.status).toBe(200);
    const patched = (await res.json()) as EditionJson;
    expect(patched).toMatchObject({ title: 'Weekend', description: 'Long reads.' });
    expect(slugsOf(patched)).toEqual(['second', 'third', 'first']);
    const cleared = await send(s, 'PATCH', ID, {
      type: 'application/merge-patch+json',
      body: { description: null },
    });
    expect(((await cleared.json()) as EditionJson).description).toBeUndefined();

    const empty = await send(s, 'PATCH', ID, {
      type: 'application/merge-patch+json',
      body: { slugs: [] },
    });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as Problem).errors?.[0]?.path).toBe('body.slugs');
    const unknown = await send(s, 'PATCH', ID, {
      type: 'application/merge-patch+json',
      body: { slugs: ['first', 'no-such-story'] },
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as Problem).errors?.[0]?.path).toBe('slugs.1');
    const plain = await send(s, 'PATCH', ID, { body: { title: 'x' } });
    expect(plain.status).toBe(415);
    const stale = await send(s, 'PATCH', ID, {
      type: 'application/merge-patch+json',
      body: { title: 'Stale' },
      headers: { 'if-match': '"0000000000000000000000000000000000000000"' },
    });
    expect(stale.status).toBe(412);
    expect((await read(s)).edition.title).toBe('Weekend');
  });

  it('deletes with If-Match: stale 412, current 204, then gone', async () => {
    const s = await start();
    const { etag } = await read(s);
    await send(s, 'PATCH', ID, { type: 'application/merge-patch+json', body: { title: 'New' } });
    expect((await send(s, 'DELETE', ID, { headers: { 'if-match': etag } })).status).toBe(412);
    const current = await read(s);
    expect((await send(s, 'DELETE', ID, { headers: { 'if-match': current.etag } })).status).toBe(
      204,
    );
    expect((await fetch(`${s.url}${ID}`)).status).toBe(404);
    expect((await send(s, 'DELETE', ID)).status).toBe(404);
  });

  it('PUT creates an edition under a new id; daily editions cannot be written (405)', async () => {
    const s = await start();
    const made = await send(s, 'PUT', '/v1/editions/morning-briefing', {
      body: { title: 'Morning briefing', date: '2018-05-03', slugs: ['third'] },
    });
    expect(made.status).toBe(201);
    expect(made.headers.get('location')).toBe('/v1/editions/morning-briefing');
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await send(s, method, '/v1/editions/2018-05-02', {
        ...(method !== 'DELETE' && {
          body: { title: 'x', date: '2018-05-02', slugs: ['second'] },
        }),
        ...(method === 'PATCH' && { type: 'application/merge-patch+json' }),
      });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
    const badId = await send(s, 'PUT', '/v1/editions/Not%20A%20Slug', {
      body: { title: 'x', date: '2018-05-02', slugs: ['second'] },
    });
    expect(badId.status).toBe(400);
  });

  it('BROADSHEET_REQUIRE_IF_MATCH=1: blind writes to an existing edition answer 428', async () => {
    const s = await start({ requireIfMatch: true });
    const put = await send(s, 'PUT', ID, {
      body: { title: 'Blind', date: '2018-05-05', slugs: ['second'] },
    });
    expect(put.status).toBe(428);
    const patch = await send(s, 'PATCH', ID, {
      type: 'application/merge-patch+json',
      body: { title: 'Blind' },
    });
    expect(patch.status).toBe(428);
    expect((await send(s, 'DELETE', ID)).status).toBe(428);
    expect((await read(s)).edition.title).toBe('Weekend');
    const fresh = await send(s, 'PUT', '/v1/editions/fresh-one', {
      body: { title: 'Fresh', date: '2018-05-05', slugs: ['second'] },
    });
    expect(fresh.status).toBe(201);
    const { etag } = await read(s);
    expect((await send(s, 'DELETE', ID, { headers: { 'if-match': etag } })).status).toBe(204);
  });

  it('lists editions in pages: limit, cursor, Link rel=next and the total on every page', async () => {
    const s = await start();
    for (const [title, date] of [
      ['Alpha', '2018-05-02'],
      ['Beta', '2018-05-02'],
      ['Gamma', '2018-05-01'],
    ]) {
      const res = await send(s, 'POST', '/v1/editions', {
        body: { title, date, slugs: ['first'] },
      });
      expect(res.status).toBe(201);
    }
    const whole = (await (await fetch(`${s.url}/v1/editions?limit=100`)).json()) as {
      items: { id: string }[];
      total: number;
      nextCursor?: string;
    };
    // 4 curated + 3 daily editions.
    expect(whole.total).toBe(7);
    expect(whole.items).toHaveLength(7);
    expect(whole.nextCursor).toBeUndefined();
    const seen: string[] = [];
    let next: string | undefined = `${s.url}/v1/editions?limit=2`;
    let pages = 0;
    while (next !== undefined) {
      const res: Response = await fetch(next);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: { id: string }[]; total: number };
      expect(page.total).toBe(7);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      const link = res.headers.get('link');
      next = link ? `${s.url}${/^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? ''}` : undefined;
      pages += 1;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(whole.items.map((i) => i.id));
    expect(seen.slice(0, 3)).toEqual(['2018-05-05-weekend', '2018-05-03', '2018-05-02-beta']);
    const bad = await fetch(`${s.url}/v1/editions?cursor=not-a-cursor`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Problem).errors?.[0]?.path).toBe('cursor');
  });

  it('articles deleted since are left out everywhere: counts, lists, catalogs, patches', async () => {
    const s = await start();
    const made = await send(s, 'POST', '/v1/editions', {
      body: { title: 'Only first', date: '2018-05-06', slugs: ['first'] },
    });
    expect(made.status).toBe(201);
    expect((await send(s, 'DELETE', '/v1/articles/first')).status).toBe(204);

    const list = (await (await fetch(`${s.url}/v1/editions?limit=100`)).json()) as {
      items: { id: string; articleCount: number }[];
      total: number;
    };
    const curated = list.items.filter((i) => !/^\d{4}-\d{2}-\d{2}$/.test(i.id));
    // "Only first" has none left: gone, as its GET says; "Weekend" holds one of its two.
    expect(curated).toEqual([
      expect.objectContaining({ id: '2018-05-05-weekend', articleCount: 1 }),
    ]);
    expect(list.total).toBe(list.items.length);
    expect((await fetch(`${s.url}/v1/editions/2018-05-06-only-first`)).status).toBe(404);
    const opds = await (await fetch(`${s.url}/opds/v2/editions`)).text();
    expect(opds).not.toContain('2018-05-06-only-first');
    expect(opds).toContain('2018-05-05-weekend');

    // A patch that does not give slugs keeps the articles still there.
    const patched = await send(s, 'PATCH', ID, {
      body: { title: 'Long weekend' },
      type: 'application/merge-patch+json',
    });
    expect(patched.status).toBe(200);
    const edition = (await patched.json()) as EditionJson;
    expect([edition.title, slugsOf(edition)]).toEqual(['Long weekend', ['second']]);
    // One that names a deleted article is refused, naming it.
    const naming = await send(s, 'PATCH', ID, {
      body: { slugs: ['first', 'second'] },
      type: 'application/merge-patch+json',
    });
    expect(naming.status).toBe(400);
    expect(((await naming.json()) as Problem).errors?.[0]?.path).toBe('slugs.0');
  });
});
