import { defaultArticle } from '@broadsheet/content';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createApp } from './app.js';
import { EnvError, parseEnv, type Env } from './env.js';
import { createLogger } from './logger.js';
import { createRenderService } from './render/pool.js';
import { openSqliteStore } from './store/sqlite/index.js';
import { resolveToken } from './token.js';

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

function main(): void {
  const env = readEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const dataDir = resolve(env.BROADSHEET_DATA_DIR);
  const store = openSqliteStore(join(dataDir, 'broadsheet.db'), {
    seed: () => [defaultArticle()],
    // A read-only volume still serves reads; writes answer 503 until it is writable again.
    onReadOnly: (reason) => logger.warn({ dataDir }, reason),
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
  });
  const app = createApp({
    store,
    renderer,
    logger,
    apiToken: token.token,
    bodyLimitBytes: env.BROADSHEET_BODY_LIMIT,
    maxTextLines: env.BROADSHEET_MAX_TEXT_LINES,
    writesPerMinute: env.BROADSHEET_WRITES_PER_MINUTE,
    publicUrl: env.BROADSHEET_PUBLIC_URL,
  });

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
        await renderer.close();
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

try {
  main();
} catch (err) {
  process.stderr.write(
    `broadsheet-api: failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
}
