import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { isMissing } from '../util/fs-errors.js';
import { CHECKSUM_SUFFIX } from './types.js';

/** Default of BROADSHEET_CACHE_MAX_BYTES: 1 GiB. */
export const DEFAULT_CACHE_MAX_BYTES = 1024 * 1024 * 1024;

/** A sidecar holds 64 hex digits and a newline; counted with its file, never stat'ed. */
const SIDECAR_BYTES = 65;

/** Unlinks (or stats, at start-up) issued together; each batch is awaited before the next. */
const BATCH = 32;

/** Names the render service gives cache files (`<sha256>.<ext>`); anything else is left alone. */
const CACHE_FILE = /^[0-9a-f]{64}\.(?:epub|pdf|png)$/;
/** A worker's temp file (`<cache file>.<pid>.<random>.tmp`). */
const TEMP_FILE = /^([0-9a-f]{64}\.(?:epub|pdf|png)(?:\.sha256)?)\.\d+\.[0-9a-z]*\.tmp$/;

/** Deletes `path`; true when it is gone (ENOENT included: something else removed it first). */
async function removeFile(path: string): Promise<true | NodeJS.ErrnoException> {
  try {
    await unlink(path);
    return true;
  } catch (err) {
    return isMissing(err) ? true : (err as NodeJS.ErrnoException);
  }
}

export interface CacheBudgetOptions {
  /** The render cache directory (`<dir>/<2 hex>/<key>.<ext>` and sidecars). */
  dir: string;
  /** Files and sidecars together are kept at or under this many bytes. */
  maxBytes: number;
  logger: Logger;
  /**
   * Paths that must not be evicted now: a render writing them (its sidecar may be on disk
   * before its file) or a request between finding the file and opening it.
   */
  busy(path: string): boolean;
  /** Called as a file is evicted, so in-memory state about it (bytes, verified versions) goes too. */
  onEvict(path: string): void;
}

/**
 * Keeps the render cache within a byte budget, least recently used out first. Use is tracked
 * in memory only (a hit is a Map move, no syscall), seeded at start-up from one scan of the
 * directory ordered by modification time. Eviction deletes a file, then its sidecar, in
 * batches of asynchronous unlinks; a crash between the two leaves only a sidecar, which the
 * next start-up scan removes. Readers are unaffected: downloads send bytes already read or
 * stream from a descriptor opened before the unlink, which keeps the file's data alive.
 */
export class CacheBudget {
  /** Path → bytes of file and sidecar, least recently used first. */
  private readonly entries = new Map<string, number>();
  private total = 0;
  /** Unlinks in progress by path: a render of that path waits for its old copy to be gone. */
  private readonly removing = new Map<string, Promise<void>>();
  private evicting: Promise<void> | undefined;
  /** Resolves once the start-up scan has finished (it never rejects; failures are logged). */
  readonly ready: Promise<void>;

  constructor(private readonly options: CacheBudgetOptions) {
    this.ready = this.scan().then(
      () => this.trim(),
      (err: unknown) =>
        options.logger.warn({ err, dir: options.dir }, 'render cache scan failed; not trimmed'),
    );
  }

  /** A cache hit: `path` becomes the most recently used. */
  touch(path: string): void {
    const bytes = this.entries.get(path);
    if (bytes === undefined) return;
    this.entries.delete(path);
    this.entries.set(path, bytes);
  }

  /** A file just written to the cache (replacing any earlier version); evicts if over budget. */
  add(path: string, fileBytes: number): void {
    this.forget(path);
    const bytes = fileBytes + SIDECAR_BYTES;
    this.entries.set(path, bytes);
    this.total += bytes;
    this.trim();
  }

  /** A file deleted by someone else (a damaged copy discarded). */
  forget(path: string): void {
    const bytes = this.entries.get(path);
    if (bytes === undefined) return;
    this.entries.delete(path);
    this.total -= bytes;
  }

  /** The unlink of `path` in progress, if any. */
  removal(path: string): Promise<void> | undefined {
    return this.removing.get(path);
  }

  /** Waits for the start-up scan and any eviction in progress. */
  async settled(): Promise<void> {
    await this.ready;
    while (this.evicting) await this.evicting;
  }

  usage(): { bytes: number; files: number; maxBytes: number } {
    return { bytes: this.total, files: this.entries.size, maxBytes: this.options.maxBytes };
  }

  private trim(): void {
    if (this.evicting || this.total <= this.options.maxBytes) return;
    this.evicting = this.evict().then((stuck) => {
      this.evicting = undefined;
      // Files added while the last batch was being deleted may have pushed it over again.
      if (!stuck) this.trim();
    });
  }

  /** Evicts until within budget; true when what is left over budget cannot be evicted now. */
  private async evict(): Promise<boolean> {
    while (this.total > this.options.maxBytes) {
      const victims = this.pickVictims();
      if (victims.length === 0) return true;
      await Promise.all(victims.map(([path, bytes]) => this.remove(path, bytes)));
    }
    return false;
  }

  /**
   * Up to BATCH least recently used entries whose removal brings the total toward the budget,
   * taken out of the accounting now so concurrent additions see the total after eviction.
   * The most recently used entry stays (it is usually the file a request is about to send).
   */
  private pickVictims(): [string, number][] {
    const victims: [string, number][] = [];
    let left = this.entries.size;
    for (const [path, bytes] of this.entries) {
      if (this.total <= this.options.maxBytes || victims.length >= BATCH || left <= 1) break;
      left -= 1;
      if (this.options.busy(path) || this.removing.has(path)) continue;
      victims.push([path, bytes]);
      this.entries.delete(path);
      this.total -= bytes;
    }
    return victims;
  }

  private remove(path: string, bytes: number): Promise<void> {
    this.options.onEvict(path);
    const done = (async () => {
      const file = await removeFile(path);
      if (file !== true) {
        // Still on disk (e.g. EBUSY, EROFS): count it again, as the newest so it is not retried
        // before everything else.
        this.options.logger.warn({ err: file, path }, 'could not evict a render cache file');
        if (!this.entries.has(path)) {
          this.entries.set(path, bytes);
          this.total += bytes;
        }
        return;
      }
      const sidecar = await removeFile(`${path}${CHECKSUM_SUFFIX}`);
      if (sidecar !== true)
        this.options.logger.warn({ err: sidecar, path }, 'could not delete an evicted sidecar');
    })().finally(() => this.removing.delete(path));
    this.removing.set(path, done);
    return done;
  }

  /**
   * Counts what is on disk, oldest modification first. Renders wait for this scan, so nothing
   * is being written: temp files are a crashed render's leftovers, and a sidecar without its
   * file (or a file without its sidecar, which would never be served) is half an entry.
   */
  private async scan(): Promise<void> {
    const { dir, logger } = this.options;
    let shards: string[];
    try {
      shards = (await readdir(dir, { withFileTypes: true }))
        .filter((e) => e.isDirectory() && /^[0-9a-f]{2}$/.test(e.name))
        .map((e) => e.name);
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    const found: { path: string; bytes: number; mtimeMs: number }[] = [];
    const strays: string[] = [];
    for (const shard of shards) {
      const shardDir = join(dir, shard);
      let names: string[];
      try {
        names = await readdir(shardDir);
      } catch (err) {
        if (isMissing(err)) continue;
        throw err;
      }
      const present = new Set(names);
      const files: string[] = [];
      for (const name of names) {
        if (TEMP_FILE.test(name)) strays.push(join(shardDir, name));
        else if (name.endsWith(CHECKSUM_SUFFIX)) {
          const file = name.slice(0, -CHECKSUM_SUFFIX.length);
          if (CACHE_FILE.test(file) && !present.has(file)) strays.push(join(shardDir, name));
        } else if (CACHE_FILE.test(name)) {
          if (present.has(`${name}${CHECKSUM_SUFFIX}`)) files.push(join(shardDir, name));
          else strays.push(join(shardDir, name));
        }
      }
      for (let i = 0; i < files.length; i += BATCH) {
        const batch = await Promise.all(
          files.slice(i, i + BATCH).map(async (path) => {
            try {
              const s = await stat(path);
              return { path, bytes: s.size + SIDECAR_BYTES, mtimeMs: s.mtimeMs };
            } catch (err) {
              if (isMissing(err)) return undefined;
              throw err;
            }
          }),
        );
        for (const entry of batch) if (entry) found.push(entry);
      }
    }
    for (let i = 0; i < strays.length; i += BATCH) {
      await Promise.all(
        strays.slice(i, i + BATCH).map(async (path) => {
          const removed = await removeFile(path);
          if (removed !== true)
            logger.warn({ err: removed, path }, 'could not delete a stray render cache file');
        }),
      );
    }
    found.sort((a, b) => a.mtimeMs - b.mtimeMs);
    for (const { path, bytes } of found) {
      this.entries.set(path, bytes);
      this.total += bytes;
    }
    if (strays.length > 0) logger.info({ count: strays.length }, 'render cache: strays deleted');
    logger.info(
      { files: found.length, bytes: this.total, maxBytes: this.options.maxBytes },
      'render cache scanned',
    );
  }
}
