import { describe, expect, it } from 'vitest';
import { BytesCache } from './file-bytes.js';

const bytes = (n: number, fill = 1) => Buffer.alloc(n, fill);

describe('BytesCache', () => {
  it('gives the bytes only for the version they were read from', () => {
    const cache = new BytesCache(100, 1000);
    cache.set('/a', 'v1', bytes(10));
    expect(cache.get('/a', 'v2')).toBeUndefined();
    // A stale version is dropped, not kept for later.
    expect(cache.get('/a', 'v1')).toBeUndefined();
    cache.set('/a', 'v3', bytes(10, 3));
    expect(cache.get('/a', 'v3')?.[0]).toBe(3);
  });

  it.each([
    ['a file over the size limit is not kept', [['/big', 101]], ['/big'], []],
    [
      'the least recently used files go first when the total is exceeded',
      [
        ['/a', 60],
        ['/b', 60],
        ['/c', 60],
      ],
      ['/a'],
      ['/b', '/c'],
    ],
  ] as const)('%s', (_name, files, gone, kept) => {
    const cache = new BytesCache(100, 150);
    for (const [path, size] of files) cache.set(path, 'v', bytes(size));
    for (const path of gone) expect(cache.has(path), path).toBe(false);
    for (const path of kept) expect(cache.get(path, 'v'), path).toBeDefined();
  });
});
