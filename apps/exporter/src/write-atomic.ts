import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { CliFs } from './cli-fs.js';

let sequence = 0;

/** A temporary name beside `target`, so the final rename stays on one file system (atomic). */
export function tempPathFor(target: string): string {
  sequence += 1;
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}-${sequence}.tmp`,
  );
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
 * closed before the rename.
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
      try {
        await write(out);
      } catch (error) {
        out.destroy();
        await done.catch(() => undefined);
        throw error;
      }
      if (!out.writableEnded) out.end();
      await done;
    },
    pending,
  );
}
