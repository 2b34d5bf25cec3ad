import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article } from '@broadsheet/model';
import { pino, type Logger } from 'pino';
import { createApp } from '../app.js';
import type { AppDeps } from '../deps.js';
import { createRenderService } from '../render/pool.js';
import { openSqliteStore } from '../store/sqlite/index.js';

export const TEST_TOKEN = 'test-token-0123456789abcdef';

export interface TestServer {
  url: string;
  deps: AppDeps;
  dataDir: string;
  /** Authorization header for writes. */
  auth: { authorization: string };
  close(): Promise<void>;
}

export interface TestServerOptions {
  seed?: Article[];
  renderThreads?: number;
  renderQueue?: number;
  writesPerMinute?: number;
  bodyLimitBytes?: number;
  /** BROADSHEET_MAX_TEXT_LINES as the server would have parsed it. */
  maxTextLines?: number;
  /** Render worker module (fault-injection tests); the real one by default. */
  workerFile?: string;
  /** BROADSHEET_PUBLIC_URL as the server would have parsed it. */
  publicUrl?: string;
  /** Reuse a data directory (restart tests); a new temp dir otherwise. */
  dataDir?: string;
  /** Where log lines go (silent by default). */
  logger?: Logger;
  /** Render cache budget in bytes (eviction tests); the default otherwise. */
  maxCacheBytes?: number;
}

/** The real app over a real SQLite file and worker pool in a temp dir, on an ephemeral port. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'broadsheet-api-test-'));
  const logger = options.logger ?? pino({ level: 'silent' });
  const seed = options.seed;
  const store = openSqliteStore(join(dataDir, 'broadsheet.db'), seed ? { seed: () => seed } : {});
  const renderer = createRenderService({
    cacheDir: join(dataDir, 'cache'),
    logger,
    threads: options.renderThreads ?? 1,
    ...(options.renderQueue !== undefined && { maxQueue: options.renderQueue }),
    ...(options.workerFile !== undefined && { workerFile: options.workerFile }),
    ...(options.maxCacheBytes !== undefined && { maxCacheBytes: options.maxCacheBytes }),
  });
  const deps: AppDeps = {
    store,
    renderer,
    logger,
    apiToken: TEST_TOKEN,
    bodyLimitBytes: options.bodyLimitBytes ?? 1024 * 1024,
    writesPerMinute: options.writesPerMinute ?? 10_000,
    ...(options.maxTextLines !== undefined && { maxTextLines: options.maxTextLines }),
    ...(options.publicUrl !== undefined && { publicUrl: options.publicUrl }),
  };
  const server: Server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    dataDir,
    auth: { authorization: `Bearer ${TEST_TOKEN}` },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await renderer.close();
      await store.close();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
