import { truncateSync, writeFileSync } from 'node:fs';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesWithBytes } from './support/files.js';
import { postJson, UNTHROTTLED } from './support/http.js';

const SLUG = 'cache-fault';

async function download(server: ServerProcess, format: 'epub' | 'pdf'): Promise<Buffer> {
  const res = await fetch(`${server.url}/v1/articles/${SLUG}.${format}`);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

type Damage = (path: string, good: Buffer) => void;

const damages: [string, Damage][] = [
  ['truncated to half', (path, good) => truncateSync(path, Math.floor(good.length / 2))],
  ['truncated to zero bytes', (path) => truncateSync(path, 0)],
  [
    'corrupted in place (same length, bytes flipped mid-file)',
    (path, good) => {
      const bad = Buffer.from(good);
      for (
        let i = Math.floor(bad.length / 2);
        i < Math.floor(bad.length / 2) + 64 && i < bad.length;
        i++
      )
        bad[i] = (bad[i] as number) ^ 0xff;
      writeFileSync(path, bad);
    },
  ],
  [
    'replaced by other bytes of the same length',
    (path, good) => writeFileSync(path, Buffer.alloc(good.length, 0x20)),
  ],
];

describe('a damaged render cache file', () => {
  let server: ServerProcess;
  /** What the first, undamaged render served, and where the cache keeps it. */
  const first = new Map<'epub' | 'pdf', { good: Buffer; path: string }>();
  beforeAll(async () => {
    server = await startServerProcess({ env: UNTHROTTLED });
    const res = await postJson(server, '/v1/articles', {
      slug: SLUG,
      headline: 'The cache must never serve a damaged file',
      language: 'en',
      body: [{ type: 'paragraph', text: 'Rendered once, damaged on disk, rendered again.' }],
    });
    expect(res.status).toBe(201);
    for (const format of ['epub', 'pdf'] as const) {
      const good = await download(server, format);
      // Renders are deterministic, so the cached file is byte-identical to what was served.
      const cached = filesWithBytes(server.dataDir, good);
      expect(cached, `the cached ${format} was found on disk`).toHaveLength(1);
      first.set(format, { good, path: cached[0] as string });
    }
  }, 60_000);
  afterAll(async () => server.cleanup());

  describe.each(['epub', 'pdf'] as const)('%s', (format) => {
    it.each(damages)(
      '%s: is detected and rendered again, never served',
      async (_name, damage) => {
        const { good, path } = first.get(format) ?? expect.unreachable('no first render');
        // Each case starts from the good file, whatever an earlier case left behind.
        writeFileSync(path, good);
        damage(path, good);
        const again = await download(server, format);
        expect(again.length).toBe(good.length);
        expect(Buffer.compare(again, good)).toBe(0);
        // And the cache holds a good copy again (repaired, not left damaged for the next reader).
        const afterwards = await download(server, format);
        expect(Buffer.compare(afterwards, good)).toBe(0);
        expect(filesWithBytes(server.dataDir, good).length).toBeGreaterThanOrEqual(1);
      },
      60_000,
    );
  });
});
