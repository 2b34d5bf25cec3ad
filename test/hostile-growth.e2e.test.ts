import { readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { UNTHROTTLED } from './support/http.js';

/**
 * Issue 19's harness: every input type grows along several axes, up to and past the limits the
 * server accepts, while a second client keeps asking `/health`. No hostile request may answer
 * 5xx, keep `/health` waiting, or leave the server much larger than it was.
 *
 * Each hostile request is sent alone (never two at once): the point is that a *single* request
 * cannot stall the server, not that a flood is queued (the queues have their own tests).
 */

/** The goal for `/health` while hostile requests run. */
const HEALTH_P99_GOAL_MS = 100;
/** The bound on what one request may add to the server's memory. */
const MEMORY_GOAL_BYTES = 200 * 1024 * 1024;

interface Hostile {
  axis: string;
  size: number;
  path: string;
  contentType: string;
  body: Buffer;
}

interface Outcome extends Hostile {
  status: number;
  ms: number;
  /** The longest /health wait that ended while this request ran (or just after it). */
  worstHealthMs?: number;
  location?: string;
}

/** A PNG whose header claims `width`×`height` but whose data is a few bytes: a "decompression bomb" of the header. */
function lyingPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const text = (axis: string, size: number, body: string): Hostile => ({
  axis,
  size,
  path: '/v1/articles',
  contentType: 'text/plain; charset=utf-8',
  body: Buffer.from(body),
});
const html = (axis: string, size: number, inner: string): Hostile => ({
  axis,
  size,
  path: '/v1/articles?url=https://news.example.org/story',
  contentType: 'text/html; charset=utf-8',
  body: Buffer.from(
    `<!doctype html><html lang="en"><head><title>Growth ${axis} ${size}</title></head>` +
      `<body><article><h1>Growth ${axis} ${size}</h1>${inner}</article></body></html>`,
  ),
});
const json = (axis: string, size: number, article: unknown): Hostile => ({
  axis,
  size,
  path: '/v1/articles',
  contentType: 'application/json',
  body: Buffer.from(JSON.stringify(article)),
});
const article = (headline: string, body: unknown[], extra: Record<string, unknown> = {}) => ({
  headline,
  language: 'en',
  body,
  ...extra,
});
const para = (t: string) => ({ type: 'paragraph', text: t });
const prose = 'Officials met in the capital on Tuesday to discuss the new agreement. ';

/** Sizes that double from `from` up to `to` inclusive. */
const doubling = (from: number, to: number): number[] => {
  const out: number[] = [];
  for (let n = from; n <= to; n *= 2) out.push(n);
  return out;
};

/** Every axis of every input type, smallest first, each growing past where the limits stop it. */
function hostileInputs(): Hostile[] {
  const inputs: Hostile[] = [];
  // Plain text: many short lines, one endless line, many blank lines, bullets, dateline-like lines.
  for (const n of doubling(4_096, 524_288)) {
    inputs.push(text('text: short lines', n, `Headline of a hostile story\n${'a\n'.repeat(n)}`));
  }
  for (const n of doubling(16_384, 1_048_576)) {
    inputs.push(text('text: one line', n, `Headline\n${'word '.repeat(n / 5)}`));
  }
  for (const n of doubling(8_192, 524_288)) {
    inputs.push(text('text: blank lines', n, `Headline\n\n${'\n'.repeat(n)}Body text.`));
  }
  for (const n of doubling(2_048, 131_072)) {
    inputs.push(text('text: bullets', n, `Headline\n${'• point\n'.repeat(n)}${prose}`));
  }
  for (const n of doubling(2_048, 65_536)) {
    inputs.push(
      text('text: header-like lines', n, `Headline\n${'May 2, 2018 By Staff\n'.repeat(n)}${prose}`),
    );
  }
  // HTML: depth, width, attributes, entities.
  for (const depth of [32, 64, 128, 250]) {
    inputs.push(
      html(
        'html: depth x300 blocks',
        depth,
        `<div>${'<div>'.repeat(depth)}<p>${prose}</p>${'</div>'.repeat(depth)}</div>`.repeat(300),
      ),
    );
  }
  for (const n of doubling(1_024, 16_384)) {
    inputs.push(html('html: width', n, `<p>${prose}</p>`.repeat(n)));
  }
  for (const n of doubling(256, 8_192)) {
    const attrs = Array.from({ length: 64 }, (_, i) => ` data-a${i}="${i}"`).join('');
    inputs.push(html('html: attributes', n, `<p${attrs}>x</p>`.repeat(n)));
  }
  for (const n of doubling(8_192, 131_072)) {
    inputs.push(html('html: entities', n, `<p>${'&amp;&#x41;&eacute;'.repeat(n)}</p>`));
  }
  // JSON: many blocks, many runs, long strings of control characters.
  for (const n of doubling(1_024, 16_384)) {
    inputs.push(json('json: blocks', n, article(`Blocks ${n}`, Array(n).fill(para(prose)))));
  }
  for (const n of doubling(2_048, 32_768)) {
    const runs = Array.from({ length: n }, (_, i) => ({ text: `w${i} `, strong: i % 2 === 0 }));
    inputs.push(
      json('json: runs', n, article(`Runs ${n}`, [{ type: 'paragraph', content: runs }])),
    );
  }
  for (const n of doubling(16_384, 262_144)) {
    inputs.push(
      json(
        'json: control characters',
        n,
        article(`Controls ${n}`, [para('\u0001\u0085'.repeat(n))]),
      ),
    );
  }
  // Images inside JSON: header dimensions that lie, as a lead image and as body figures.
  for (const side of [1_000, 6_000, 12_000, 20_000, 40_000, 65_535]) {
    const src = `data:image/png;base64,${lyingPng(side, side).toString('base64')}`;
    inputs.push(
      json(
        'image: header dimensions',
        side,
        article(`Image ${side}`, [para(prose)], {
          image: { src, alt: 'A picture', caption: 'A caption' },
        }),
      ),
    );
  }
  for (const n of [8, 32, 128]) {
    const src = `data:image/png;base64,${lyingPng(8_000, 4_000).toString('base64')}`;
    const figures = Array.from({ length: n }, () => ({
      type: 'figure',
      image: { src, alt: 'x', caption: 'y' },
    }));
    inputs.push(
      json('image: many large figures', n, article(`Figures ${n}`, [para(prose), ...figures])),
    );
  }
  return inputs;
}

/** The server's current and peak resident set (Linux /proc). */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Starts the peak-RSS counter (VmHWM) afresh, so that it measures one request (Linux: `5` to clear_refs). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** Asks `/health` over and over on its own keep-alive connection, recording each latency. */
/**
 * The second client: a thread of its own that asks `/health` every 5 ms and reports each
 * answer's latency as it arrives. On this process's event loop, building and sending a
 * multi-megabyte hostile body would delay the probe's own timers and reads, and the server
 * would be blamed for the client's pause.
 */
const PROBE_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Agent, request } = require('node:http');
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
let running = true;
parentPort.on('message', () => { running = false; });
const once = () => new Promise((resolve) => {
  const started = performance.now();
  const req = request(workerData.url + '/health', { agent }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode === 200 ? performance.now() - started : Infinity));
  });
  req.on('error', () => resolve(Infinity));
  req.setTimeout(workerData.timeoutMs, () => req.destroy(new Error('/health timed out')));
  req.end();
});
(async () => {
  while (running) {
    parentPort.postMessage(await once());
    await new Promise((r) => setTimeout(r, 5));
  }
  agent.destroy();
  parentPort.postMessage('done');
})();
`;

function probeHealth(server: ServerProcess): { latencies: number[]; stop(): Promise<number[]> } {
  const latencies: number[] = [];
  // A failed or timed-out probe counts as an infinitely slow answer, and the loop goes on.
  const worker = new Worker(PROBE_SOURCE, {
    eval: true,
    workerData: { url: server.url, timeoutMs: REQUEST_TIMEOUT_MS },
  });
  const done = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: number | 'done') => {
      if (m === 'done') resolve();
      else latencies.push(m);
    });
    worker.on('error', reject);
  });
  return {
    latencies,
    async stop() {
      worker.postMessage('stop');
      await done;
      await worker.terminate();
      return latencies;
    },
  };
}

/** A hostile request that gets no answer in this long has stalled the server (status 0 below). */
const REQUEST_TIMEOUT_MS = 60_000;

async function send(server: ServerProcess, input: Hostile): Promise<Outcome> {
  const started = performance.now();
  try {
    const res = await fetch(`${server.url}${input.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token ?? ''}`, 'content-type': input.contentType },
      body: new Uint8Array(input.body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await res.arrayBuffer();
    const location = res.headers.get('location');
    return {
      ...input,
      status: res.status,
      ms: performance.now() - started,
      ...(location ? { location } : {}),
    };
  } catch {
    return { ...input, status: 0, ms: performance.now() - started };
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess({ env: UNTHROTTLED });
}, 60_000);
afterAll(() => server.cleanup());

describe('hostile input growing along every axis', () => {
  it('never answers 5xx, never keeps /health waiting, never swells the server', async () => {
    const pid = server.child.pid ?? NaN;
    // Warm up: the first HTML import and the first render load their libraries.
    await send(server, html('warm-up', 0, `<p>${prose}</p>`));

    const idleProbe = probeHealth(server);
    await new Promise((r) => setTimeout(r, 1_000));
    const idle = await idleProbe.stop();

    // Every body is built before the probe starts: building them is the client's work.
    const inputs = hostileInputs();
    const probe = probeHealth(server);
    const outcomes: Outcome[] = [];
    let worstGrowth = 0;
    for (const input of inputs) {
      resetPeak(pid);
      const rssBefore = memory(pid).rss;
      const firstProbe = probe.latencies.length;
      const outcome = await send(server, input);
      // The probe in flight when the request ended is answered after it: count it too.
      await new Promise((r) => setTimeout(r, 20));
      outcome.worstHealthMs = Math.max(0, ...probe.latencies.slice(firstProbe));
      outcomes.push(outcome);
      const growth = memory(pid).peak - rssBefore;
      worstGrowth = Math.max(worstGrowth, growth);
      console.log(
        `${input.axis} ${input.size}: ${outcome.status} in ${outcome.ms.toFixed(0)} ms, peak RSS +${(growth / 1048576).toFixed(0)} MiB`,
      );
    }
    // Accepted articles are downloadable: no image the API accepted makes a render fail.
    const accepted = outcomes.filter((o) => o.status === 201 && o.axis.startsWith('image'));
    const downloads: { path: string; status: number }[] = [];
    for (const o of accepted) {
      for (const ext of ['pdf', 'epub']) {
        const path = `${new URL(o.location ?? '', server.url).pathname}.${ext}`;
        const res = await fetch(`${server.url}${path}`);
        await res.arrayBuffer();
        downloads.push({ path, status: res.status });
      }
    }
    const latencies = await probe.stop();

    console.log(
      [
        `/health idle p99 ${percentile(idle, 99).toFixed(1)} ms; under hostile input p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms over ${latencies.length} requests`,
        `largest peak RSS growth during one request: ${(worstGrowth / 1048576).toFixed(0)} MiB`,
        // Which requests kept /health waiting longest: where the max comes from.
        'longest /health waits, by the hostile request they overlapped:',
        ...[...outcomes]
          .sort((a, b) => (b.worstHealthMs ?? 0) - (a.worstHealthMs ?? 0))
          .slice(0, 5)
          .map(
            (o) =>
              `  ${(o.worstHealthMs ?? 0).toFixed(0)} ms during ${o.axis} ${o.size} (${o.status}, ${(o.body.length / 1024).toFixed(0)} KiB, ${o.ms.toFixed(0)} ms)`,
          ),
      ].join('\n'),
    );

    expect(
      outcomes.filter((o) => o.status >= 500).map((o) => `${o.axis} ${o.size}: ${o.status}`),
    ).toEqual([]);
    expect(downloads.filter((d) => d.status !== 200)).toEqual([]);
    // Some of each type was accepted, so the harness exercised the importers and not only the limits.
    for (const type of ['text', 'html', 'json', 'image']) {
      expect(
        outcomes.some((o) => o.axis.startsWith(type) && o.status === 201),
        type,
      ).toBe(true);
    }
    // The machine's own noise (other suites run beside this one) is allowed on top of the goal.
    // The max is reported, not asserted: one request still holds the HTTP thread for more than
    // 100 ms at times on this shared 2-core machine. Before plain text moved to an import
    // thread, the longest waits were text imports (2.8 s for 16,384 date-like lines under a
    // load average of 45; 0.22 s of one core when quiet). After it (load average ~30, idle p99
    // 11.9 ms): p99 42.7 ms, max 395 ms, during web-page imports that succeeded (a 308 KiB page
    // of 4,096 paragraphs) or hit the memory cap: what is left on the HTTP thread is taking the
    // imported article back from the worker, storing it (SQLite writes are synchronous) and
    // answering it, plus starting and stopping import threads and garbage collection.
    expect(percentile(latencies, 99)).toBeLessThan(HEALTH_P99_GOAL_MS + percentile(idle, 99));
    expect(worstGrowth).toBeLessThan(MEMORY_GOAL_BYTES);
  }, 900_000);
});
