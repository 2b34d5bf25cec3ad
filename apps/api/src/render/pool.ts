import { close, existsSync, fstat, open as openFile, stat, type Stats } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article, Edition } from '@broadsheet/model';
import { RENDERER_VERSION } from '@broadsheet/render';
import { Piscina } from 'piscina';
import type { Logger } from 'pino';
import { canonicalSha256, jsonBytes } from '../util/canonical-json.js';
import { CacheBudget, DEFAULT_CACHE_MAX_BYTES } from './cache-budget.js';
import { BytesCache, readFully } from './file-bytes.js';
import { CacheVerifier, fingerprint } from './verify.js';
import type { RenderOutcome, RenderTask } from './worker.js';
import {
  RenderFailedError,
  RenderQueueFullError,
  RenderStorageError,
  type OpenedFile,
  type RenderedFile,
  type RenderFormat,
  type RenderOptions,
  type RenderService,
  type SharedRenderStore,
  CHECKSUM_SUFFIX,
  FILE_EXTENSIONS,
} from './types.js';
import { WORKER_NICE_INCREMENT } from '../util/thread-priority.js';

export interface RenderServiceOptions {
  /** Where rendered files are kept, named by content hash. */
  cacheDir: string;
  logger: Logger;
  /** Worker threads; defaults to one less than the cores (at least one), leaving a core for HTTP. */
  threads?: number;
  /**
   * Added to the render threads' nice value (Linux gives each thread its own): when cores are
   * short, the HTTP thread runs first and renders take the time left over, so reads keep their
   * latency while editions render. 0 keeps the server's priority.
   */
  niceIncrement?: number;
  /** Renders allowed to wait for a thread; beyond that, RenderQueueFullError. */
  maxQueue?: number;
  /** The compiled worker module; defaults to dist/render/worker.js beside this file. */
  workerFile?: string;
  /** Cache files up to 1 MiB are kept in memory, up to this many bytes in all (0: none). */
  memoryBytes?: number;
  /**
   * A render running (or waiting) longer fails with RenderFailedError; a running worker is
   * then terminated and replaced, so a hung renderer costs one request, not a thread.
   */
  timeoutMs?: number;
  /**
   * Bytes the cache directory may hold (files and sidecars); beyond that the least recently
   * used files are deleted. Defaults to DEFAULT_CACHE_MAX_BYTES (1 GiB).
   */
  maxCacheBytes?: number;
  /** Pictures whose header claims more pixels are left out of renders (BROADSHEET_IMAGE_MAX_PIXELS). */
  maxImagePixels?: number;
  /**
   * Renders shared with other replicas: a file missing on disk is looked up there before it is
   * rendered, and every render is put there. Unreachable, it is skipped (logged), never an error.
   */
  shared?: SharedRenderStore;
}

/** Default nice increment of render threads: well below HTTP, but never starved outright. */
export const DEFAULT_RENDER_NICE = WORKER_NICE_INCREMENT;

/** Default of BROADSHEET_RENDER_TIMEOUT_MS. */
export const DEFAULT_RENDER_TIMEOUT_MS = 120_000;

/** Why a pool task failed, in words a problem document can carry. */
function failure(err: unknown, timeoutMs: number): RenderFailedError {
  if (err instanceof Error && err.name === 'AbortError') {
    return new RenderFailedError(
      `the render took longer than ${timeoutMs} ms and was stopped`,
      'timeout',
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  if (/^worker exited with code/.test(message))
    return new RenderFailedError(`the render worker stopped unexpectedly (${message})`, 'crashed');
  return new RenderFailedError(message, 'threw');
}

/** dist/render/worker.js, also when this module runs from src/ under the test runner. */
export function defaultWorkerFile(): string {
  const beside = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(new URL('../../dist/render/worker.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new Error(`render worker not found at ${beside} or ${built}; run the build first`);
}

/** Writes `bytes` to `path` via a temp file and a rename, so readers never see half a file. */
async function writeAtomically(path: string, bytes: Uint8Array | string): Promise<void> {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

export function renderKey(
  format: RenderFormat,
  input: Article | Edition,
  options: RenderOptions,
): string {
  return canonicalSha256({ renderer: RENDERER_VERSION, format, options, input });
}

export function createRenderService(options: RenderServiceOptions): RenderService {
  const threads = options.threads ?? Math.max(1, availableParallelism() - 1);
  const maxQueue = options.maxQueue ?? threads * 8;
  const timeoutMs = options.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS;
  const pool = new Piscina<RenderTask, RenderOutcome>({
    filename: options.workerFile ?? defaultWorkerFile(),
    minThreads: 0,
    maxThreads: threads,
    niceIncrement: options.niceIncrement ?? DEFAULT_RENDER_NICE,
    idleTimeout: 60_000,
  });
  const verifier = new CacheVerifier();
  const bytesCache = new BytesCache(1024 * 1024, options.memoryBytes ?? 64 * 1024 * 1024);
  /** Paths a render is writing now: eviction leaves them alone. */
  const writing = new Set<string>();
  /** Paths a request is between finding and opening (counts): eviction leaves them alone. */
  const opening = new Map<string, number>();
  const budget = new CacheBudget({
    dir: options.cacheDir,
    maxBytes: options.maxCacheBytes ?? DEFAULT_CACHE_MAX_BYTES,
    logger: options.logger,
    busy: (path) => writing.has(path) || opening.has(path),
    onEvict: (path) => {
      bytesCache.delete(path);
      verifier.forget(path);
    },
  });
  /** Checks and renders in progress, by key: concurrent requests for one file share one. */
  const inFlight = new Map<string, Promise<RenderedFile>>();
  let rendering = 0;
  let closing = false;
  let rendered = 0;
  let fromShared = 0;
  const shared = options.shared;

  const cachePath = (key: string, format: RenderFormat) =>
    join(options.cacheDir, key.slice(0, 2), `${key}.${FILE_EXTENSIONS[format]}`);

  async function render(
    key: string,
    path: string,
    format: RenderFormat,
    input: Article | Edition,
    renderOptions: RenderOptions,
  ): Promise<RenderedFile> {
    if (closing) throw new RenderQueueFullError('the server is shutting down');
    if (rendering >= threads + maxQueue) {
      throw new RenderQueueFullError(`${rendering} renders are in progress or waiting`);
    }
    rendered += 1;
    rendering += 1;
    writing.add(path);
    options.logger.info({ key, format }, 'render started');
    let inputJson: Uint8Array = jsonBytes(input);
    // Only a buffer of its own can be moved to the worker (small ones share Node's pool).
    if (inputJson.byteOffset !== 0 || inputJson.buffer.byteLength !== inputJson.length)
      inputJson = inputJson.slice();
    const task: RenderTask = {
      format,
      inputJson,
      options: renderOptions,
      target: path,
      ...(options.maxImagePixels !== undefined && { maxImagePixels: options.maxImagePixels }),
    };
    let outcome: RenderOutcome;
    try {
      // The start-up scan counts what is on disk before anything new is written, and an old
      // copy of this file being evicted must be gone before the new one lands.
      await budget.ready;
      await budget.removal(path);
      outcome = await pool.run(task, {
        signal: AbortSignal.timeout(timeoutMs),
        transferList: [inputJson.buffer as ArrayBuffer],
      });
    } catch (err) {
      writing.delete(path);
      const failed = failure(err, timeoutMs);
      options.logger.error({ err, key, format, reason: failed.reason }, 'render failed');
      throw failed;
    } finally {
      rendering -= 1;
    }
    if (!outcome.ok) {
      writing.delete(path);
      options.logger.error(
        { key, format, code: outcome.storageCode, detail: outcome.message },
        'render not stored',
      );
      throw new RenderStorageError(outcome.message, outcome.storageCode);
    }
    try {
      const stats = await verifier.rememberCurrent(path);
      budget.add(path, stats.size);
    } finally {
      writing.delete(path);
    }
    // Awaited, so that once this download is answered every other replica finds the file.
    if (shared) await putShared(shared, key, path, format, outcome.sha256);
    return { path, key };
  }

  async function putShared(
    store: SharedRenderStore,
    key: string,
    path: string,
    format: RenderFormat,
    sha256: string,
  ): Promise<void> {
    try {
      await store.put(key, format, await readFile(path), sha256);
    } catch (err) {
      options.logger.warn({ err, key, format }, 'render not put in the shared render store');
    }
  }

  /**
   * The file from the shared render store, written to the disk cache as a render would be
   * (sidecar first, each through a temp file and a rename); false when the store does not have
   * it or cannot be reached (then this replica renders it).
   */
  async function takeShared(
    store: SharedRenderStore,
    key: string,
    path: string,
    format: RenderFormat,
  ): Promise<boolean> {
    let found;
    try {
      found = await store.get(key);
    } catch (err) {
      options.logger.warn({ err, key, format }, 'shared render store not answering; rendering');
      return false;
    }
    if (!found) return false;
    writing.add(path);
    try {
      await budget.ready;
      await budget.removal(path);
      await mkdir(dirname(path), { recursive: true });
      await writeAtomically(`${path}${CHECKSUM_SUFFIX}`, `${found.sha256}\n`);
      await writeAtomically(path, found.bytes);
      const stats = await verifier.rememberCurrent(path);
      budget.add(path, stats.size);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
      throw new RenderStorageError(err instanceof Error ? err.message : String(err), code);
    } finally {
      writing.delete(path);
    }
    fromShared += 1;
    options.logger.info({ key, format }, 'render taken from the shared render store');
    return true;
  }

  /** The cached file if it is intact, else a fresh render (a damaged file is deleted first). */
  async function verifyOrRender(
    key: string,
    path: string,
    format: RenderFormat,
    input: Article | Edition,
    renderOptions: RenderOptions,
  ): Promise<RenderedFile> {
    const check = await verifier.check(path);
    if (check === 'intact') {
      budget.touch(path);
      return { path, key };
    }
    if (check === 'damaged') {
      options.logger.warn(
        { key, format, path },
        'cached render damaged on disk; deleting and rendering again',
      );
      await verifier.discard(path);
      budget.forget(path);
    }
    if (shared && (await takeShared(shared, key, path, format))) return { path, key };
    return render(key, path, format, input, renderOptions);
  }

  async function file(
    format: RenderFormat,
    input: Article | Edition,
    renderOptions: RenderOptions = {},
    knownKey?: string,
  ): Promise<RenderedFile> {
    const key = knownKey ?? renderKey(format, input, renderOptions);
    const path = cachePath(key, format);
    const running = inFlight.get(key);
    if (running) return running;
    // A file already verified in this version (same inode, size and times) is not hashed again.
    if (await verifier.knownIntact(path)) {
      budget.touch(path);
      return { path, key };
    }
    const started = inFlight.get(key);
    if (started) return started;
    // Failures leave the map with the promise: the next request checks and renders again.
    const job = verifyOrRender(key, path, format, input, renderOptions).finally(() =>
      inFlight.delete(key),
    );
    inFlight.set(key, job);
    return job;
  }

  /** The file at `path` opened with its stats, or undefined when there is none. */
  function openWithStats(path: string): Promise<{ fd: number; stats: Stats } | undefined> {
    return new Promise((resolve, reject) => {
      openFile(path, 'r', (err, fd) => {
        if (err) {
          if (err.code === 'ENOENT') resolve(undefined);
          else reject(err);
          return;
        }
        fstat(fd, (statErr, stats) => {
          if (statErr) close(fd, () => reject(statErr));
          else resolve({ fd, stats });
        });
      });
    });
  }

  function statOrUndefined(path: string): Promise<Stats | undefined> {
    return new Promise((resolve, reject) => {
      stat(path, (err, stats) => {
        if (err && err.code !== 'ENOENT') reject(err);
        else resolve(err ? undefined : stats);
      });
    });
  }

  async function openVerified(
    format: RenderFormat,
    input: Article | Edition,
    renderOptions: RenderOptions = {},
    knownKey?: string,
  ): Promise<OpenedFile> {
    const key = knownKey ?? renderKey(format, input, renderOptions);
    const path = cachePath(key, format);
    // Not evicted until it is open or read (after that an unlink cannot disturb the response).
    opening.set(path, (opening.get(path) ?? 0) + 1);
    try {
      const opened = await openPinned(format, input, renderOptions, key, path);
      budget.touch(path);
      return opened;
    } finally {
      const count = opening.get(path) ?? 1;
      if (count <= 1) opening.delete(path);
      else opening.set(path, count - 1);
    }
  }

  async function openPinned(
    format: RenderFormat,
    input: Article | Edition,
    renderOptions: RenderOptions,
    key: string,
    path: string,
  ): Promise<OpenedFile> {
    // Usually one pass: a stat showing the version whose bytes are in memory, or an open and
    // fstat of a verified version. Otherwise `file` checks (hashes) or renders it and the next
    // pass opens what it left; a file that keeps changing under us is an error, not a loop.
    for (let attempt = 0; attempt < 3; attempt++) {
      const running = inFlight.get(key);
      if (running) await running;
      if (bytesCache.has(path)) {
        const stats = await statOrUndefined(path);
        const bytes =
          stats && verifier.isKnown(path, stats)
            ? bytesCache.get(path, fingerprint(stats))
            : undefined;
        if (stats && bytes) return { path, key, stats, bytes };
        bytesCache.delete(path);
      }
      const opened = await openWithStats(path);
      if (opened && verifier.isKnown(path, opened.stats)) {
        const { fd, stats } = opened;
        if (stats.size > bytesCache.fileMax) return { path, key, stats, fd };
        try {
          const bytes = await readFully(fd, stats.size, 0);
          bytesCache.set(path, fingerprint(stats), bytes);
          return { path, key, stats, bytes };
        } finally {
          close(fd, () => undefined);
        }
      }
      if (opened) close(opened.fd, () => undefined);
      await file(format, input, renderOptions, key);
    }
    throw new RenderFailedError(`the cached file ${path} kept changing while it was read`);
  }

  return {
    file,
    open: openVerified,
    key: renderKey,
    stats: () => ({ rendered, inFlight: inFlight.size, fromShared }),
    cacheUsage: () => budget.usage(),
    cacheSettled: () => budget.settled(),
    async close() {
      closing = true;
      await Promise.allSettled([...inFlight.values()]);
      await budget.settled();
      await pool.close();
    },
  };
}
