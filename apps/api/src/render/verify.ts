import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { open, readFile, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { CHECKSUM_SUFFIX } from './types.js';
import { isMissing } from '../util/fs-errors.js';

/** Files remembered as verified; beyond this the oldest are forgotten (and hashed again when asked). */
const MAX_REMEMBERED = 10_000;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Identifies one version of a file: any write, truncation or replacement changes it. Times
 * in milliseconds with a fraction (a double keeps them to a fraction of a microsecond), so
 * the stat a download makes of its open file anyway can be compared.
 */
export function fingerprint(s: Stats): string {
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
}

/**
 * Guards the render cache against files damaged on disk (truncated, bit-flipped, overwritten):
 * each file is compared with the SHA-256 in its sidecar before it is first served, and each
 * verified version (device, inode, size, mtime, ctime) is remembered so it is hashed once.
 */
export class CacheVerifier {
  private readonly verified = new Map<string, string>();

  /** True when `stats` (of the file at `path`, e.g. from fstat of an open file) is a verified version. */
  isKnown(path: string, stats: Stats): boolean {
    return this.verified.get(path) === fingerprint(stats);
  }

  /** True when this exact version of the file was verified before. */
  async knownIntact(path: string): Promise<boolean> {
    const known = this.verified.get(path);
    if (known === undefined) return false;
    try {
      if (fingerprint(await stat(path)) === known) return true;
    } catch (err) {
      if (!isMissing(err)) throw err;
    }
    this.verified.delete(path);
    return false;
  }

  /**
   * `intact` when the file's bytes hash to its sidecar's checksum, `missing` when there is no
   * file, `damaged` otherwise (no or unreadable sidecar included: such a file cannot be trusted).
   */
  async check(path: string): Promise<'intact' | 'missing' | 'damaged'> {
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (err) {
      if (isMissing(err)) return 'missing';
      throw err;
    }
    try {
      let expected: string;
      try {
        expected = (await readFile(`${path}${CHECKSUM_SUFFIX}`, 'utf8')).trim();
      } catch (err) {
        if (isMissing(err)) return 'damaged';
        throw err;
      }
      if (!SHA256_HEX.test(expected)) return 'damaged';
      const before = await handle.stat();
      const hash = createHash('sha256');
      await pipeline(handle.createReadStream({ autoClose: false }), hash);
      if (hash.digest('hex') !== expected) return 'damaged';
      this.remember(path, before);
      return 'intact';
    } finally {
      await handle.close();
    }
  }

  /** Records the version now on disk as verified (the worker hashed the bytes it wrote). */
  async rememberCurrent(path: string): Promise<Stats> {
    const stats = await stat(path);
    this.remember(path, stats);
    return stats;
  }

  /** Drops what is known about `path` (the file was evicted). */
  forget(path: string): void {
    this.verified.delete(path);
  }

  /** Deletes a damaged file and its sidecar. */
  async discard(path: string): Promise<void> {
    this.verified.delete(path);
    await rm(path, { force: true });
    await rm(`${path}${CHECKSUM_SUFFIX}`, { force: true });
  }

  private remember(path: string, stats: Stats): void {
    this.verified.delete(path);
    this.verified.set(path, fingerprint(stats));
    if (this.verified.size > MAX_REMEMBERED) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
  }
}
