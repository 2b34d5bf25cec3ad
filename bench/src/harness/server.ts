import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';

export interface StartedServer {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/** A free loopback port (the kernel's pick); a benchmark server never leaves 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  stderr: () => string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited ${child.exitCode} before it was ready: ${stderr()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`server not healthy after ${timeoutMs} ms: ${stderr()}`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
}

export const BENCH_TOKEN = 'bench-token-0123456789abcdef';

/**
 * Starts the built API (apps/api/dist/main.js) as its own process on a loopback port with a
 * fresh data directory. Logs go to /dev/null so that the pipe never throttles the server.
 */
export async function startApi(
  root: string,
  dataDir: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<StartedServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      BROADSHEET_DATA_DIR: dataDir,
      BROADSHEET_API_TOKEN: BENCH_TOKEN,
      // The load writer creates articles as fast as it can; lift the per-client write limit.
      BROADSHEET_WRITES_PER_MINUTE: '100000',
      ...extraEnv,
    },
  });
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => err);
  return { url, pid: child.pid ?? -1, stop: stopper(child) };
}

/** Starts one of the bench's own baseline servers (dist/children/*.js), which prints its port. */
export async function startChildServer(
  script: string,
  args: readonly string[],
): Promise<StartedServer> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-4000)));
  const stdout = child.stdout;
  if (!stdout) throw new Error('no stdout pipe');
  const [line] = (await Promise.race([
    once(stdout.setEncoding('utf8'), 'data'),
    sleep(15_000).then(() => {
      throw new Error(`${script} did not start: ${err}`);
    }),
  ])) as [string];
  const port = z.object({ port: z.number().int() }).parse(JSON.parse(line.trim())).port;
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => err);
  return { url, pid: child.pid ?? -1, stop: stopper(child) };
}
