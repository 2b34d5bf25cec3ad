import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
  readdirSync(root, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(root, e.name)) : [e.name]));

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
    expect(allFiles(dir).sort()).toEqual([`${first.key}.pdf`, `${letter.key}.pdf`].sort());
  });

  it('reports a failing render and renders again on the next request', async () => {
    service = createRenderService({ cacheDir: dir, logger, threads: 1, workerFile: failingWorker });
    const article = parseArticle(articleInput());
    await expect(service.file('epub', article)).rejects.toBeInstanceOf(RenderFailedError);
    await expect(service.file('epub', article)).rejects.toThrow(/renderer exploded on purpose/);
    expect(service.stats()).toEqual({ rendered: 2, inFlight: 0 });
    expect(allFiles(dir)).toEqual([]);
  });
});

describe('a failing render over HTTP', () => {
  it('answers a problem document and the server keeps serving', async () => {
    const server = await startTestServer({ workerFile: failingWorker, seed: [parseArticle(articleInput({ slug: 'doomed' }))] });
    try {
      const res = await fetch(`${server.url}/v1/articles/doomed.epub`);
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('content-disposition')).toBeNull();
      expect(((await res.json()) as { detail: string }).detail).toMatch(/rendering the EPUB failed/);
      expect((await fetch(`${server.url}/v1/articles/doomed`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
