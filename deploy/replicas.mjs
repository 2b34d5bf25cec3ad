#!/usr/bin/env node
// Runs N Broadsheet API replicas on one PostgreSQL behind nginx, as plain processes on one
// machine (the systemd units in deploy/systemd do the same as services). Usage:
//
//   BROADSHEET_DATABASE_URL=postgres://… BROADSHEET_API_TOKEN=… \
//     node deploy/replicas.mjs --replicas 3 --base-port 3001 --listen 127.0.0.1:8080
//
// --replicas N         how many API processes (default 3)
// --base-port P        replica i listens on P+i; 0: ephemeral ports (default 3001)
// --listen ADDR:PORT   where nginx listens (default 127.0.0.1:8080)
// --run-dir DIR        data directories, logs and nginx's files (default ./run)
// --no-nginx           replicas only
// --print-site-config  print the nginx site config for the replica ports and exit
//
// It prints one JSON line per event on stdout ({"event":"replica",index,pid,port},
// {"event":"nginx",pid,url}, {"event":"ready"}, {"event":"exit",…}) and stops everything on
// SIGTERM or SIGINT. A replica that dies is not restarted (nginx leaves it out; systemd's
// Restart= is the way to restart). Replica i's log is RUN_DIR/replica-i.log.

import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, chmodSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const main = resolve(here, '../apps/api/dist/main.js');

const { values } = parseArgs({
  options: {
    replicas: { type: 'string', default: '3' },
    'base-port': { type: 'string', default: '3001' },
    listen: { type: 'string', default: '127.0.0.1:8080' },
    'run-dir': { type: 'string', default: 'run' },
    'no-nginx': { type: 'boolean', default: false },
    'print-site-config': { type: 'boolean', default: false },
  },
});

function fail(sentence) {
  process.stderr.write(`replicas: ${sentence}\n`);
  process.exit(2);
}

const count = Number(values.replicas);
const basePort = Number(values['base-port']);
if (!Number.isInteger(count) || count < 1 || count > 64) fail('--replicas must be 1 to 64');
if (!Number.isInteger(basePort) || basePort < 0 || basePort + count > 65536)
  fail('--base-port must be a port number (or 0 for ephemeral ports)');
if (!/^[\w.:[\]-]+:\d+$/.test(values.listen)) fail('--listen must be ADDRESS:PORT');

/** The site config (upstream and server blocks) for replicas on these ports. */
function siteConfig(ports) {
  const servers = ports
    .map((port) => `    server 127.0.0.1:${port} max_fails=2 fail_timeout=10s;`)
    .join('\n');
  return readFileSync(join(here, 'nginx/broadsheet-site.conf.template'), 'utf8')
    .replace('{{UPSTREAM_SERVERS}}', servers)
    .replace('{{LISTEN}}', values.listen);
}

if (values['print-site-config']) {
  if (basePort === 0) fail('--print-site-config needs a --base-port');
  process.stdout.write(siteConfig(Array.from({ length: count }, (_, i) => basePort + i)));
  process.exit(0);
}

if (!process.env.BROADSHEET_DATABASE_URL) fail('BROADSHEET_DATABASE_URL must be set');
if (!process.env.BROADSHEET_API_TOKEN) fail('BROADSHEET_API_TOKEN must be set');

const runDir = resolve(values['run-dir']);
mkdirSync(join(runDir, 'logs'), { recursive: true });
mkdirSync(join(runDir, 'temp'), { recursive: true });
// nginx's workers may run as another user (root's default is nobody): they must reach the directory.
chmodSync(runDir, 0o755);

const emit = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
const children = new Set();
let stopping = false;

/** Starts replica `index`; resolves with its port once it listens. */
function startReplica(index) {
  const log = createWriteStream(join(runDir, `replica-${index}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      PORT: String(basePort === 0 ? 0 : basePort + index),
      HOST: '127.0.0.1',
      BROADSHEET_DATA_DIR: join(runDir, `replica-${index}`),
      // nginx on this machine reports the client's address.
      BROADSHEET_TRUST_PROXY: process.env.BROADSHEET_TRUST_PROXY ?? 'loopback',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.stderr.pipe(log);
  return new Promise((resolvePort, reject) => {
    let pending = '';
    let port;
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      log.write(chunk);
      if (port !== undefined) return;
      pending += chunk;
      // The "listening on …" log line carries the port (an ephemeral one included).
      const found = /"port":(\d+)/.exec(pending);
      if (found) {
        port = Number(found[1]);
        emit({ event: 'replica', index, pid: child.pid, port });
        resolvePort(port);
      }
    });
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (!stopping) emit({ event: 'exit', index, pid: child.pid, code, signal });
      if (port === undefined)
        reject(new Error(`replica ${index} exited before listening (see ${log.path})`));
    });
  });
}

function startNginx(ports) {
  writeFileSync(join(runDir, 'broadsheet-site.conf'), siteConfig(ports));
  writeFileSync(
    join(runDir, 'nginx.conf'),
    readFileSync(join(here, 'nginx/nginx.conf.template'), 'utf8'),
  );
  const child = spawn(
    'nginx',
    [
      '-c',
      join(runDir, 'nginx.conf'),
      '-p',
      `${runDir}/`,
      '-g',
      `daemon off; pid ${join(runDir, 'nginx.pid')};`,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) emit({ event: 'exit', nginx: true, pid: child.pid, code, signal });
  });
  child.on('error', (err) => fail(`cannot start nginx: ${err.message}`));
  emit({ event: 'nginx', pid: child.pid, url: `http://${values.listen}` });
}

/** Waits until `url` answers at all (nginx has bound its port), at most 10 s. */
async function untilAnswers(url) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await (await fetch(url)).arrayBuffer();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`nginx does not answer at ${url}: ${err.message}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function stop() {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  const check = setInterval(() => {
    if (children.size === 0) {
      clearInterval(check);
      emit({ event: 'stopped' });
      process.exit(0);
    }
  }, 50);
  // Replicas finish requests in flight within their own grace period (under 10 s).
  setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
  }, 15_000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

try {
  // All at once: the first to take the migration lock migrates, the others wait for it.
  const ports = await Promise.all(Array.from({ length: count }, (_, i) => startReplica(i)));
  if (!values['no-nginx']) {
    startNginx(ports);
    await untilAnswers(`http://${values.listen}/health`);
  }
  emit({ event: 'ready' });
} catch (err) {
  process.stderr.write(`replicas: ${err instanceof Error ? err.message : String(err)}\n`);
  stop();
  process.exitCode = 1;
}
