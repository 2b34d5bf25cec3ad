import type { Article } from '@broadsheet/model';
import {
  gifClaimingSize,
  jpegClaimingSize,
  newsPage,
  pdfImageSizes,
  pngBytes,
  pngClaimingSize,
} from '@broadsheet/testing';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/server.js';

interface Problem {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

function post(server: TestServer, body: string | Uint8Array, type: string, path = '/v1/articles') {
  return fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': type, ...server.auth },
    body,
  });
}

const dataUri = (type: string, bytes: Uint8Array) =>
  `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

/** 300 blocks, each a paragraph inside `<div>`s nested 250 deep (under the depth cap). */
const nestedPage = () =>
  `<!DOCTYPE html><html><head><title>Nested</title></head><body><h1>Nested</h1>${`${'<div>'.repeat(250)}<p>Words of a story, long enough to be read as article text by anyone.</p>${'</div>'.repeat(250)}`.repeat(300)}</body></html>`;

/** About 1 MB of flat paragraphs. */
const flatPage = () =>
  `<!DOCTYPE html><html><head><title>Flat</title></head><body><article><h1>Flat page</h1>${'<p>Some words of the story go here, a sentence.</p>'.repeat(20_000)}</article></body></html>`;

const spinningWorker = fileURLToPath(
  new URL('./test-support/spinning-import-worker.mjs', import.meta.url),
);

/** The BroadcastChannel the spinning worker announces itself on (the same name is in the worker). */
const SPINNING_CHANNEL = 'broadsheet-spinning-import-worker';

/** Resolves when the spinning worker says it has started spinning. */
function spinningStarted(): Promise<void> {
  const channel = new BroadcastChannel(SPINNING_CHANNEL);
  return new Promise<void>((resolve) => {
    channel.onmessage = () => {
      channel.close();
      resolve();
    };
  });
}

describe('web page imports run off the HTTP thread, within their time budget', () => {
  // A worker that spins forever on one page stands in for Readability on a hostile page: the
  // time budget, not the speed of the machine, decides how the import ends. (Real pages over
  // budget are refused by the element and depth budgets below, before jsdom is loaded.)
  const timeoutMs = 3_000;
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      seed: [],
      htmlImport: { workerFile: spinningWorker, textWorkerFile: spinningWorker, timeoutMs },
    });
  });
  afterAll(() => server.close());

  const page = (title: string, text = 'A story.') =>
    `<!DOCTYPE html><html><head><title>${title}</title></head><body><p>${text}</p></body></html>`;

  it('/health keeps answering while an import spins, and the import stops at the time budget with 422 naming the setting', async () => {
    // The thread is started first, so the budget is all spent spinning.
    const warm = await post(server, page('Before the spin'), 'text/html');
    expect(warm.status).toBe(201);

    const spinning = spinningStarted();
    let settled = false;
    const importing = post(server, page('Spin', 'spin forever'), 'text/html').then((res) => {
      settled = true;
      return res;
    });
    await spinning;
    // The import thread is busy for the whole budget; the HTTP thread answers meanwhile.
    for (let i = 0; i < 5; i++) {
      const health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(200);
      await health.arrayBuffer();
    }
    expect(settled, 'the import was answered before the health checks').toBe(false);

    const res = await importing;
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as Problem;
    expect(problem.detail).toMatch(
      new RegExp(`longer than ${timeoutMs} ms.*BROADSHEET_IMPORT_TIMEOUT_MS`),
    );
    expect((await fetch(`${server.url}/v1/articles/spin`)).status).toBe(404);

    // The stopped thread was replaced: the next page imports.
    const next = await post(server, page('After the spin'), 'text/html');
    expect(next.status).toBe(201);
    expect(((await next.json()) as Article).headline).toBe('After the spin');
  });

  it('a plain-text import runs off the HTTP thread too: /health answers while it spins, and it stops at the time budget', async () => {
    const spinning = spinningStarted();
    let settled = false;
    const importing = post(server, 'A headline\n\nspin forever', 'text/plain').then((res) => {
      settled = true;
      return res;
    });
    await spinning;
    for (let i = 0; i < 5; i++) {
      const health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(200);
      await health.arrayBuffer();
    }
    expect(settled, 'the import was answered before the health checks').toBe(false);
    const res = await importing;
    expect(res.status).toBe(422);
    expect(((await res.json()) as Problem).detail).toMatch(
      new RegExp(`text took longer than ${timeoutMs} ms.*BROADSHEET_IMPORT_TIMEOUT_MS`),
    );
  });
});

describe('the memory budget of a web page import', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Element and time budgets out of the way: only the heap cap can stop this import.
    server = await startTestServer({
      seed: [],
      htmlImport: { budget: { maxElements: 1_000_000 }, timeoutMs: 120_000, memoryMb: 64 },
    });
  });
  afterAll(() => server.close());

  it('stops an import whose thread needs more heap, answers 413 naming the setting, and imports the next page', async () => {
    const res = await post(server, nestedPage(), 'text/html');
    expect(res.status).toBe(413);
    expect(((await res.json()) as Problem).detail).toMatch(
      /more than 64 MB to import.*BROADSHEET_IMPORT_MEMORY_MB/,
    );
    const next = await post(server, newsPage({ headline: 'After the memory cap' }), 'text/html');
    expect(next.status).toBe(201);
  }, 180_000);
});

describe('an import thread whose heap grew over earlier pages', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      seed: [],
      htmlImport: { workerFile: spinningWorker, textWorkerFile: spinningWorker, memoryMb: 64 },
    });
  });
  afterAll(() => server.close());

  // The test worker runs out of heap on a "grown heap" page only in a thread that imported a
  // page before: the page itself is fine, and a fresh thread imports it.
  it('imports the page in a fresh thread rather than answering 413', async () => {
    const first = await post(server, '<html><title>Earlier page</title></html>', 'text/html');
    expect(first.status).toBe(201);
    const res = await post(
      server,
      '<html><title>Grown heap</title><p>grown heap</p></html>',
      'text/html',
    );
    expect(res.status, await res.clone().text()).toBe(201);
    expect(((await res.json()) as { headline: string }).headline).toBe('Grown heap');
  }, 120_000);
});

describe('web page budgets with the default element and depth caps', () => {
  let server: TestServer;
  beforeAll(async () => {
    // A time budget far beyond any page here: the outcome never depends on how fast this
    // machine loads jsdom (over 8 s in CI beside the other suites).
    server = await startTestServer({ seed: [], htmlImport: { timeoutMs: 120_000 } });
  });
  afterAll(() => server.close());

  it.each([
    [
      'more than 20000 elements',
      flatPage(),
      413,
      /more than 20000 elements \(BROADSHEET_HTML_MAX_ELEMENTS\)/,
    ],
    [
      'nesting 20000 deep',
      `<body>${'<div>'.repeat(20_000)}text`,
      422,
      /more than 256 levels deep \(BROADSHEET_HTML_MAX_DEPTH\)/,
    ],
    [
      // 1 MB of one element's attributes: about 2 s of parsing in jsdom per element, growing
      // with the square of their number.
      'an element carrying 80000 attributes',
      `<body><p ${'a="1" '.repeat(80_000)}>text</p>`,
      413,
      /more than 256 attributes \(BROADSHEET_HTML_MAX_ATTRIBUTES\)/,
    ],
  ])('a page with %s answers a problem naming the limit', async (_name, page, status, detail) => {
    const res = await post(server, page, 'text/html');
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await res.json()) as Problem).detail).toMatch(detail);
  });

  it('keeps a page data: picture whose header claims 12000 × 12000 out of the article', async () => {
    const bomb = dataUri('image/png', pngClaimingSize(12_000, 12_000, 6, 4_000));
    const res = await post(
      server,
      newsPage({ headline: 'A page with a bomb', imageSrc: bomb }),
      'text/html',
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const article = (await res.json()) as Article;
    expect(JSON.stringify(article)).not.toContain('data:image');
    // The caption stays, with the picture left out.
    expect(JSON.stringify(article)).toContain('The harbour wall at high tide on Saturday.');
  });
});

describe('pictures are checked from their header at write time', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: [] });
  });
  afterAll(() => server.close());

  const article = (slug: string, src: string, where: 'lead' | 'figure') => ({
    slug,
    headline: `Pictures: ${slug}`,
    language: 'en',
    ...(where === 'lead' && { image: { src, caption: 'The lead caption.' } }),
    body: [
      { type: 'paragraph', text: 'Text before the picture.' },
      ...(where === 'figure' ? [{ type: 'figure', image: { src, caption: 'A figure.' } }] : []),
    ],
  });

  it.each([
    [
      'a 255-byte PNG claiming 12000 × 12000',
      pngClaimingSize(12_000, 12_000),
      'lead',
      'image.src',
      /12000 × 12000 pixels \(144 megapixels\); at most 40 megapixels/,
    ],
    [
      'a PNG claiming 40000 × 40000',
      pngClaimingSize(40_000, 40_000, 6),
      'figure',
      'body.1.image.src',
      /40000 × 40000 pixels/,
    ],
    [
      'a truncated PNG',
      pngBytes(8, 8).subarray(0, 20),
      'figure',
      'body.1.image.src',
      /truncated header/,
    ],
    [
      'a WebP',
      Buffer.from(
        'RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00\x30\x01\x00\x9d\x01\x2a\x10\x00\x10\x00',
        'latin1',
      ),
      'lead',
      'image.src',
      /only PNG, JPEG and GIF/,
    ],
  ] as const)(
    'refuses %s with 422 naming the field',
    async (_name, bytes, where, path, message) => {
      const res = await post(
        server,
        JSON.stringify(article('refused', dataUri('image/png', bytes), where)),
        'application/json',
      );
      expect(res.status).toBe(422);
      const problem = (await res.json()) as Problem;
      expect(problem.errors?.map((e) => e.path)).toEqual([path]);
      expect(problem.errors?.[0]?.message).toMatch(message);
      expect((await fetch(`${server.url}/v1/articles/refused`)).status).toBe(404);
    },
  );

  it.each([
    ['a PNG', 'image/png', pngClaimingSize(8000, 5000)],
    ['a JPEG', 'image/jpeg', jpegClaimingSize(8000, 5000)],
    ['a GIF', 'image/gif', gifClaimingSize(8000, 5000)],
  ])(
    'accepts %s at the 40 MP cap, and renders the article',
    async (name, type, bytes) => {
      const slug = `at-the-cap-${type.slice(6)}`;
      const res = await post(
        server,
        JSON.stringify(article(slug, dataUri(type, bytes), 'figure')),
        'application/json',
      );
      expect(res.status, name).toBe(201);
      for (const ext of ['pdf', 'epub']) {
        const download = await fetch(`${server.url}/v1/articles/${slug}.${ext}`);
        expect(download.status, `${ext}: ${await download.clone().text()}`).toBe(200);
      }
    },
    60_000,
  );
});

describe('the picture caps are settings', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      seed: [],
      imageLimits: { maxPixels: 64 * 48, maxBytes: 4_096 },
    });
  });
  afterAll(() => server.close());

  it('accepts a picture at the pixel cap and draws it', async () => {
    const src = dataUri('image/png', pngBytes(64, 48, [20, 120, 200]));
    const res = await post(
      server,
      JSON.stringify({
        slug: 'edge',
        headline: 'Edge',
        language: 'en',
        image: { src },
        body: [{ type: 'paragraph', text: 'x' }],
      }),
      'application/json',
    );
    expect(res.status).toBe(201);
    const pdf = new Uint8Array(
      await (await fetch(`${server.url}/v1/articles/edge.pdf`)).arrayBuffer(),
    );
    expect(await pdfImageSizes(pdf)).toContain('64x48');
  }, 60_000);

  it.each([
    ['one column over the pixel cap', pngBytes(65, 48), /65 × 48 pixels/],
    ['over the byte cap', pngClaimingSize(8, 8, 2, 5_000), /at most 4096 bytes/],
  ])('refuses a picture %s', async (_name, bytes, message) => {
    const res = await post(
      server,
      JSON.stringify({
        headline: 'Over',
        language: 'en',
        image: { src: dataUri('image/png', bytes) },
        body: [{ type: 'paragraph', text: 'x' }],
      }),
      'application/json',
    );
    expect(res.status).toBe(422);
    const [error] = ((await res.json()) as Problem).errors ?? [];
    expect(error?.path).toBe('image.src');
    expect(error?.message).toMatch(message);
  });
});
