import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArticle } from '@broadsheet/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { runPruneMedia } from './prune-command.js';

describe('prune-media command', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-prune-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (argv: string[], at: Date) => {
    let out = '';
    let err = '';
    const code = await runPruneMedia(
      argv,
      { BROADSHEET_DATA_DIR: dir },
      { stdout: (s) => (out += s), stderr: (s) => (err += s) },
      () => at,
    );
    return { code, out, err };
  };

  it('removes old unreferenced media only, and says how many', async () => {
    const store = openSqliteStore(join(dir, 'broadsheet.db'), {
      now: () => new Date('2026-01-01T00:00:00Z'),
    });
    const put = (id: string) =>
      store.media.put({ id, type: 'image/png', width: 1, height: 1, data: Buffer.from(id) });
    const used = 'a'.repeat(64);
    const orphan = 'b'.repeat(64);
    await put(used);
    await put(orphan);
    await store.articles.create(
      parseArticle(
        articleInput({ image: { src: `https://x.example/v1/media/${used}`, alt: 'x' } }),
      ),
    );
    await store.close();

    const early = await run(['--older-than', '48'], new Date('2026-01-02T00:00:00Z'));
    expect(early).toMatchObject({ code: 0, out: '' });
    const later = await run([], new Date('2026-01-02T12:00:00Z'));
    expect(later.code).toBe(0);
    expect(later.out).toBe(`${orphan}\n`);
    expect(later.err).toMatch(/removed 1 unreferenced media/);
  });

  it.each([[['--older-than', 'soon']], [['--force']]])('%j is exit 2', async (argv) => {
    expect((await run(argv, new Date())).code).toBe(2);
  });
});
