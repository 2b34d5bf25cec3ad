import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { CliFs } from './cli-fs.js';

let sequence = 0;

/** The longest file name (in bytes) of the usual file systems: ext4, XFS, Btrfs, APFS, NTFS. */
const NAME_MAX = 255;

/**
 * A temporary name beside `target`, so the final rename stays on one file system (atomic).
 * A target name too long to take the suffix (up to 255 bytes is a valid name) gets a
 * temporary name made from its hash instead, so every name that can be written can be
 * written through a temporary file.
 */
export function tempPathFor(target: string): string {
  sequence += 1;
  const name = path.basename(target);
  const suffix = `.${process.pid}-${sequence}.tmp`;
  const temp =
    Buffer.byteLength(`.${name}${suffix}`) <= NAME_MAX
      ? `.${name}${suffix}`
      : `.${createHash('sha256').update(name).digest('hex').slice(0, 32)}${suffix}`;
  return path.join(path.dirname(target), temp);
}

/**
 * Writes `target` through a temporary file and a rename: a reader, or a crash half-way,
 * never sees a partial EPUB or PDF, and an existing file is replaced only by a complete one.
 * `pending` (if given) holds the temporary path while it exists, for cleanup on a signal.
 * No fsync: this is a converter whose output can be made again, and a sync per file would
 * dominate the run time of small exports.
 */
async function viaTemp(
  fs: CliFs,
  target: string,
  produce: (temp: string) => Promise<void>,
  pending?: Set<string>,
): Promise<void> {
  const temp = tempPathFor(target);
  pending?.add(temp);
  try {
    await produce(temp);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  } finally {
    pending?.delete(temp);
  }
}

export function writeFileAtomic(
  fs: CliFs,
  target: string,
  data: Uint8Array,
  pending?: Set<string>,
): Promise<void> {
  return viaTemp(fs, target, (temp) => fs.writeFile(temp, data, { flag: 'wx' }), pending);
}

/**
 * Like writeFileAtomic for output produced as a stream (a large PDF never sits whole in
 * memory). `write` may or may not end the stream; either way the file is complete and
 * closed before the rename. If the file itself fails (it cannot be created, the disk is
 * full), that error ends the write at once, even when `write` never looks at the stream.
 */
export function writeStreamAtomic(
  fs: CliFs,
  target: string,
  write: (out: Writable) => Promise<void>,
  pending?: Set<string>,
): Promise<void> {
  return viaTemp(
    fs,
    target,
    async (temp) => {
      const out = fs.createWriteStream(temp, { flags: 'wx' });
      const done = finished(out);
      // Observed now, awaited below: an open error must not surface as an unhandled rejection.
      done.catch(() => undefined);
      // Settles only if the file fails; a writer still busy then is not waited for.
      const failed = done.then(() => new Promise<never>(() => undefined));
      const writing = write(out);
      writing.catch(() => undefined);
      try {
        await Promise.race([writing, failed]);
      } catch (error) {
        out.destroy();
        await done.catch(() => undefined);
        // The file's own error (ENOSPC, EACCES) says more than what a writer made of it.
        throw out.errored ?? error;
      }
      if (!out.writableEnded) out.end();
      await done;
    },
    pending,
  );
}
