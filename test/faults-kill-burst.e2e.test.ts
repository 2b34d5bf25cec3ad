import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { afterAll, describe, expect, it } from 'vitest';
import { UNTHROTTLED, writeHeaders } from './support/http.js';
import { integrityCheck } from './support/sqlite.js';

const BURST = 500;
/** Kill once this many creates have been answered 201: well inside the burst. */
const KILL_AFTER = 40;

function article(i: number) {
  return {
    slug: `burst-${i}`,
    headline: `Burst article number ${i}`,
    language: 'en',
    standfirst: `Standfirst of burst article ${i}.`,
    tags: ['burst', `n${i % 7}`],
    body: Array.from({ length: 6 }, (_, k) => ({
      type: 'paragraph',
      text: `Paragraph ${k} of article ${i}: ${'lorem ipsum '.repeat(20 + k)}`,
    })),
  };
}

type Outcome = { i: number; status: number } | { i: number; error: string };

describe('SIGKILL during a burst of concurrent creates', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-kill-'));
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every article answered 201, intact, and nothing half-written; the database passes integrity_check', async () => {
    server = await startServerProcess({ dataDir, env: UNTHROTTLED });
    const first = server;
    let created = 0;
    let killNow: () => void = () => undefined;
    const killSignal = new Promise<void>((resolve) => (killNow = resolve));
    let killed = false;
    const send = async (i: number): Promise<Outcome> => {
      try {
        const res = await fetch(`${first.url}/v1/articles`, {
          method: 'POST',
          headers: writeHeaders(first, { 'content-type': 'application/json' }),
          body: JSON.stringify(article(i)),
        });
        await res.arrayBuffer();
        if (res.status === 201 && ++created === KILL_AFTER) killNow();
        return { i, status: res.status };
      } catch (err) {
        return { i, error: err instanceof Error ? err.message : String(err) };
      }
    };
    // Sent ten at a time without waiting for answers, so hundreds are in flight together but
    // the server finishes them over seconds rather than all in one final instant: the kill
    // then lands with many answered, many in flight and some not yet sent.
    const requests: Promise<Outcome>[] = [];
    void killSignal.then(() => (killed = true));
    for (let i = 0; i < BURST; i++) {
      requests.push(send(i));
      if (i % 10 === 9) await sleep(10);
      if (killed) break;
    }
    await Promise.race([killSignal, Promise.all(requests)]);
    const exit = await first.stop('SIGKILL');
    // Requests not yet sent at the kill go to the dead server and fail: counted as lost.
    for (let i = requests.length; i < BURST; i++) requests.push(send(i));
    expect(exit.signal).toBe('SIGKILL');
    const outcomes = await Promise.all(requests);

    const ok = outcomes.filter((o) => 'status' in o && o.status === 201).map((o) => o.i);
    const lost = outcomes.filter((o) => 'error' in o).map((o) => o.i);
    const other = outcomes.filter((o) => 'status' in o && o.status !== 201);
    // The kill landed inside the burst: some answered, some cut off; nothing else was answered.
    expect(ok.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(lost.length).toBeGreaterThan(0);
    expect(other).toEqual([]);

    // The file as the crash left it.
    expect(integrityCheck(dataDir)).toBe('ok');

    server = await startServerProcess({ dataDir, env: UNTHROTTLED });
    const second = server;
    const read = async (i: number) => {
      const res = await fetch(`${second.url}/v1/articles/burst-${i}`);
      return {
        status: res.status,
        body:
          res.status === 200
            ? ((await res.json()) as Record<string, unknown>)
            : (await res.arrayBuffer(), undefined),
      };
    };
    const intact = (i: number, body: Record<string, unknown> | undefined) => {
      const want = article(i);
      expect(body?.headline).toBe(want.headline);
      expect(body?.standfirst).toBe(want.standfirst);
      expect(body?.tags).toEqual(want.tags);
      expect((body?.body as { text: string }[]).map((b) => b.text)).toEqual(
        want.body.map((b) => b.text.trim()),
      );
    };
    for (const i of ok) {
      const got = await read(i);
      expect(got.status, `burst-${i} was answered 201`).toBe(200);
      intact(i, got.body);
    }
    // A request cut off by the kill may or may not have committed, but never in part.
    let committedUnanswered = 0;
    for (const i of lost) {
      const got = await read(i);
      expect([200, 404]).toContain(got.status);
      if (got.status === 200) {
        committedUnanswered++;
        intact(i, got.body);
      }
    }
    // The list agrees with the single reads: every burst article present is listed exactly once.
    const listed = new Set<string>();
    for (let cursor: string | undefined, pages = 0; pages < 20; pages++) {
      const res = await fetch(
        `${second.url}/v1/articles?tag=burst&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: { slug: string }[]; nextCursor?: string };
      for (const item of page.items) {
        expect(listed.has(item.slug)).toBe(false);
        listed.add(item.slug);
      }
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(listed.size).toBe(ok.length + committedUnanswered);
  }, 90_000);
});
