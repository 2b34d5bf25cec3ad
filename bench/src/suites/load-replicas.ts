// The load suite's mix against two replicas on one PostgreSQL behind nginx, started by
// deploy/replicas.mjs (the operator's recipe, so the recipe itself is what gets measured),
// with the same mix on one SQLite replica in the same run as the baseline.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, probePostgres, type TestDatabase } from '@broadsheet/testing';
import type { Section } from '../harness/report.js';
import { BENCH_TOKEN, freePort, startApi, type StartedServer } from '../harness/server.js';
import { formatCount, formatMs, formatRatio, ratio } from '../harness/stats.js';
import type { Suite, SuiteContext } from '../harness/suite.js';
import { MIX_ABOUT, mixDetails, mixFailed, runMix, type MixOutcome } from './load.js';

const REPLICAS = 2;

/**
 * `node deploy/replicas.mjs --replicas N` on `databaseUrl`, resolved once it prints
 * {"event":"ready"} (replicas listening, nginx answering /health); stop() sends SIGTERM, which
 * the script passes to every replica and to nginx.
 */
async function startReplicas(
  root: string,
  runDir: string,
  databaseUrl: string,
  count: number,
): Promise<StartedServer & { pids: number[] }> {
  await mkdir(runDir, { recursive: true });
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(root, 'deploy/replicas.mjs'),
      '--replicas',
      String(count),
      '--base-port',
      '0',
      '--listen',
      `127.0.0.1:${port}`,
      '--run-dir',
      runDir,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        BROADSHEET_DATABASE_URL: databaseUrl,
        BROADSHEET_API_TOKEN: BENCH_TOKEN,
        // As in startApi: the writer creates articles as fast as it can.
        BROADSHEET_WRITES_PER_MINUTE: '100000',
      },
    },
  );
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-4000)));
  const exited = once(child, 'exit');
  const pids: number[] = [];
  let url = '';
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const ready = (async () => {
    for await (const line of lines) {
      const event = JSON.parse(line) as { event: string; pid?: number; url?: string };
      if (event.pid !== undefined) pids.push(event.pid);
      if (event.event === 'nginx' && event.url) url = event.url;
      if (event.event === 'ready') return;
      if (event.event === 'exit') throw new Error(`replicas: ${line} ${err}`);
    }
    throw new Error(`deploy/replicas.mjs ended before it was ready: ${err}`);
  })();
  await Promise.race([
    ready,
    sleep(60_000).then(() => {
      throw new Error(`deploy/replicas.mjs not ready after 60 s: ${err}`);
    }),
  ]);
  return {
    url,
    pid: child.pid ?? -1,
    pids,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function rowsFor(a: MixOutcome, b: MixOutcome): string[][] {
  const row = (what: string, x: number, y: number, fmt: (n: number) => string) => [
    what,
    fmt(x),
    fmt(y),
    formatRatio(ratio(y, x)),
  ];
  return [
    row('requests/s (mean)', a.result.requests.average, b.result.requests.average, formatCount),
    row('requests (autocannon)', a.result.requests.total, b.result.requests.total, formatCount),
    row('latency p50', a.result.latency.p50, b.result.latency.p50, formatMs),
    row('latency p99', a.result.latency.p99, b.result.latency.p99, formatMs),
    row('latency max', a.result.latency.max, b.result.latency.max, formatMs),
    ['connection errors + timeouts', String(a.errors), String(b.errors), ''],
    ['unexpected or malformed answers', String(a.unexpected), String(b.unexpected), ''],
    row('articles created by the writer', a.written, b.written, formatCount),
    row('uncached edition renders', a.rendered, b.rendered, formatCount),
    ['/health afterwards', String(a.healthStatus), String(b.healthStatus), ''],
  ];
}

export const loadReplicasSuite: Suite = {
  name: 'load-replicas',
  async run(ctx: SuiteContext) {
    const pg = await probePostgres();
    if (!pg.available) throw new Error(`needs PostgreSQL at 127.0.0.1:5432: ${pg.reason}`);
    const quick = ctx.options.quick;
    const seconds = quick ? 5 : 60;
    const connections = quick ? 20 : 100;
    const dir = join(ctx.tmp, 'load-replicas');
    const servers: StartedServer[] = [];
    let database: TestDatabase | undefined;
    try {
      const sqlite = await startApi(ctx.root, join(dir, 'sqlite'));
      servers.push(sqlite);
      const base = await runMix(ctx, sqlite.url, seconds, connections, 'load-replicas SQLite');
      await sqlite.stop();

      database = await createTestDatabase('bs_bench');
      ctx.log(`load-replicas: deploy/replicas.mjs --replicas ${REPLICAS} on ${database.name}`);
      const replicas = await startReplicas(ctx.root, join(dir, 'run'), database.url, REPLICAS);
      servers.push(replicas);
      const two = await runMix(ctx, replicas.url, seconds, connections, 'load-replicas PostgreSQL');
      await replicas.stop();

      const { notes: baseNotes } = mixDetails(base);
      const { notes: twoNotes } = mixDetails(two);
      const failed = mixFailed(base) || mixFailed(two);
      const rps = formatRatio(ratio(two.result.requests.average, base.result.requests.average));
      return [
        {
          title: `Load on PostgreSQL, ${REPLICAS} replicas behind nginx, against one SQLite replica: ${seconds} s at ${connections} connections`,
          about: `The load suite's mix (${MIX_ABOUT}) run twice in this run, each on a fresh store: first against one API process on SQLite (autocannon straight to it), then through nginx in front of ${REPLICAS} API processes on one fresh PostgreSQL 15 database (bs_bench_*, dropped afterwards), both started by \`node deploy/replicas.mjs --replicas ${REPLICAS}\` with its nginx configuration (least_conn, keep-alive upstreams, access log on). Everything, autocannon and PostgreSQL included, shares this machine's ${availableParallelism()} cores. Ratio = PostgreSQL × ${REPLICAS} / SQLite × 1.`,
          headers: [
            'measure',
            'SQLite, 1 replica',
            `PostgreSQL, ${REPLICAS} replicas + nginx`,
            'ratio',
          ],
          rows: rowsFor(base, two),
          notes: [
            ...baseNotes.map((n) => `SQLite ${n}`),
            ...twoNotes.map((n) => `PostgreSQL ${n}`),
          ],
          summary: [
            `load-replicas ${seconds} s × ${connections} conns: PostgreSQL×${REPLICAS} ${formatCount(two.result.requests.average)} req/s (p50 ${formatMs(two.result.latency.p50)}, p99 ${formatMs(two.result.latency.p99)}, ${two.errors} errors, ${two.unexpected} unexpected) vs SQLite×1 ${formatCount(base.result.requests.average)} req/s (p50 ${formatMs(base.result.latency.p50)}, p99 ${formatMs(base.result.latency.p99)}, ${base.errors} errors, ${base.unexpected} unexpected): ${rps}`,
          ],
          failed,
        } satisfies Section,
      ];
    } finally {
      for (const s of servers.reverse()) await s.stop();
      await database?.drop();
    }
  },
};
