import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createRenderService } from '../render/pool.js';
import { downloadOptions } from './downloads.js';
import { sampleArticle } from './test-support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'broadsheet-reader-downloads-'));
const renderer = createRenderService({
  cacheDir: dir,
  logger: pino({ level: 'silent' }),
  threads: 1,
});

afterAll(async () => {
  await renderer.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('download sizes on the real render service', () => {
  const article = sampleArticle({ slug: 'sizes' });

  it('sends the page without sizes rather than wait past the budget, and keeps rendering', async () => {
    const errors: unknown[] = [];
    const options = await downloadOptions(renderer, article, (_f, err) => errors.push(err), 0);
    expect(options).toEqual([{ format: 'epub' }, { format: 'pdf' }]);
    expect(errors).toEqual([]);
  });

  it('shows the size of the cached file once it is rendered', async () => {
    const epub = await renderer.file('epub', article);
    const pdf = await renderer.file('pdf', article);
    const options = await downloadOptions(renderer, article, () => undefined, 60_000);
    expect(options).toEqual([
      { format: 'epub', bytes: statSync(epub.path).size },
      { format: 'pdf', bytes: statSync(pdf.path).size },
    ]);
    expect(renderer.stats().rendered).toBe(2);
  }, 120_000);
});
