import { existsSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article, Edition } from '@broadsheet/model';
import { sha256 } from '../util/hash.js';
import { RENDERER_VERSION } from '@broadsheet/render';
import { Piscina } from 'piscina';
import type { Logger } from 'pino';
import { canonicalJson } from '../util/canonical-json.js';
import type { RenderTask } from './worker.js';
import {
  RenderFailedError,
  RenderQueueFullError,
  type RenderedFile,
  type RenderFormat,
  type RenderOptions,
  type RenderService,
  FILE_EXTENSIONS,
} from './types.js';

export interface RenderServiceOptions {
  /** Where rendered files are kept, named by content hash. */
  cacheDir: string;
  logger: Logger;
  /** Worker threads; defaults to one less than the cores (at least one), leaving a core for HTTP. */
  threads?: number;
  /** Renders allowed to wait for a thread; beyond that, RenderQueueFullError. */
  maxQueue?: number;
  /** The compiled worker module; defaults to dist/render/worker.js beside this file. */
  workerFile?: string;
}

/** dist/render/worker.js, also when this module runs from src/ under the test runner. */
export function defaultWorkerFile(): string {
  const beside = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(new URL('../../dist/render/worker.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new Error(`render worker not found at ${beside} or ${built}; run the build first`);
}

export function renderKey(format: RenderFormat, input: Article | Edition, options: RenderOptions): string {
  return sha256(canonicalJson({ renderer: RENDERER_VERSION, format, options, input }));
}

export function createRenderService(options: RenderServiceOptions): RenderService {
  const threads = options.threads ?? Math.max(1, availableParallelism() - 1);
  const maxQueue = options.maxQueue ?? threads * 8;
  const pool = new Piscina<RenderTask, void>({
    filename: options.workerFile ?? defaultWorkerFile(),
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 60_000,
  });
  const inFlight = new Map<string, Promise<RenderedFile>>();
  let closing = false;
  let rendered = 0;

  async function file(format: RenderFormat, input: Article | Edition, renderOptions: RenderOptions = {}): Promise<RenderedFile> {
    const key = renderKey(format, input, renderOptions);
    const path = join(options.cacheDir, key.slice(0, 2), `${key}.${FILE_EXTENSIONS[format]}`);
    const running = inFlight.get(key);
    if (running) return running;
    try {
      await access(path);
      return { path, key };
    } catch {
      // Not cached yet: render below.
    }
    // The await above let other requests in: one of them may have started this render.
    const started = inFlight.get(key);
    if (started) return started;
    if (closing) throw new RenderQueueFullError('the server is shutting down');
    if (inFlight.size >= threads + maxQueue) {
      throw new RenderQueueFullError(`${inFlight.size} renders are in progress or waiting`);
    }
    rendered += 1;
    options.logger.info({ key, format }, 'render started');
    const task: RenderTask = { format, input, options: renderOptions, target: path };
    const render = pool
      .run(task)
      .then(() => ({ path, key }))
      .catch((err: unknown) => {
        options.logger.error({ err, key, format }, 'render failed');
        throw new RenderFailedError(err instanceof Error ? err.message : String(err));
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, render);
    return render;
  }

  return {
    file,
    key: renderKey,
    stats: () => ({ rendered, inFlight: inFlight.size }),
    async close() {
      closing = true;
      await Promise.allSettled([...inFlight.values()]);
      await pool.close();
    },
  };
}
