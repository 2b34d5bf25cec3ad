import { join } from 'node:path';
import { interleave, type Sample } from '../harness/alternate.js';
import { ApiClient } from '../harness/api-client.js';
import { cannon, type CannonResult } from '../harness/cannon.js';
import { goalCell, type Goal } from '../harness/goal.js';
import type { Section } from '../harness/report.js';
import { startApi, type StartedServer } from '../harness/server.js';
import { formatCount, formatRatio, ratio } from '../harness/stats.js';
import type { Suite, SuiteContext } from '../harness/suite.js';
import { generatedArticles } from '../content/generate.js';

const CONNECTIONS = 10;
const ARTICLES = 200;

/**
 * Throws unless every answer had the expected status class: a run of 200s where 304s were
 * meant (or of errors) would measure something else.
 */
function only(result: CannonResult, status: '2xx' | '3xx', what: string): CannonResult {
  const total = result.requests.total;
  if (result.errors > 0 || result.timeouts > 0 || total === 0)
    throw new Error(
      `${what}: ${result.errors} errors, ${result.timeouts} timeouts, ${total} requests`,
    );
  // autocannon counts by class; every completed request must be in the expected one.
  const counted = result[status];
  if (counted < total - CONNECTIONS)
    throw new Error(`${what}: only ${counted} of ${total} answers were ${status}`);
  return result;
}

async function throughput(
  url: string,
  seconds: number,
  status: '2xx' | '3xx',
  what: string,
  headers: Record<string, string> = {},
): Promise<number> {
  const r = await cannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  return only(r, status, what).requests.average;
}

/**
 * What a catalog client that polls every minute costs: a feed reader or OPDS app whose copy is
 * current sends If-None-Match and gets a 304 built from the store's change stamp. The baseline
 * is the cheapest full answer the API gives, a cached EPUB download (a file sent from disk).
 */
export const revalidateSuite: Suite = {
  name: 'revalidate',
  async run(ctx: SuiteContext) {
    const quick = ctx.options.quick;
    const seconds = quick ? 2 : 5;
    const rounds = quick ? 1 : 3;
    const servers: StartedServer[] = [];
    try {
      const api = await startApi(ctx.root, join(ctx.tmp, 'revalidate', 'data'));
      servers.push(api);
      const client = new ApiClient(api.url);
      ctx.log(`revalidate: creating ${ARTICLES} articles`);
      const slugs: string[] = [];
      for (const a of generatedArticles(ctx.template, ARTICLES))
        slugs.push(await client.createArticle(a));
      const download = `${api.url}/v1/articles/${slugs[0]}.epub`;
      // Rendered once, so every later request is served from the render cache.
      await client.bytes(`/v1/articles/${slugs[0]}.epub`);

      const polled = ['/feed.atom', '/feed.rss', '/opds/articles', '/opds/v2/articles'];
      const etags = new Map<string, string>();
      for (const path of polled) {
        const res = await fetch(api.url + path);
        await res.arrayBuffer();
        const etag = res.headers.get('etag');
        if (res.status !== 200 || !etag) throw new Error(`${path}: ${res.status}, no ETag`);
        etags.set(path, etag);
      }

      ctx.log(`revalidate: 304 polls vs cached EPUB, ${rounds} rounds of ${seconds} s`);
      const samples = await interleave(
        [
          {
            label: 'cached EPUB',
            run: () => throughput(download, seconds, '2xx', 'cached EPUB'),
          },
          ...polled.map((path) => ({
            label: `${path} 304`,
            run: () =>
              throughput(api.url + path, seconds, '3xx', `${path} 304`, {
                'if-none-match': etags.get(path) ?? '',
              }),
          })),
          {
            label: '/opds/v2/articles 200',
            run: () => throughput(`${api.url}/opds/v2/articles`, seconds, '2xx', 'OPDS 2 200'),
          },
        ],
        // One unmeasured round: the first seconds of a fresh process (JIT, caches) are not the
        // steady state a polling client meets.
        { rounds, warmup: 1 },
      );
      const [baseline, ...rest] = samples as [Sample, ...Sample[]];
      const full = rest.pop() as Sample;
      const goals: Goal[] = rest.map((s) => ({
        text: 'at least 1×',
        met: ratio(s.median, baseline.median) >= 1,
      }));
      const section: Section = {
        title: 'Catalog and feed revalidation (304) against a cached download',
        about: `autocannon on loopback, ${CONNECTIONS} connections, ${rounds} interleaved rounds of ${seconds} s; ${ARTICLES} articles stored (SQLite); each poll sends the ETag its first GET received. The API runs as its own process with its production settings.`,
        headers: ['measure', 'baseline', 'Broadsheet', 'ratio', 'goal'],
        rows: [
          ...rest.map((s, i) => [
            `GET ${polled[i]} with If-None-Match (304), requests/s`,
            `cached EPUB download: ${formatCount(baseline.median)}`,
            formatCount(s.median),
            formatRatio(ratio(s.median, baseline.median)),
            goalCell(goals[i]),
          ]),
          [
            'GET /opds/v2/articles built in full (200), requests/s',
            `cached EPUB download: ${formatCount(baseline.median)}`,
            formatCount(full.median),
            formatRatio(ratio(full.median, baseline.median)),
            'for reference: what a poll cost before validators',
          ],
        ],
        notes: [
          'A 304 reads one row (the store change stamp), hashes the URL with it and sends headers only; the full answer lists, serialises and sends 25 publications.',
        ],
        summary: [
          `304 polls: ${rest.map((s, i) => `${polled[i]} ${formatRatio(ratio(s.median, baseline.median))}`).join(', ')} of a cached EPUB download; a full OPDS 2 page ${formatRatio(ratio(full.median, baseline.median))}`,
        ],
        failed: goals.some((g) => !g.met),
      };
      return [section];
    } finally {
      for (const s of servers.reverse()) await s.stop();
    }
  },
};
