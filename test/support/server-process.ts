import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localNamesNodeOptions } from '@broadsheet/testing';

/** The built API entry point (apps/api/dist/main.js), resolved from test/support/. */
export const API_ENTRY = fileURLToPath(new URL('../../apps/api/dist/main.js', import.meta.url));

/** The built API with a render worker of the test's choosing (see renderWorker below). */
const WITH_WORKER_ENTRY = fileURLToPath(new URL('./server-with-worker.mjs', import.meta.url));

export interface ServerProcessOptions {
  /** Data directory to use (restart tests pass the previous one); a fresh temp dir otherwise. */
  dataDir?: string;
  /** Extra environment; `BROADSHEET_API_TOKEN: undefined` makes the server generate its token. */
  env?: Record<string, string | undefined>;
  /** Script to run; defaults to the built API. */
  entry?: string;
  /**
   * A render worker module to run instead of the API's own (fault tests): the server is then
   * started through server-with-worker.mjs, which hands it to startServer.
   */
  renderWorker?: string;
  /** How long to wait for the "listening" log line. */
  startTimeoutMs?: number;
}

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  dataDir: string;
  /** The bearer token the server was given (undefined when it generated its own). */
  token: string | undefined;
  child: ChildProcess;
  /** Every stdout line so far (JSON log lines). */
  stdout: string[];
  stderr: string[];
  /** Resolves when the process has exited. */
  exited: Promise<ServerExit>;
  /** Sends a signal (SIGTERM by default) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<ServerExit>;
  /** Stops the process if running and deletes the data dir if this helper created it. */
  cleanup(): Promise<void>;
}

interface ListeningLine {
  msg?: unknown;
  port?: unknown;
}

/**
 * Starts the built API as a real child process on an ephemeral port (PORT=0) with a temp data
 * directory, and resolves once it logs that it is listening.
 */
export async function startServerProcess(
  options: ServerProcessOptions = {},
): Promise<ServerProcess> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'broadsheet-server-'));
  const token =
    'env' in options && options.env && 'BROADSHEET_API_TOKEN' in options.env
      ? options.env.BROADSHEET_API_TOKEN
      : randomBytes(24).toString('base64url');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    BROADSHEET_DATA_DIR: dataDir,
    BROADSHEET_API_TOKEN: token,
    // An import thread's first task loads its modules (jsdom, Readability, feedsmith); on a loaded
    // 2-core CI machine that alone has overrun the 20 s production budget and turned a good feed
    // or page into a 422. Tests of the budget pass their own.
    BROADSHEET_IMPORT_TIMEOUT_MS: '90000',
    NODE_OPTIONS: localNamesNodeOptions(),
    ...options.env,
  })) {
    if (v !== undefined) env[k] = v;
  }
  const args =
    options.renderWorker === undefined
      ? [options.entry ?? API_ENTRY]
      : [WITH_WORKER_ENTRY, options.renderWorker];
  const child = spawn(process.execPath, args, {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<ServerExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const port = await new Promise<number>((resolve, reject) => {
    const timeout = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `the server did not log "listening" within ${options.startTimeoutMs ?? 30_000} ms\n${stderr.join('\n')}`,
        ),
      );
    }, options.startTimeoutMs ?? 30_000);
    let partial = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        stdout.push(line);
        try {
          const entry = JSON.parse(line) as ListeningLine;
          if (
            typeof entry.msg === 'string' &&
            entry.msg.startsWith('listening') &&
            typeof entry.port === 'number'
          ) {
            clearTimeout(timeout);
            resolve(entry.port);
          }
        } catch {
          // Not a JSON log line.
        }
      }
    });
    child.stderr
      .setEncoding('utf8')
      .on('data', (chunk: string) => stderr.push(...chunk.split('\n').filter(Boolean)));
    void exited.then(({ code, signal }) => {
      clearTimeout(timeout);
      reject(
        new Error(
          `the server exited (code ${code}, signal ${signal}) before listening\n${stderr.join('\n')}`,
        ),
      );
    });
  });

  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<ServerExit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    token,
    child,
    stdout,
    stderr,
    exited,
    stop,
    async cleanup() {
      await stop('SIGKILL');
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
