import { defaultArticle } from '@broadsheet/content';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createApp } from './app.js';
import { EnvError, parseEnv, type Env } from './env.js';
import { createLogger } from './logger.js';
import { createHtmlImportService } from './articles/import-pool.js';
import type { PeriodicJob } from './jobs/periodic.js';
import { startPublicationScheduler } from './publications/scheduler.js';
import { createRenderService } from './render/pool.js';
import { issueDeliveryHook } from './delivery/issue-hook.js';
import { startDeliveryJob } from './delivery/job.js';
import { deliveryStatus } from './delivery/status.js';
import { openStore } from './store/open.js';
import { isPostgresStore } from './store/postgres/index.js';
import { postgresRateLimitStores } from './store/postgres/rate-limit-store.js';
import { PostgresRenderStore } from './store/postgres/render-store.js';
import { resolveToken } from './token.js';
import type { AppDeps } from './deps.js';
import { createFeedService, feedServiceDeps } from './subscriptions/feed-service.js';
import { startFeedPoller } from './subscriptions/poller.js';

/** How long shutdown may take before open connections are cut (the whole exit stays under 10 s). */
const SHUTDOWN_GRACE_MS = 8_000;

function readEnv(): Env {
  try {
    return parseEnv(process.env);
  } catch (err) {
    if (err instanceof EnvError) {
      process.stderr.write(`broadsheet-api: cannot start:\n${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

export interface ServerOptions {
  /**
   * The render worker module; defaults to the built dist/render/worker.js. End-to-end tests
   * start the server through test/support/server-with-worker.mjs to give it a misbehaving one.
   */
  renderWorkerFile?: string;
}

/**
 * Starts the API as `node dist/main.js` runs it: reads the environment (exit 2 on a bad one),
 * opens the store (exit 2 when the database cannot be used), starts the worker pools and
 * listens; SIGTERM and SIGINT stop it gracefully.
 */
export async function startServer(options: ServerOptions = {}): Promise<void> {
  const env = readEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const dataDir = resolve(env.BROADSHEET_DATA_DIR);
  if (env.BROADSHEET_DATABASE_URL !== undefined && env.BROADSHEET_API_TOKEN === undefined) {
    // Replicas share one database; a token file in each data directory would give each replica
    // its own token, and a write would depend on which replica the proxy picked.
    process.stderr.write(
      'broadsheet-api: cannot start: BROADSHEET_API_TOKEN must be set when BROADSHEET_DATABASE_URL is (every replica needs the same write token; none is generated into a data directory).\n',
    );
    process.exit(2);
  }
  const store = await openStore({
    databaseUrl: env.BROADSHEET_DATABASE_URL,
    poolSize: env.BROADSHEET_DATABASE_POOL,
    statementTimeoutMs: env.BROADSHEET_DATABASE_STATEMENT_TIMEOUT_MS,
    dataDir,
    logger,
    seed: () => [defaultArticle()],
  });
  const token = resolveToken(dataDir, env.BROADSHEET_API_TOKEN);
  if (token.source === 'file') {
    logger.info(
      { tokenFile: token.path, created: token.created },
      `write token ${token.created ? 'generated' : 'read'}: ${token.path}`,
    );
  }
  const renderer = createRenderService({
    cacheDir: join(dataDir, 'cache'),
    logger,
    ...(env.BROADSHEET_RENDER_THREADS !== undefined && { threads: env.BROADSHEET_RENDER_THREADS }),
    ...(env.BROADSHEET_RENDER_QUEUE !== undefined && { maxQueue: env.BROADSHEET_RENDER_QUEUE }),
    timeoutMs: env.BROADSHEET_RENDER_TIMEOUT_MS,
    maxCacheBytes: env.BROADSHEET_CACHE_MAX_BYTES,
    maxImagePixels: env.BROADSHEET_IMAGE_MAX_PIXELS,
    ...(options.renderWorkerFile !== undefined && { workerFile: options.renderWorkerFile }),
    // Replicas on one database share their renders (behind each one's disk cache).
    ...(isPostgresStore(store) &&
      env.BROADSHEET_SHARED_CACHE_MAX_BYTES > 0 && {
        shared: new PostgresRenderStore(store.pool, env.BROADSHEET_SHARED_CACHE_MAX_BYTES),
      }),
  });
  const imageLimits = {
    maxPixels: env.BROADSHEET_IMAGE_MAX_PIXELS,
    maxBytes: env.BROADSHEET_IMAGE_MAX_BYTES,
  };
  const htmlImporter = createHtmlImportService({
    logger,
    threads: env.BROADSHEET_IMPORT_THREADS,
    ...(env.BROADSHEET_IMPORT_QUEUE !== undefined && { maxQueue: env.BROADSHEET_IMPORT_QUEUE }),
    timeoutMs: env.BROADSHEET_IMPORT_TIMEOUT_MS,
    memoryMb: env.BROADSHEET_IMPORT_MEMORY_MB,
    budget: {
      maxElements: env.BROADSHEET_HTML_MAX_ELEMENTS,
      maxDepth: env.BROADSHEET_HTML_MAX_DEPTH,
      maxAttributes: env.BROADSHEET_HTML_MAX_ATTRIBUTES,
    },
    images: imageLimits,
  });
  // Mail delivery: the job runs where jobs run (BROADSHEET_SCHEDULER); every replica records
  // deliveries. The SMTP URL carries credentials: it is never logged.
  const mail =
    env.BROADSHEET_SMTP_URL !== undefined && env.BROADSHEET_MAIL_FROM !== undefined
      ? {
          smtpUrl: env.BROADSHEET_SMTP_URL,
          from: env.BROADSHEET_MAIL_FROM,
          maxBytes: env.BROADSHEET_MAIL_MAX_BYTES,
        }
      : undefined;
  if (mail === undefined)
    logger.info(
      'mail delivery off: BROADSHEET_SMTP_URL is not set; deliveries are recorded as failed',
    );
  const deliveryJob =
    env.BROADSHEET_SCHEDULER === 'on'
      ? startDeliveryJob({ store, renderer, logger, mail, publicUrl: env.BROADSHEET_PUBLIC_URL })
      : undefined;
  const mailDelivery = { configured: mail !== undefined, wake: deliveryJob?.wake };
  // Each issue made (by the scheduler or POST /v1/publications/{id}/issues) records its deliveries.
  const onIssue = issueDeliveryHook({
    store,
    mailConfigured: mailDelivery.configured,
    wake: mailDelivery.wake,
  });
  const appDeps: AppDeps = {
    store,
    renderer,
    htmlImporter,
    imageLimits,
    imageFetch: {
      byDefault: env.BROADSHEET_FETCH_IMAGES,
      allowHosts: env.BROADSHEET_FETCH_ALLOW_HOSTS,
      maxBytes: env.BROADSHEET_FETCH_MAX_BYTES,
    },
    logger,
    apiToken: token.token,
    bodyLimitBytes: env.BROADSHEET_BODY_LIMIT,
    maxTextLines: env.BROADSHEET_MAX_TEXT_LINES,
    writesPerMinute: env.BROADSHEET_WRITES_PER_MINUTE,
    authFailuresPerMinute: env.BROADSHEET_AUTH_FAILURES_PER_MINUTE,
    trustProxy: env.BROADSHEET_TRUST_PROXY,
    // Replicas share a client's write budget through the database; SQLite: this process's memory.
    rateLimitStores: isPostgresStore(store) ? postgresRateLimitStores(store.pool) : undefined,
    publicUrl: env.BROADSHEET_PUBLIC_URL,
    requireIfMatch: env.BROADSHEET_REQUIRE_IF_MATCH,
    feedPollIntervalMs: env.BROADSHEET_FEED_POLL_MINUTES * 60_000,
    mailDelivery,
    onIssue,
    deliveryStatus: deliveryStatus(store),
  };
  // One feed service for the routes and the poller: one request at a time per host.
  const feedService = createFeedService(feedServiceDeps(appDeps));
  const app = createApp({ ...appDeps, feedService });

  // Background jobs; replicas with BROADSHEET_SCHEDULER=off run none.
  const jobs: PeriodicJob[] = deliveryJob ? [deliveryJob] : [];
  if (env.BROADSHEET_SCHEDULER === 'on') {
    jobs.push(startFeedPoller({ service: feedService, logger }));
    jobs.push(
      startPublicationScheduler({ store, renderer, logger, onIssue, now: () => new Date() }),
    );
  }

  const server = app.listen(env.PORT, env.HOST ?? '');
  server.on('listening', () => {
    const { port } = server.address() as AddressInfo;
    const host = env.HOST && env.HOST !== '0.0.0.0' && env.HOST !== '::' ? env.HOST : 'localhost';
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    logger.info({ url, port, dataDir }, `listening on ${url}`);
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    const sentence =
      err.code === 'EADDRINUSE'
        ? `port ${env.PORT} is already in use; set PORT to a free port`
        : err.code === 'EACCES'
          ? `no permission to listen on port ${env.PORT}; use a port above 1023`
          : `cannot listen: ${err.message}`;
    process.stderr.write(`broadsheet-api: ${sentence}\n`);
    process.exit(2);
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => {
      logger.warn('requests still open after the grace period; closing their connections');
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(() => {
      void (async () => {
        // A job's run in progress (a poll, an issue) finishes before the pools and store close.
        await Promise.all(jobs.map((job) => job.stop()));
        await Promise.all([renderer.close(), htmlImporter.close()]);
        await store.close();
        clearTimeout(force);
        logger.info('stopped');
        process.exit(0);
      })();
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
