import type { Stats } from 'node:fs';
import type { Article, Edition } from '@broadsheet/model';

/** `cover` is the PNG cover the EPUB carries, for catalogs and feeds. */
export type RenderFormat = 'epub' | 'pdf' | 'cover';

/** File extension of each format in the cache (and of downloads). */
export const FILE_EXTENSIONS: Record<RenderFormat, string> = {
  epub: 'epub',
  pdf: 'pdf',
  cover: 'png',
};

/** Beside each cached file, its SHA-256 (hex): checked before the file is served. */
export const CHECKSUM_SUFFIX = '.sha256';

export interface RenderOptions {
  /** PDF only. */
  pageSize?: 'A4' | 'Letter' | 'A3' | 'Tabloid';
  /** PDF editions only; absent for the default one-column layout, so its cache keys stay. */
  layout?: 'columns';
}

/** A rendered file in the on-disk cache. */
export interface RenderedFile {
  /** Absolute path of the cached file (never modified after it appears: safe to stream). */
  path: string;
  /** Content hash of the input, renderer version and options: a strong validator. */
  key: string;
}

/**
 * A verified cache file ready to send: small files as their bytes (as read from the version
 * `stats` describes), larger ones as an open descriptor the caller must close.
 */
export type OpenedFile = RenderedFile & { stats: Stats } & (
    { bytes: Buffer; fd?: undefined } | { fd: number; bytes?: undefined }
  );

export interface RenderService {
  /**
   * The cached file for this input, rendering it in the worker pool when missing. Concurrent
   * calls for the same key share one render. Throws RenderQueueFullError when the pool's
   * queue is full, RenderFailedError when the renderer throws, crashes or times out, and
   * RenderStorageError when the cache cannot take the file. Failures are never cached. A cached
   * file whose bytes no longer match its checksum is deleted and rendered again.
   */
  file(
    format: RenderFormat,
    input: Article | Edition,
    options?: RenderOptions,
    /**
     * `key(format, input, options)` when the caller remembers it (hashing a large input costs
     * more than serving its cached file); it must be exactly that value.
     */
    key?: string,
  ): Promise<RenderedFile>;
  /**
   * The cached file as `file` gives it, ready to send: `stats` are of the file as read (fstat
   * of the open descriptor, or a stat showing the version whose bytes are kept in memory) and
   * match a verified version, so what is sent is what was checked (a file damaged or replaced
   * between a check and a later read cannot slip through). The caller closes `fd`.
   */
  open(
    format: RenderFormat,
    input: Article | Edition,
    options?: RenderOptions,
    key?: string,
  ): Promise<OpenedFile>;
  /** The cache key (and strong ETag) `file` would use, computed without rendering. */
  key(format: RenderFormat, input: Article | Edition, options: RenderOptions): string;
  /**
   * Renders started since the service was created, renders running or queued now, and files
   * taken from the shared render store instead of being rendered.
   */
  stats(): { rendered: number; inFlight: number; fromShared: number };
  /** What the on-disk cache holds now (files and sidecars) and its budget. */
  cacheUsage(): { bytes: number; files: number; maxBytes: number };
  /** Resolves once the start-up scan of the cache and any eviction in progress are done. */
  cacheSettled(): Promise<void>;
  /** Waits for renders in flight, then stops the workers. */
  close(): Promise<void>;
}

/**
 * Renders kept where every replica finds them (PostgreSQL), behind each replica's disk cache:
 * a file one replica rendered is copied to the others' disks instead of being rendered again.
 * Keys are render keys (they name the format and options too), so the bytes of a key never change.
 */
export interface SharedRenderStore {
  /** The bytes stored under `key` and their SHA-256 (hex), verified; undefined when absent. */
  get(key: string): Promise<{ bytes: Buffer; sha256: string } | undefined>;
  /** Stores the bytes unless `key` is already there (a concurrent render of the same key). */
  put(key: string, format: RenderFormat, bytes: Buffer, sha256: string): Promise<void>;
  /** What the store holds now and its budget. */
  usage(): Promise<{ bytes: number; files: number; maxBytes: number }>;
}

export class RenderQueueFullError extends Error {
  override readonly name = 'RenderQueueFullError';
}

/**
 * The render did not produce a file: the renderer threw (`threw`), its worker thread died
 * (`crashed`) or it ran past the render timeout (`timeout`, the worker is then replaced).
 */
export class RenderFailedError extends Error {
  override readonly name = 'RenderFailedError';
  constructor(
    message: string,
    readonly reason: 'threw' | 'crashed' | 'timeout' = 'threw',
  ) {
    super(message);
  }
}

/** The file was rendered but the cache could not store it (disk full, read-only): try later. */
export class RenderStorageError extends Error {
  override readonly name = 'RenderStorageError';
  constructor(
    message: string,
    /** errno or SQLite code, e.g. ENOSPC. */
    readonly code: string,
  ) {
    super(message);
  }
}
