import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeFs, type CliFs } from './cli-fs.js';
import { writeFileAtomic, writeStreamAtomic } from './write-atomic.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'broadsheet-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const failingRename: CliFs = {
  ...nodeFs,
  rename: () => Promise.reject(Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' })),
};

describe('writeFileAtomic', () => {
  it('writes the bytes and leaves no temporary file', async () => {
    const target = path.join(dir, 'a.epub');
    await writeFileAtomic(nodeFs, target, Buffer.from('new'));
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['a.epub']);
  });

  it('replaces an existing file whole', async () => {
    const target = path.join(dir, 'a.epub');
    await writeFile(target, 'old');
    await writeFileAtomic(nodeFs, target, Buffer.from('new'));
    expect(await readFile(target, 'utf8')).toBe('new');
  });

  it('on failure keeps the old file and removes the temporary one', async () => {
    const target = path.join(dir, 'a.epub');
    await writeFile(target, 'old');
    const pending = new Set<string>();
    await expect(
      writeFileAtomic(failingRename, target, Buffer.from('new'), pending),
    ).rejects.toThrow(/EIO/);
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['a.epub']);
    expect(pending.size).toBe(0);
  });
});

describe('writeStreamAtomic', () => {
  it.each([
    ['ends the stream itself', true],
    ['leaves the stream open', false],
  ])('writes the whole output when the writer %s', async (_name, ends) => {
    const target = path.join(dir, 'a.pdf');
    await writeStreamAtomic(nodeFs, target, async (out) => {
      out.write('%PDF-');
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (ends) out.end('1.7');
      else out.write('1.7');
    });
    expect(await readFile(target, 'utf8')).toBe('%PDF-1.7');
    expect(await readdir(dir)).toEqual(['a.pdf']);
  });

  it('removes the partial file when the writer fails', async () => {
    const target = path.join(dir, 'a.pdf');
    await expect(
      writeStreamAtomic(nodeFs, target, (out) => {
        out.write('%PDF-1.7 half');
        return Promise.reject(new Error('renderer crashed'));
      }),
    ).rejects.toThrow('renderer crashed');
    expect(await readdir(dir)).toEqual([]);
  });
});
