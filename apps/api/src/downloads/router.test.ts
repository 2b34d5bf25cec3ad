import { epubcheckTs, formatEpubCheckProblems, pdfinfo, pdftotext } from '@broadsheet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ renderThreads: 1 });
  const add = (o: Record<string, unknown>) =>
    fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...server.auth },
      body: JSON.stringify(articleInput(o)),
    });
  await add({ headline: 'Download me', slug: 'download-me' });
  await add({
    headline: 'Новости дня',
    slug: 'новости-дня',
    language: 'ru',
    body: [{ type: 'paragraph', text: 'Текст статьи.' }],
  });
});
afterAll(() => server.close());

const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe('downloads', () => {
  it('serves a valid EPUB as an attachment with a strong ETag', async () => {
    const res = await fetch(`${server.url}/v1/articles/download-me.epub`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/epub+zip');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="download-me.epub"');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    const epub = await bytes(res);
    const report = await epubcheckTs(epub);
    expect(formatEpubCheckProblems(report)).toBe('');
  });

  it('serves a PDF, Letter on request, with a different ETag than A4', async () => {
    const a4 = await fetch(`${server.url}/v1/articles/download-me.pdf`);
    expect(a4.status).toBe(200);
    expect(a4.headers.get('content-type')).toBe('application/pdf');
    expect((await bytes(a4)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const letter = await fetch(`${server.url}/v1/articles/download-me.pdf?pageSize=Letter`);
    expect(letter.status).toBe(200);
    expect(letter.headers.get('etag')).not.toBe(a4.headers.get('etag'));
    expect((await fetch(`${server.url}/v1/articles/download-me.pdf?pageSize=A5`)).status).toBe(400);
  });

  it.each([
    ['A3', '841.89 x 1190.55 pts (A3)'],
    ['Tabloid', '792 x 1224 pts'],
  ])('serves %s pages on request', async (size, pages) => {
    const res = await fetch(`${server.url}/v1/articles/download-me.pdf?pageSize=${size}`);
    expect(res.status).toBe(200);
    expect((await pdfinfo(await bytes(res)))['Page size']).toBe(pages);
  });

  it('serves an edition as a newspaper with ?layout=columns, a file of its own', async () => {
    const single = await fetch(`${server.url}/v1/editions/latest.pdf`);
    const columns = await fetch(
      `${server.url}/v1/editions/latest.pdf?layout=columns&pageSize=Tabloid`,
    );
    expect(columns.status).toBe(200);
    expect(columns.headers.get('etag')).not.toBe(single.headers.get('etag'));
    const pdf = await bytes(columns);
    expect((await pdfinfo(pdf))['Page size']).toBe('792 x 1224 pts');
    // The front page: the single layout's first page is the cover, with no "Continued on page".
    expect((await pdftotext(pdf))[0]).toMatch(/Continued on page 2/);
    expect((await pdftotext(await bytes(single)))[0]).not.toMatch(/Continued on page/);
    // The default's key is unchanged by the new option: ?layout=single is the same file.
    const explicit = await fetch(`${server.url}/v1/editions/latest.pdf?layout=single`);
    expect(explicit.headers.get('etag')).toBe(single.headers.get('etag'));
    await explicit.arrayBuffer();
  });

  it('refuses an unknown edition layout with a problem naming the field', async () => {
    const res = await fetch(`${server.url}/v1/editions/latest.pdf?layout=grid`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.text()).toMatch(/query\.layout/);
  });

  it('gives a new EPUB ETag once the article changes, and the old one no longer answers 304', async () => {
    const put = (headline: string) =>
      fetch(`${server.url}/v1/articles/changing`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...server.auth },
        body: JSON.stringify(articleInput({ headline, slug: 'changing' })),
      });
    expect((await put('First headline')).status).toBe(201);
    const before = await fetch(`${server.url}/v1/articles/changing.epub`);
    await before.arrayBuffer();
    const oldTag = before.headers.get('etag') ?? '';
    expect(
      (
        await fetch(`${server.url}/v1/articles/changing.epub`, {
          headers: { 'if-none-match': oldTag },
        })
      ).status,
    ).toBe(304);
    expect((await put('Second headline')).status).toBe(200);
    const after = await fetch(`${server.url}/v1/articles/changing.epub`, {
      headers: { 'if-none-match': oldTag },
    });
    expect(after.status).toBe(200);
    await after.arrayBuffer();
    expect(after.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
    expect(after.headers.get('etag')).not.toBe(oldTag);
  });

  it('names non-ASCII files with filename* and an ASCII fallback', async () => {
    const res = await fetch(`${server.url}/v1/articles/${encodeURIComponent('новости-дня')}.epub`);
    expect(res.status).toBe(200);
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.epub"; filename\*=UTF-8''/);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('новости-дня')}.epub`);
    await res.arrayBuffer();
  });

  it('answers Range with 206, HEAD without a body, and If-None-Match with 304', async () => {
    const full = await bytes(await fetch(`${server.url}/v1/articles/download-me.epub`));
    const range = await fetch(`${server.url}/v1/articles/download-me.epub`, {
      headers: { range: 'bytes=0-99' },
    });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-range')).toBe(`bytes 0-99/${full.length}`);
    expect(await bytes(range)).toEqual(full.subarray(0, 100));
    const head = await fetch(`${server.url}/v1/articles/download-me.epub`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(full.length));
    const etag = head.headers.get('etag') ?? '';
    const notModified = await fetch(`${server.url}/v1/articles/download-me.epub`, {
      headers: { 'if-none-match': etag },
    });
    expect(notModified.status).toBe(304);
    const outside = await fetch(`${server.url}/v1/articles/download-me.epub`, {
      headers: { range: `bytes=${full.length + 10}-` },
    });
    expect(outside.status).toBe(416);
  });

  it('answers a suffix range longer than the file with the whole file as 206 (RFC 9110 §14.1.2)', async () => {
    const full = await bytes(await fetch(`${server.url}/v1/articles/download-me.epub`));
    const res = await fetch(`${server.url}/v1/articles/download-me.epub`, {
      headers: { range: `bytes=-${full.length + 4561}` },
    });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-${full.length - 1}/${full.length}`);
    expect(await bytes(res)).toEqual(full);
    const invalid = await fetch(`${server.url}/v1/articles/download-me.epub`, {
      headers: { range: 'bytes=50-10' },
    });
    expect(invalid.status).toBe(200);
    expect(await bytes(invalid)).toEqual(full);
  });

  it('renders concurrent requests for the same missing file once, with identical bytes', async () => {
    await fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...server.auth },
      body: JSON.stringify(articleInput({ headline: 'Popular story', slug: 'popular' })),
    });
    const before = server.deps.renderer.stats().rendered;
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => fetch(`${server.url}/v1/articles/popular.pdf`)),
    );
    const bodies = await Promise.all(responses.map(bytes));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(server.deps.renderer.stats().rendered - before).toBe(1);
    for (const body of bodies) expect(body.equals(bodies[0] ?? Buffer.alloc(0))).toBe(true);
  });

  it('serves edition downloads', async () => {
    const res = await fetch(`${server.url}/v1/editions/latest.epub`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="2018-05-02\.epub"/,
    );
    expect(formatEpubCheckProblems(await epubcheckTs(await bytes(res)))).toBe('');
    expect((await fetch(`${server.url}/v1/editions/1999-01-01.pdf`)).status).toBe(404);
  });
});

describe('a full render queue', () => {
  it('answers 503 with Retry-After and keeps serving', async () => {
    const busy = await startTestServer({ renderThreads: 1, renderQueue: 0 });
    try {
      for (let i = 0; i < 4; i++) {
        await fetch(`${busy.url}/v1/articles`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...busy.auth },
          body: JSON.stringify(
            articleInput({ headline: `Queued story ${i}`, slug: `queued-${i}` }),
          ),
        });
      }
      const responses = await Promise.all(
        [0, 1, 2, 3].map((i) => fetch(`${busy.url}/v1/articles/queued-${i}.pdf`)),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses).toContain(200);
      expect(statuses).toContain(503);
      const refused = responses.find((r) => r.status === 503);
      expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(refused?.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      await Promise.all(responses.map((r) => r.arrayBuffer()));
      expect((await fetch(`${busy.url}/health`)).status).toBe(200);
    } finally {
      await busy.close();
    }
  });
});
