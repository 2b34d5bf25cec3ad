import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArticle } from '@broadsheet/model';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { startTestServer } from '../test-support/server.js';
import { CacheBudget } from './cache-budget.js';
import { createRenderService } from './pool.js';
import { CHECKSUM_SUFFIX, type RenderService } from './types.js';

const logger = pino({ level: 'silent' });
let dir: string;
let service: RenderService | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'broadsheet-cache-budget-'));
});
afterEach(async () => {
  await service?.close();
  service = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Every file under `root` (recursively) with its size, by name. */
function filesOnDisk(root: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (at: string) => {
    for (const e of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, e.name);
      if (e.isDirectory()) walk(path);
      else out.set(e.name, statSync(path).size);
    }
  };
  walk(root);
  return out;
}

/** Cached file names (sidecars left out), after checking each has its sidecar and the reverse. */
function cachedFiles(root: string): string[] {
  const names = [...filesOnDisk(root).keys()];
  const files = names.filter((n) => !n.endsWith(CHECKSUM_SUFFIX)).sort();
  const sidecars = names
    .filter((n) => n.endsWith(CHECKSUM_SUFFIX))
    .map((n) => n.slice(0, -CHECKSUM_SUFFIX.length))
    .sort();
  expect(sidecars, 'each cached file has its sidecar and each sidecar its file').toEqual(files);
  return files;
}

const diskBytes = (root: string) => [...filesOnDisk(root).values()].reduce((a, b) => a + b, 0);

/** A cache file as a render would leave it: `<dir>/<kk>/<key>.epub` and its checksum sidecar. */
function writeEntry(root: string, seed: string, bytes: number, mtimeSeconds: number): string {
  const key = createHash('sha256').update(seed).digest('hex');
  const shard = join(root, key.slice(0, 2));
  mkdirSync(shard, { recursive: true });
  const path = join(shard, `${key}.epub`);
  const content = Buffer.alloc(bytes, seed);
  writeFileSync(
    `${path}${CHECKSUM_SUFFIX}`,
    `${createHash('sha256').update(content).digest('hex')}\n`,
  );
  writeFileSync(path, content);
  utimesSync(path, mtimeSeconds, mtimeSeconds);
  return path;
}

describe('render cache budget', () => {
  it('trims an over-budget cache at start-up, oldest first, files and sidecars together, strays removed', async () => {
    const paths = [0, 1, 2, 3, 4, 5].map((i) =>
      writeEntry(dir, `entry-${i}`, 1000, 1_700_000_000 + i * 60),
    );
    // Half entries, a crashed render's temp file, and a file that is not the cache's.
    const shard = join(dir, 'ab');
    mkdirSync(shard, { recursive: true });
    const orphanKey = 'ab'.padEnd(64, '0');
    writeFileSync(join(shard, `${orphanKey}.pdf${CHECKSUM_SUFFIX}`), `${'0'.repeat(64)}\n`);
    writeFileSync(join(shard, `${'ab'.padEnd(64, '1')}.pdf`), 'no sidecar');
    writeFileSync(join(shard, `${'ab'.padEnd(64, '2')}.epub.4242.k3j2.tmp`), 'half a render');
    writeFileSync(join(dir, 'NOTES.txt'), 'not ours');

    service = createRenderService({
      cacheDir: dir,
      logger,
      threads: 1,
      maxCacheBytes: 3 * 1065 + 10,
    });
    await service.cacheSettled();

    // A file the cache does not name is left alone (and not counted).
    expect(filesOnDisk(dir).has('NOTES.txt')).toBe(true);
    rmSync(join(dir, 'NOTES.txt'));
    expect(cachedFiles(dir)).toEqual(
      paths
        .slice(3)
        .map((p) => basename(p))
        .sort(),
    );
    expect(service.cacheUsage()).toEqual({ bytes: 3 * 1065, files: 3, maxBytes: 3 * 1065 + 10 });
  });

  it('evicts the least recently used file first, and tolerates files deleted underneath it', async () => {
    const paths = [0, 1, 2].map((i) => writeEntry(dir, `entry-${i}`, 1000, 1_700_000_000 + i));
    const budget = new CacheBudget({
      dir,
      maxBytes: 3 * 1065,
      logger,
      busy: () => false,
      onEvict: () => undefined,
    });
    await budget.settled();
    const [p0, p1, p2] = paths as [string, string, string];
    expect(cachedFiles(dir)).toHaveLength(3); // within budget: nothing trimmed
    budget.touch(p0); // used recently: now p1 is the oldest
    rmSync(p1); // gone already (a crash, an operator): its eviction must not fail
    const p4 = writeEntry(dir, 'entry-4', 1000, 1_700_000_100);
    budget.add(p4, 1000);
    await budget.settled();
    expect(cachedFiles(dir)).toEqual([p0, p2, p4].map((p) => basename(p)).sort());
    expect(budget.usage().bytes).toBe(3 * 1065);
  });

  it('never evicts a file a render or request is using', async () => {
    const paths = [0, 1, 2].map((i) => writeEntry(dir, `entry-${i}`, 1000, 1_700_000_000 + i));
    const [p0, , p2] = paths as [string, string, string];
    const budget = new CacheBudget({
      dir,
      maxBytes: 2 * 1065,
      logger,
      busy: (path) => path === p0,
      onEvict: () => undefined,
    });
    await budget.settled();
    expect(cachedFiles(dir)).toEqual([p0, p2].map((p) => basename(p)).sort());
    expect(budget.usage().bytes).toBe(2 * 1065);
  });
});

describe('render cache eviction over HTTP', () => {
  it('keeps the cache under budget, evicting the least recently downloaded first, and renders an evicted file again', async () => {
    const slugs = ['alpha', 'bravo', 'charlie'] as const;
    const articles = slugs.map((slug) =>
      parseArticle(articleInput({ slug, headline: `Rivers rise in ${slug}` })),
    );
    // The budget holds two of these EPUBs but not three (they differ by a few bytes at most).
    const probe = createRenderService({ cacheDir: join(dir, 'probe'), logger, threads: 1 });
    const sizes = await Promise.all(
      articles.map(async (a) => statSync((await probe.file('epub', a)).path).size + 65),
    );
    await probe.close();
    const maxCacheBytes = Math.floor(2.5 * Math.max(...sizes));
    expect(3 * Math.min(...sizes)).toBeGreaterThan(maxCacheBytes);

    const server = await startTestServer({ seed: articles, maxCacheBytes });
    const cache = join(server.dataDir, 'cache');
    const renderer = server.deps.renderer;
    const download = async (slug: string) => {
      const res = await fetch(`${server.url}/v1/articles/${slug}.epub`);
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      await renderer.cacheSettled();
      return bytes;
    };
    const cachedKeys = () => cachedFiles(cache).map((n) => n.replace(/\.epub$/, ''));
    try {
      const alpha = await download('alpha');
      const bravo = await download('bravo');
      await download('alpha'); // a hit: alpha is now the most recently used
      expect(renderer.stats().rendered).toBe(2);
      const charlie = await download('charlie');
      const key = (i: number) => renderer.key('epub', articles[i] ?? expect.unreachable(), {});
      expect(cachedKeys().sort()).toEqual([key(0), key(2)].sort());
      expect(diskBytes(cache)).toBeLessThanOrEqual(maxCacheBytes);
      expect(renderer.cacheUsage().bytes).toBe(diskBytes(cache));

      // The evicted file is rendered again and served whole; now alpha is the oldest.
      const bravoAgain = await download('bravo');
      expect(Buffer.compare(bravoAgain, bravo)).toBe(0);
      expect(renderer.stats().rendered).toBe(4);
      expect(cachedKeys().sort()).toEqual([key(1), key(2)].sort());
      expect(diskBytes(cache)).toBeLessThanOrEqual(maxCacheBytes);

      // The files that stayed are still served from the cache, unchanged.
      expect(Buffer.compare(await download('charlie'), charlie)).toBe(0);
      expect(renderer.stats().rendered).toBe(4);
      expect(Buffer.compare(await download('alpha'), alpha)).toBe(0);
      expect(renderer.stats().rendered).toBe(5);
    } finally {
      await server.close();
    }
  });
});
