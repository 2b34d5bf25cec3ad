import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeFs, type CliFs } from './cli-fs.js';
import { tempPathFor, writeFileAtomic, writeStreamAtomic } from './write-atomic.js';

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

describe('tempPathFor', () => {
  // Up to 255 bytes is a valid file name; the temporary one must fit too.
  it.each([
    ['a short name', 'a.epub'],
    ['240 letters', `${'y'.repeat(240)}.epub`],
    ['255 bytes', `${'y'.repeat(250)}.epub`],
    ['255 bytes of two-byte letters', `${'é'.repeat(125)}.epub`],
  ])('gives %s a temporary name of at most 255 bytes, beside it', async (_name, name) => {
    const target = path.join(dir, name);
    const temp = tempPathFor(target);
    expect(path.dirname(temp)).toBe(dir);
    expect(Buffer.byteLength(path.basename(temp))).toBeLessThanOrEqual(255);
    expect(tempPathFor(target)).not.toBe(temp);
    await writeFileAtomic(nodeFs, target, Buffer.from('new'));
    expect(await readdir(dir)).toEqual([name]);
  });
});

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

  /** A writer that writes on and never looks at the stream's errors. */
  const heedless = async (out: NodeJS.WritableStream) => {
    for (let i = 0; i < 50; i++) {
      out.write(Buffer.alloc(64 * 1024));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return new Promise<void>(() => undefined);
  };
  /** Every write to the temporary file fails as on a full disk (/dev/full: ENOSPC). */
  const fullDisk: CliFs = { ...nodeFs, createWriteStream: () => createWriteStream('/dev/full') };

  it.skipIf(!existsSync('/dev/full')).each<[string, string, CliFs, string]>([
    ['cannot be created', 'missing/a.pdf', nodeFs, 'ENOENT'],
    ['is on a full disk', 'a.pdf', fullDisk, 'ENOSPC'],
  ])(
    "fails with the file's error when it %s, however the writer goes on",
    async (_name, name, fs, code) => {
      const pending = new Set<string>();
      await expect(
        writeStreamAtomic(fs, path.join(dir, name), heedless, pending),
      ).rejects.toMatchObject({ code });
      expect(await readdir(dir)).toEqual([]);
      expect(pending.size).toBe(0);
    },
  );
});
