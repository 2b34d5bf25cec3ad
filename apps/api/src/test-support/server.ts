import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article } from '@broadsheet/model';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from '@broadsheet/render/images';
import { pino, type Logger } from 'pino';
import { createApp } from '../app.js';
import {
  DEFAULT_IMAGE_FETCH,
  type AppDeps,
  type ImageFetchSettings,
  type MailDeliveryControl,
} from '../deps.js';
import { createHtmlImportService, type HtmlImportServiceOptions } from '../articles/import-pool.js';
import { createRenderService } from '../render/pool.js';
import { createTestDatabase, localNamesOnly, type TestDatabase } from '@broadsheet/testing';
import { isPostgresStore, openPostgresStore } from '../store/postgres/index.js';
import { postgresRateLimitStores } from '../store/postgres/rate-limit-store.js';
import { PostgresRenderStore } from '../store/postgres/render-store.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/types.js';
import type { DeliveryStatus, OnIssue } from '../publications/issue-hook.js';

export const TEST_TOKEN = 'test-token-0123456789abcdef';

export interface TestServer {
  url: string;
  deps: AppDeps;
  dataDir: string;
  /** The PostgreSQL database the store uses, when it is PostgreSQL. */
  database?: TestDatabase;
  /** Authorization header for writes. */
  auth: { authorization: string };
  close(): Promise<void>;
}

export interface TestServerOptions {
  seed?: Article[];
  renderThreads?: number;
  renderQueue?: number;
  writesPerMinute?: number;
  /** Failed authentications per address per minute; effectively unlimited by default. */
  authFailuresPerMinute?: number;
  /** BROADSHEET_TRUST_PROXY as the server would have parsed it; no proxy trusted by default. */
  trustProxy?: number | string[];
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
  /** Web-page import pool settings (budgets, timeout, threads); the defaults otherwise. */
  htmlImport?: Omit<HtmlImportServiceOptions, 'logger'>;
  /** Caps on data: pictures (BROADSHEET_IMAGE_MAX_PIXELS/_BYTES); the defaults otherwise. */
  imageLimits?: ImageLimits;
  /**
   * Fetching pictures on write (BROADSHEET_FETCH_*); off with nothing allowed by default.
   * Names resolve locally only (localNamesOnly), whatever is given here.
   */
  imageFetch?: ImageFetchSettings;
  /**
   * The store: SQLite in the data directory, or PostgreSQL in a new database of its own
   * (dropped on close). Default: BROADSHEET_TEST_STORE, which the `postgres` vitest project
   * sets to run router suites on PostgreSQL; else SQLite.
   */
  store?: 'sqlite' | 'postgres';
  /**
   * With `store: 'postgres'`: use this database (another test server's, to run two replicas
   * over one database) instead of a new one; it is not dropped on close.
   */
  databaseUrl?: string;
  /** BROADSHEET_REQUIRE_IF_MATCH as the server would have parsed it. */
  requireIfMatch?: boolean;
  /** Shared render store budget in bytes (PostgreSQL only; 0: none); the default otherwise. */
  sharedCacheMaxBytes?: number;
  /**
   * Wraps the real store the app is given (a counting spy in tests that prove a 304 read
   * nothing); closing still closes the real store.
   */
  wrapStore?: (store: Store) => Store;
  /** Mail delivery as the server would wire it (configured or not, the job's wake); absent: not configured. */
  mailDelivery?: MailDeliveryControl;
  /** The app's clock (schedules, issues); the system clock otherwise. */
  now?: () => Date;
  /** Told of every publication issue, as the delivery feature would be. */
  onIssue?: OnIssue;
  /** The deliveries a publication's resource shows. */
  deliveryStatus?: DeliveryStatus;
}

/** The store backend the router suites run on in this vitest project. */
export const TEST_STORE: 'sqlite' | 'postgres' =
  process.env.BROADSHEET_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** The real app over a real store (SQLite file or PostgreSQL database) and worker pool in a temp dir, on an ephemeral port. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'broadsheet-api-test-'));
  const logger = options.logger ?? pino({ level: 'silent' });
  const seed = options.seed;
  let database: TestDatabase | undefined;
  let store: Store;
  if ((options.store ?? TEST_STORE) === 'postgres') {
    if (options.databaseUrl === undefined) database = await createTestDatabase();
    const url = options.databaseUrl ?? database?.url ?? '';
    store = await openPostgresStore(url, seed ? { seed: () => seed } : {});
  } else {
    store = openSqliteStore(join(dataDir, 'broadsheet.db'), seed ? { seed: () => seed } : {});
  }
  const renderer = createRenderService({
    cacheDir: join(dataDir, 'cache'),
    logger,
    threads: options.renderThreads ?? 1,
    ...(options.renderQueue !== undefined && { maxQueue: options.renderQueue }),
    ...(options.workerFile !== undefined && { workerFile: options.workerFile }),
    ...(options.maxCacheBytes !== undefined && { maxCacheBytes: options.maxCacheBytes }),
    ...(options.imageLimits && { maxImagePixels: options.imageLimits.maxPixels }),
    // As the server wires it: on PostgreSQL renders are shared through the database.
    ...(isPostgresStore(store) &&
      options.sharedCacheMaxBytes !== 0 && {
        shared: new PostgresRenderStore(store.pool, options.sharedCacheMaxBytes),
      }),
  });
  const imageLimits = options.imageLimits ?? DEFAULT_IMAGE_LIMITS;
  const htmlImporter = createHtmlImportService({
    images: imageLimits,
    // A thread's first import loads jsdom and Readability: on a loaded 2-core CI machine that
    // alone has taken over the 20 s production budget. Tests of the budget set their own.
    timeoutMs: 90_000,
    ...options.htmlImport,
    logger,
  });
  const deps: AppDeps = {
    store: options.wrapStore ? options.wrapStore(store) : store,
    renderer,
    htmlImporter,
    imageLimits,
    imageFetch: { ...(options.imageFetch ?? DEFAULT_IMAGE_FETCH), resolve: localNamesOnly },
    logger,
    apiToken: TEST_TOKEN,
    bodyLimitBytes: options.bodyLimitBytes ?? 1024 * 1024,
    writesPerMinute: options.writesPerMinute ?? 10_000,
    authFailuresPerMinute: options.authFailuresPerMinute ?? 10_000,
    ...(options.trustProxy !== undefined && { trustProxy: options.trustProxy }),
    ...(options.maxTextLines !== undefined && { maxTextLines: options.maxTextLines }),
    ...(options.publicUrl !== undefined && { publicUrl: options.publicUrl }),
    ...(options.requireIfMatch !== undefined && { requireIfMatch: options.requireIfMatch }),
    ...(options.mailDelivery && { mailDelivery: options.mailDelivery }),
    ...(options.now && { now: options.now }),
    ...(options.onIssue && { onIssue: options.onIssue }),
    ...(options.deliveryStatus && { deliveryStatus: options.deliveryStatus }),
    // As the server wires it: on PostgreSQL the budgets are counted in the database.
    ...(isPostgresStore(store) && { rateLimitStores: postgresRateLimitStores(store.pool) }),
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
    ...(database !== undefined && { database }),
    auth: { authorization: `Bearer ${TEST_TOKEN}` },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.all([renderer.close(), htmlImporter.close()]);
      await store.close();
      await database?.drop();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
