import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticle } from '@broadsheet/model';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { startTestServer } from '../test-support/server.js';
import { createRenderService } from './pool.js';
import { RenderFailedError, type RenderService } from './types.js';

const failingWorker = fileURLToPath(new URL('./test-support/failing-worker.mjs', import.meta.url));
const hangingWorker = fileURLToPath(new URL('./test-support/hanging-worker.mjs', import.meta.url));
const logger = pino({ level: 'silent' });
let dir: string;
let service: RenderService | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'broadsheet-render-'));
});
afterEach(async () => {
  await service?.close();
  service = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const allFiles = (root: string): string[] =>
  readdirSync(root, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allFiles(join(root, e.name)) : [e.name],
  );

describe('render service', () => {
  it('caches by content: same input and options reuse the file, other options render anew, no temp files left', async () => {
    service = createRenderService({ cacheDir: dir, logger, threads: 1 });
    const article = parseArticle(articleInput());
    const first = await service.file('pdf', article, {});
    const again = await service.file('pdf', article, {});
    const letter = await service.file('pdf', article, { pageSize: 'Letter' });
    expect(again.path).toBe(first.path);
    expect(letter.key).not.toBe(first.key);
    expect(service.stats().rendered).toBe(2);
    // Each file has its checksum beside it, checked before it is served.
    expect(allFiles(dir).sort()).toEqual(
      [
        `${first.key}.pdf`,
        `${first.key}.pdf.sha256`,
        `${letter.key}.pdf`,
        `${letter.key}.pdf.sha256`,
      ].sort(),
    );
  });

  it.each([
    ['truncated', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    [
      'bytes flipped',
      (bytes: Buffer) =>
        Buffer.from(bytes.map((b, i) => (i === Math.floor(bytes.length / 2) ? b ^ 0xff : b))),
    ],
  ])('renders a cached file again when it was damaged on disk (%s)', async (_name, damage) => {
    service = createRenderService({ cacheDir: dir, logger, threads: 1 });
    const article = parseArticle(articleInput());
    const first = await service.file('epub', article);
    const good = readFileSync(first.path);
    writeFileSync(first.path, damage(good));
    const again = await service.file('epub', article);
    expect(again.path).toBe(first.path);
    expect(Buffer.compare(readFileSync(again.path), good)).toBe(0);
    expect(service.stats().rendered).toBe(2);
  });

  it('stops a render that runs past the timeout and replaces its worker', async () => {
    service = createRenderService({
      cacheDir: dir,
      logger,
      threads: 1,
      timeoutMs: 300,
      workerFile: hangingWorker,
    });
    const article = parseArticle(articleInput());
    const failed = await service.file('epub', article).catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(RenderFailedError);
    expect((failed as RenderFailedError).reason).toBe('timeout');
    // The thread was replaced: the next render runs (and is stopped) rather than waiting forever.
    await expect(service.file('pdf', article)).rejects.toThrow(/longer than 300 ms/);
    expect(service.stats()).toEqual({ rendered: 2, inFlight: 0, fromShared: 0 });
  });

  it('reports a failing render and renders again on the next request', async () => {
    service = createRenderService({ cacheDir: dir, logger, threads: 1, workerFile: failingWorker });
    const article = parseArticle(articleInput());
    await expect(service.file('epub', article)).rejects.toBeInstanceOf(RenderFailedError);
    await expect(service.file('epub', article)).rejects.toThrow(/renderer exploded on purpose/);
    expect(service.stats()).toEqual({ rendered: 2, inFlight: 0, fromShared: 0 });
    expect(allFiles(dir)).toEqual([]);
  });
});

describe('a failing render over HTTP', () => {
  it('answers a problem document and the server keeps serving', async () => {
    const server = await startTestServer({
      workerFile: failingWorker,
      seed: [parseArticle(articleInput({ slug: 'doomed' }))],
    });
    try {
      const res = await fetch(`${server.url}/v1/articles/doomed.epub`);
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('content-disposition')).toBeNull();
      expect(((await res.json()) as { detail: string }).detail).toMatch(
        /rendering the EPUB failed/,
      );
      expect((await fetch(`${server.url}/v1/articles/doomed`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
