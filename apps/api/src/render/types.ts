import type { Article, Edition } from '@broadsheet/model';

/** `cover` is the PNG cover the EPUB carries, for catalogs and feeds. */
export type RenderFormat = 'epub' | 'pdf' | 'cover';

/** File extension of each format in the cache (and of downloads). */
export const FILE_EXTENSIONS: Record<RenderFormat, string> = { epub: 'epub', pdf: 'pdf', cover: 'png' };

export interface RenderOptions {
  /** PDF only. */
  pageSize?: 'A4' | 'Letter';
}

/** A rendered file in the on-disk cache. */
export interface RenderedFile {
  /** Absolute path of the cached file (never modified after it appears: safe to stream). */
  path: string;
  /** Content hash of the input, renderer version and options: a strong validator. */
  key: string;
}

export interface RenderService {
  /**
   * The cached file for this input, rendering it in the worker pool when missing. Concurrent
   * calls for the same key share one render. Throws RenderQueueFullError when the pool's
   * queue is full and RenderFailedError when the renderer throws.
   */
  file(format: RenderFormat, input: Article | Edition, options?: RenderOptions): Promise<RenderedFile>;
  /** The cache key (and strong ETag) `file` would use, computed without rendering. */
  key(format: RenderFormat, input: Article | Edition, options: RenderOptions): string;
  /** Renders started since the service was created, and renders running or queued now. */
  stats(): { rendered: number; inFlight: number };
  /** Waits for renders in flight, then stops the workers. */
  close(): Promise<void>;
}

export class RenderQueueFullError extends Error {
  override readonly name = 'RenderQueueFullError';
}

export class RenderFailedError extends Error {
  override readonly name = 'RenderFailedError';
}
