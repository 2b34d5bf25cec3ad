import { fileURLToPath } from 'node:url';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, postJson, UNTHROTTLED } from './support/http.js';

/**
 * The server runs the fault worker (support/fault-worker.mjs: the API's own worker, except that
 * a headline or edition title containing `broadsheet-fault:crash` exits the worker thread,
 * `broadsheet-fault:hang` spins forever without yielding, `broadsheet-fault:throw` throws),
 * injected through startServerProcess's renderWorker; production has no such hook.
 * BROADSHEET_RENDER_TIMEOUT_MS: a render running longer is abandoned, its worker thread
 * terminated and replaced, and its request answered with a 5xx problem document.
 */
const FAULT_WORKER = fileURLToPath(new URL('./support/fault-worker.mjs', import.meta.url));
const HOOKS = {
  ...UNTHROTTLED,
  BROADSHEET_RENDER_TIMEOUT_MS: '4000',
  BROADSHEET_RENDER_THREADS: '2',
};

const article = (slug: string, headline: string) => ({
  slug,
  headline,
  language: 'en',
  body: [{ type: 'paragraph', text: `The body of ${slug}.` }],
});

async function get(server: ServerProcess, path: string): Promise<Response> {
  return fetch(`${server.url}${path}`);
}

async function expectFile(res: Response, format: 'epub' | 'pdf'): Promise<void> {
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  const signature = format === 'epub' ? 'PK\u0003\u0004' : '%PDF-';
  expect(bytes.subarray(0, signature.length).toString('latin1')).toBe(signature);
}

describe('a render worker that crashes, hangs or throws', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ env: HOOKS, renderWorker: FAULT_WORKER });
    for (const [slug, headline] of [
      ['crashes', 'This render crashes broadsheet-fault:crash'],
      ['hangs', 'This render hangs broadsheet-fault:hang'],
      ['throws', 'This render throws broadsheet-fault:throw'],
      ['fine-1', 'An ordinary article, rendered while others fail'],
      ['fine-2', 'Another ordinary article, rendered after the failures'],
      ['fine-3', 'A third ordinary article'],
    ]) {
      expect(
        (await postJson(server, '/v1/articles', article(slug as string, headline as string)))
          .status,
      ).toBe(201);
    }
  }, 60_000);
  afterAll(async () => server.cleanup());

  it.each([
    ['crashes', 'epub'],
    ['crashes', 'pdf'],
    ['throws', 'epub'],
    ['hangs', 'pdf'],
  ] as const)(
    '%s (%s): fails only its own request, with a problem document; others are served meanwhile',
    async (slug, format) => {
      const failing = get(server, `/v1/articles/${slug}.${format}`);
      // While it fails, the server answers reads and renders other files.
      const [health, json, other] = await Promise.all([
        get(server, '/health'),
        get(server, '/v1/articles/fine-1'),
        get(server, '/v1/articles/fine-1.epub'),
      ]);
      expect(health.status).toBe(200);
      expect(json.status).toBe(200);
      await expectFile(other, 'epub');

      const res = await failing;
      const problem = await expectProblem(res);
      expect(problem.status).toBeGreaterThanOrEqual(500);
      expect(problem.status).toBeLessThan(600);
      // Not cached as a failure: asking again fails the same way rather than serving something.
      const again = await get(server, `/v1/articles/${slug}.${format}`);
      await expectProblem(again);
    },
    60_000,
  );

  it('keeps rendering afterwards: the pool replaced its lost workers', async () => {
    await expectFile(await get(server, '/v1/articles/fine-2.pdf'), 'pdf');
    await expectFile(await get(server, '/v1/articles/fine-3.epub'), 'epub');
    expect((await get(server, '/health')).status).toBe(200);
    expect(server.child.exitCode).toBeNull();
  }, 60_000);
});
