import { readdirSync, readFileSync } from 'node:fs';
import { newsPage } from '@broadsheet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { WORKER_NICE_INCREMENT } from './thread-priority.js';

/** Nice value of each thread of this process (field 19 of /proc/self/task/<tid>/stat). */
function threadNiceValues(): { tid: number; nice: number }[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; the fields after its ')' are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { tid: Number(tid), nice: Number(fields[16]) };
  });
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('worker threads run below the HTTP thread', () => {
  it('gives the import and render threads a nice value of +10 and leaves the HTTP thread alone', async () => {
    const before = threadNiceValues();
    const baseNice = before.find((t) => t.tid === process.pid)?.nice ?? NaN;
    const created = await fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8', ...server.auth },
      body: 'Council approves new cycle lanes\nThe council approved the plan on Tuesday.\n',
    });
    expect(created.status).toBe(201);
    const page = await fetch(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'text/html; charset=utf-8', ...server.auth },
      body: newsPage({ headline: 'Bridge reopens after two years of repairs' }),
    });
    expect(page.status).toBe(201);
    const pdf = await fetch(
      `${server.url}${new URL(created.headers.get('location') ?? '', server.url).pathname}.pdf`,
    );
    expect(pdf.status).toBe(200);
    await pdf.arrayBuffer();

    const after = threadNiceValues();
    const lowered = after.filter((t) => t.nice === baseNice + WORKER_NICE_INCREMENT);
    // A text-import thread, a page-import thread and a render thread.
    expect(lowered.length).toBeGreaterThanOrEqual(3);
    expect(after.find((t) => t.tid === process.pid)?.nice).toBe(baseNice);
  });
});
