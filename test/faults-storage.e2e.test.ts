import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, postJson, UNTHROTTLED, writeHeaders } from './support/http.js';
import { integrityCheck } from './support/sqlite.js';

/**
 * A data directory on its own small tmpfs, so the test can fill it up or remount it read-only
 * under a running server, as a full disk or a failing volume would. Mounting needs root (CI
 * runs as root); elsewhere this file is skipped, and says so in the test name.
 */
const canMount = process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;

const article = (slug: string, paragraphs = 3, size = 100) => ({
  slug,
  headline: `Storage fault article ${slug}`,
  language: 'en',
  body: Array.from({ length: paragraphs }, (_, i) => ({
    type: 'paragraph',
    text: `${i} ${'word '.repeat(size)}`,
  })),
});
// About 900 KB of text: cannot fit in pages SQLite already has, so it needs new disk space.
const big = (slug: string) => article(slug, 180, 1000);

describe.skipIf(!canMount)('a data directory that is full or read-only (tmpfs; needs root)', () => {
  const mnt = mkdtempSync(join(tmpdir(), 'broadsheet-volume-'));
  let server: ServerProcess;
  let mounted = false;

  beforeAll(async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', mnt]);
    mounted = true;
    server = await startServerProcess({ dataDir: mnt, env: UNTHROTTLED });
    expect((await postJson(server, '/v1/articles', article('before'))).status).toBe(201);
    expect((await fetch(`${server.url}/v1/articles/before.epub`)).status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await server?.stop('SIGKILL');
    if (mounted) {
      spawnSync('mount', ['-o', 'remount,rw', mnt]);
      spawnSync('umount', ['-l', mnt]);
    }
    rmSync(mnt, { recursive: true, force: true });
  });

  async function readsWork(): Promise<void> {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const list = await fetch(`${server.url}/v1/articles?limit=5`);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    const one = await fetch(`${server.url}/v1/articles/before`);
    expect(one.status).toBe(200);
    const search = await fetch(`${server.url}/v1/articles?q=storage`);
    expect(search.status).toBe(200);
    const cached = await fetch(`${server.url}/v1/articles/before.epub`);
    expect(cached.status).toBe(200);
    expect(
      Buffer.from(await cached.arrayBuffer())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');
  }

  it('when full: reads work, a write that needs space answers 503 problem, nothing half-written; recovers when space returns', async () => {
    // dd stops with "No space left on device": the volume is full.
    spawnSync('dd', ['if=/dev/zero', `of=${join(mnt, 'filler')}`, 'bs=1M'], { stdio: 'ignore' });
    try {
      await readsWork();
      const res = await postJson(server, '/v1/articles', big('while-full'));
      const problem = await expectProblem(res, 503);
      expect(problem.detail ?? '').not.toBe('');
      // An uncached render needs space too: a file or a 503 problem, never a 500 or a broken file.
      const pdf = await fetch(`${server.url}/v1/articles/before.pdf`);
      if (pdf.status === 200)
        expect(
          Buffer.from(await pdf.arrayBuffer())
            .subarray(0, 5)
            .toString('latin1'),
        ).toBe('%PDF-');
      else await expectProblem(pdf, 503);
      expect((await fetch(`${server.url}/v1/articles/while-full`)).status).toBe(404);
    } finally {
      rmSync(join(mnt, 'filler'), { force: true });
    }
    expect((await postJson(server, '/v1/articles', big('after-full'))).status).toBe(201);
    expect((await fetch(`${server.url}/v1/articles/after-full`)).status).toBe(200);
  }, 60_000);

  it('when read-only: a server started on it serves reads, answers every write with 503 problem; recovers when writable again', async () => {
    // A volume cannot be remounted read-only while a server holds its database open for
    // writing, so this is a server (re)started on a read-only volume, as after a disk error.
    await server.stop('SIGTERM');
    execFileSync('mount', ['-o', 'remount,ro', mnt]);
    try {
      server = await startServerProcess({ dataDir: mnt, env: UNTHROTTLED });
      await readsWork();
      await expectProblem(await postJson(server, '/v1/articles', article('while-ro')), 503);
      const put = await fetch(`${server.url}/v1/articles/before`, {
        method: 'PUT',
        headers: writeHeaders(server, { 'content-type': 'application/json' }),
        body: JSON.stringify(article('before', 2)),
      });
      await expectProblem(put, 503);
      const del = await fetch(`${server.url}/v1/articles/before`, {
        method: 'DELETE',
        headers: writeHeaders(server),
      });
      await expectProblem(del, 503);
      expect((await fetch(`${server.url}/v1/articles/while-ro`)).status).toBe(404);
      expect((await fetch(`${server.url}/v1/articles/before`)).status).toBe(200);
    } finally {
      await server.stop('SIGTERM');
      execFileSync('mount', ['-o', 'remount,rw', mnt]);
    }
    server = await startServerProcess({ dataDir: mnt, env: UNTHROTTLED });
    expect((await postJson(server, '/v1/articles', article('after-ro'))).status).toBe(201);
  }, 60_000);

  it('leaves a database that passes integrity_check', async () => {
    await server.stop('SIGTERM');
    expect(integrityCheck(mnt)).toBe('ok');
  }, 30_000);
});
