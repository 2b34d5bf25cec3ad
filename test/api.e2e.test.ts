import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { epubcheckJava, formatEpubCheckProblems, requireTool } from '@broadsheet/testing';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The API as a user runs it: the built server (apps/api/dist/main.js) in its own process over
 * a temporary data directory, driven over HTTP, its files checked by EPUBCheck, qpdf and
 * pdftotext.
 */

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-api-e2e-'));
let server: ServerProcess;
let token: string;

const PLAIN_TEXT = `Glacier lake levels prompt evacuation in northern valleys

Authorities moved 2,000 residents from three villages after a glacial lake rose overnight.

The district administration said the water level was being watched every hour.

Engineers plan to widen the outflow channel this week.
`;

beforeAll(async () => {
  // No token given: the server generates one and stores it in the data directory.
  server = await startServerProcess({ dataDir, env: { BROADSHEET_API_TOKEN: undefined } });
  token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
}, 60_000);
afterAll(async () => {
  await server.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

const auth = () => ({ authorization: `Bearer ${token}` });
const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

async function pdfText(pdf: Buffer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-pdf-'));
  try {
    const file = join(dir, 'file.pdf');
    writeFileSync(file, pdf);
    await run(requireTool('qpdf', 'qpdf'), ['--check', file]);
    const { stdout } = await run(requireTool('pdftotext', 'poppler-utils'), [
      '-enc',
      'UTF-8',
      file,
      '-',
    ]);
    return stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('API server process', () => {
  it('generates its write token on first start, mode 0600, and logs where it is', () => {
    const file = join(dataDir, 'api-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(server.stdout.join('\n')).toContain(file);
    expect(server.stdout.join('\n')).not.toContain(token);
  }, 30_000);

  it('seeds the bundled article on first start', async () => {
    const list = (await (await fetch(`${server.url}/v1/articles`)).json()) as {
      items: { headline: string }[];
    };
    expect(list.items.map((i) => i.headline)).toContain(
      'Pakistan, Russia look at ‘multidimensional strategic partnership’ in region',
    );
  }, 30_000);

  it('imports plain text, then lists and finds it by full-text search', async () => {
    const res = await fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8', ...auth() },
      body: PLAIN_TEXT,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(
      '/v1/articles/glacier-lake-levels-prompt-evacuation-in-northern-valleys',
    );
    const search = (await (
      await fetch(`${server.url}/v1/articles?q=outflow%20channel`)
    ).json()) as {
      items: { slug: string; snippet: { text: string; strong?: boolean }[] }[];
    };
    expect(search.items.map((i) => i.slug)).toEqual([
      'glacier-lake-levels-prompt-evacuation-in-northern-valleys',
    ]);
    expect(
      search.items[0]?.snippet.filter((r) => r.strong).map((r) => r.text.toLowerCase()),
    ).toEqual(['outflow', 'channel']);
  }, 30_000);

  it('downloads a valid EPUB (Java EPUBCheck: no errors or warnings)', async () => {
    const res = await fetch(
      `${server.url}/v1/articles/glacier-lake-levels-prompt-evacuation-in-northern-valleys.epub`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/epub+zip');
    const report = await epubcheckJava(await bytes(res));
    expect(formatEpubCheckProblems(report)).toBe('');
  }, 300_000);

  it('downloads a PDF that qpdf accepts and whose text is the article', async () => {
    const res = await fetch(
      `${server.url}/v1/articles/glacier-lake-levels-prompt-evacuation-in-northern-valleys.pdf`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="glacier-lake-levels-prompt-evacuation-in-northern-valleys.pdf"',
    );
    const text = (await pdfText(await bytes(res))).replace(/\s+/g, ' ');
    expect(text).toContain('Glacier lake levels prompt evacuation');
    expect(text).toContain('widen the outflow channel');
  }, 60_000);

  it('downloads the daily edition as EPUB and PDF', async () => {
    const list = (await (await fetch(`${server.url}/v1/editions`)).json()) as {
      items: { id: string; kind: string }[];
    };
    expect(list.items[0]).toMatchObject({ id: '2018-05-02', kind: 'daily' });
    const epub = await fetch(`${server.url}/v1/editions/2018-05-02.epub`);
    expect(epub.status).toBe(200);
    expect((await bytes(epub)).subarray(0, 2).toString('latin1')).toBe('PK');
    const pdf = await fetch(`${server.url}/v1/editions/2018-05-02.pdf`);
    expect(pdf.status).toBe(200);
    expect((await pdfText(await bytes(pdf))).replace(/\s+/g, ' ')).toContain(
      'multidimensional strategic partnership',
    );
  }, 120_000);

  it('answers 304 to a matching ETag and 206 to a Range', async () => {
    const url = `${server.url}/v1/articles/glacier-lake-levels-prompt-evacuation-in-northern-valleys.pdf`;
    const head = await fetch(url, { method: 'HEAD' });
    const etag = head.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const article = await fetch(
      `${server.url}/v1/articles/glacier-lake-levels-prompt-evacuation-in-northern-valleys`,
    );
    expect(
      (
        await fetch(article.url, {
          headers: { 'if-none-match': article.headers.get('etag') ?? '' },
        })
      ).status,
    ).toBe(304);
    const range = await fetch(url, { headers: { range: 'bytes=0-7' } });
    expect(range.status).toBe(206);
    expect((await bytes(range)).toString('latin1')).toMatch(/^%PDF-\d\.\d$/);
  }, 30_000);

  it('finds everything again after a restart, seeding nothing twice, with the same token', async () => {
    // Every stored slug (fewer than a page of 100 here; /health no longer counts articles).
    const slugs = async (): Promise<string[]> => {
      const page = (await (await fetch(`${server.url}/v1/articles?limit=100`)).json()) as {
        items: { slug: string }[];
        nextCursor?: string;
      };
      expect(page.nextCursor).toBeUndefined();
      return page.items.map((a) => a.slug).sort();
    };
    const before = await slugs();
    expect(before.length).toBeGreaterThan(1);
    const exit = await server.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    server = await startServerProcess({ dataDir, env: { BROADSHEET_API_TOKEN: undefined } });
    expect(await slugs()).toEqual(before);
    const got = await fetch(
      `${server.url}/v1/articles/glacier-lake-levels-prompt-evacuation-in-northern-valleys`,
    );
    expect(got.status).toBe(200);
    expect(
      (await (await fetch(`${server.url}/v1/articles?q=glacial`)).json()) as { items: unknown[] },
    ).toMatchObject({ items: [{}] });
    const del = await fetch(`${server.url}/v1/articles/no-such-thing`, {
      method: 'DELETE',
      headers: auth(),
    });
    expect(del.status).toBe(404);
  }, 60_000);

  it('finishes a download in progress when sent SIGTERM, then exits 0', async () => {
    // An edition never rendered before: the request is still being served when the signal arrives.
    const created = await fetch(`${server.url}/v1/editions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth() },
      body: JSON.stringify({
        title: 'Shutdown edition',
        date: '2018-05-03',
        slugs: ['glacier-lake-levels-prompt-evacuation-in-northern-valleys'],
      }),
    });
    expect(created.status).toBe(201);
    const mark = server.stdout.length;
    const url = new URL(`${server.url}/v1/editions/2018-05-03-shutdown-edition.epub`);
    const response = new Promise<{ status: number; length: number; body: Buffer }>(
      (resolve, reject) => {
        request(url, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              length: Number(res.headers['content-length']),
              body: Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        })
          .on('error', reject)
          .end();
      },
    );
    await waitForLog(server, 'render started', mark);
    const exit = server.stop('SIGTERM');
    const { status, length, body } = await response;
    expect(status).toBe(200);
    expect(body.length).toBe(length);
    expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(await exit).toEqual({ code: 0, signal: null });
  }, 60_000);
});

async function waitForLog(proc: ServerProcess, msg: string, from: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (proc.stdout.slice(from).some((line) => line.includes(`"msg":"${msg}"`))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the server never logged "${msg}"`);
}
