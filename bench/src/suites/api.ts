import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { alternate, interleave, type Sample } from '../harness/alternate.js';
import { ApiClient } from '../harness/api-client.js';
import { cannon, type CannonResult } from '../harness/cannon.js';
import { goalCell, type Goal } from '../harness/goal.js';
import { childScript } from '../harness/paths.js';
import type { Section } from '../harness/report.js';
import { startApi, startChildServer, type StartedServer } from '../harness/server.js';
import { formatCount, formatMs, formatRatio, ratio } from '../harness/stats.js';
import type { Suite, SuiteContext } from '../harness/suite.js';
import { generatedArticles } from '../content/generate.js';

const CONNECTIONS = 10;

/** Throws when a run saw anything but 2xx answers: a benchmark of failures measures nothing. */
function clean(result: CannonResult, what: string): CannonResult {
  if (result.errors > 0 || result.non2xx > 0 || result.timeouts > 0) {
    throw new Error(
      `${what}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`,
    );
  }
  if (result.requests.total === 0) throw new Error(`${what}: no requests completed`);
  return result;
}

async function throughput(url: string, seconds: number, what: string): Promise<number> {
  const r = clean(await cannon({ url, connections: CONNECTIONS, duration: seconds }), what);
  return r.requests.average;
}

/**
 * Four clients, each creating a new curated edition of 50 articles (so it is never cached)
 * and downloading it, over and over until told to stop: the render load of the latency test.
 */
function renderLoad(
  client: ApiClient,
  slugs: readonly string[],
  tag: string,
): { stop: () => Promise<number> } {
  let running = true;
  let renders = 0;
  const loops = [0, 1, 2, 3].map(async (k) => {
    for (let i = 0; running; i++) {
      const id = await client.createEdition(`Render load ${tag} ${k} ${i}`, '2018-05-02', slugs);
      await client.bytes(`/v1/editions/${encodeURIComponent(id)}.${k % 2 === 0 ? 'pdf' : 'epub'}`);
      renders++;
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return renders;
    },
  };
}

export const apiSuite: Suite = {
  name: 'api',
  async run(ctx: SuiteContext) {
    const quick = ctx.options.quick;
    const seconds = quick ? 2 : 5;
    const rounds = quick ? 1 : 3;
    const dir = join(ctx.tmp, 'api');
    await mkdir(join(dir, 'static'), { recursive: true });
    const servers: StartedServer[] = [];
    try {
      const api = await startApi(ctx.root, join(dir, 'data'));
      servers.push(api);
      const client = new ApiClient(api.url);
      const articles = generatedArticles(ctx.template, 50);
      ctx.log('api: creating 50 articles');
      const slugs: string[] = [];
      for (const a of articles) slugs.push(await client.createArticle(a));
      const slug = slugs[0] as string;

      // 1. JSON: the article route against a bare Express route sending the very same bytes.
      const json = await client.bytes(`/v1/articles/${slug}`);
      await writeFile(join(dir, 'article.json'), json.body);
      const bare = await startChildServer(childScript('bare-server.js'), [
        'bytes',
        join(dir, 'article.json'),
        json.headers.get('content-type') ?? 'application/json',
      ]);
      servers.push(bare);
      ctx.log(`api: GET article vs bare Express, ${rounds} rounds of ${seconds} s`);
      const get = await alternate(
        { label: 'bare Express', run: () => throughput(`${bare.url}/r`, seconds, 'bare Express') },
        {
          label: 'GET /v1/articles/{slug}',
          run: () => throughput(`${api.url}/v1/articles/${slug}`, seconds, 'GET article'),
        },
        { rounds, warmup: 0 },
      );

      // 2. A cached EPUB download against express.static serving the same file.
      const epub = await client.bytes(`/v1/articles/${slug}.epub`);
      await writeFile(join(dir, 'static', `${slug}.epub`), epub.body);
      const stat = await startChildServer(childScript('bare-server.js'), [
        'static',
        join(dir, 'static'),
      ]);
      servers.push(stat);
      ctx.log(`api: cached EPUB vs express.static, ${rounds} rounds of ${seconds} s`);
      const download = await alternate(
        {
          label: 'express.static',
          run: () => throughput(`${stat.url}/${slug}.epub`, seconds, 'express.static'),
        },
        {
          label: 'GET /v1/articles/{slug}.epub',
          run: () => throughput(`${api.url}/v1/articles/${slug}.epub`, seconds, 'cached EPUB'),
        },
        { rounds, warmup: 0 },
      );

      // 3. p99 of the article route, idle and while four edition renders run.
      ctx.log(`api: p99 idle vs under render load, ${rounds} rounds of ${seconds * 2} s`);
      let renders = 0;
      let round = 0;
      const p99 = async (loaded: boolean): Promise<number> => {
        const load = loaded ? renderLoad(client, slugs, `${round++}`) : undefined;
        try {
          const r = clean(
            await cannon({
              url: `${api.url}/v1/articles/${slug}`,
              connections: CONNECTIONS,
              duration: seconds * 2,
            }),
            loaded ? 'GET article under render load' : 'GET article idle',
          );
          return r.latency.p99;
        } finally {
          if (load) renders += await load.stop();
        }
      };
      const [idle, loaded] = (await interleave(
        [
          { label: 'idle', run: () => p99(false) },
          { label: 'four edition renders running', run: () => p99(true) },
        ],
        { rounds, warmup: 0 },
      )) as [Sample, Sample];

      const getRatio = ratio(get.candidate.median, get.baseline.median);
      const dlRatio = ratio(download.candidate.median, download.baseline.median);
      const latRatio = ratio(loaded.median, idle.median);
      const goals: Goal[] = [
        { text: 'at least 0.80×', met: getRatio >= 0.8 },
        { text: 'at least 0.70×', met: dlRatio >= 0.7 },
        { text: 'at most 3×', met: latRatio <= 3 },
      ];
      const section: Section = {
        title: 'API against bare Express',
        about: `autocannon on loopback, ${CONNECTIONS} connections, ${rounds} alternating rounds of ${seconds} s (latency rounds ${seconds * 2} s); the API runs as its own process with its production settings (logs to /dev/null), the baselines as separate Express 5 processes.`,
        headers: ['measure', 'baseline', 'Broadsheet', 'ratio', 'goal'],
        rows: [
          [
            'GET /v1/articles/{slug}, requests/s',
            `bare Express route, same bytes: ${formatCount(get.baseline.median)}`,
            formatCount(get.candidate.median),
            formatRatio(getRatio),
            goalCell(goals[0]),
          ],
          [
            'cached EPUB download, requests/s',
            `express.static, same file: ${formatCount(download.baseline.median)}`,
            formatCount(download.candidate.median),
            formatRatio(dlRatio),
            goalCell(goals[1]),
          ],
          [
            'GET /v1/articles/{slug}, p99 latency',
            `idle: ${formatMs(idle.median)}`,
            `four edition renders running: ${formatMs(loaded.median)}`,
            formatRatio(latRatio),
            goalCell(goals[2]),
          ],
        ],
        notes: [
          `${renders} uncached 50-article edition renders (EPUB and PDF) completed during the loaded rounds.`,
          `Article JSON is ${json.body.length} bytes; the EPUB is ${(epub.body.length / 1024).toFixed(0)} KiB.`,
        ],
        summary: [
          `API GET article: ${formatRatio(getRatio)} of bare Express; cached EPUB: ${formatRatio(dlRatio)} of express.static; p99 under render load ${formatRatio(latRatio)} idle`,
        ],
        failed: goals.some((g) => !g.met),
      };
      return [section];
    } finally {
      for (const s of servers.reverse()) await s.stop();
    }
  },
};
