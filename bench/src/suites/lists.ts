import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArticle, type Article } from '@broadsheet/model';
import { createTestDatabase, probePostgres, type TestDatabase } from '@broadsheet/testing';
import { interleave, type Contender } from '../harness/alternate.js';
import { ApiClient } from '../harness/api-client.js';
import type { Section } from '../harness/report.js';
import { startApi, type StartedServer } from '../harness/server.js';
import { formatMs, formatRatio, percentile, ratio } from '../harness/stats.js';
import type { Suite, SuiteContext } from '../harness/suite.js';
import { pick, prng } from '../content/prng.js';

const ARTICLES = 10_000;
const TAGS = ['Weather', 'Markets', 'Cricket', 'Elections', 'Health', 'Energy', 'Rivers', 'Trade'];
const AUTHORS = ['Jane Doe', 'Ali Khan', 'Maria Rossi', 'Chen Wei', 'Olga Petrova', 'Sam Okafor'];
const SECTIONS = ['World', 'Business', 'Sport', 'Science', 'Opinion'];
const LANGUAGES = ['en', 'en-GB', 'fr', 'ur', 'ru'];
const WORDS = ['river', 'market', 'thaw', 'budget', 'vote', 'storm', 'harvest', 'court', 'port'];

/** 10,000 small articles over one year, with tags, authors, sections and languages drawn evenly. */
function newsroom(): Article[] {
  const random = prng(16);
  return Array.from({ length: ARTICLES }, (_, i) => {
    const day = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 365) * 86_400_000);
    const words = Array.from({ length: 30 }, () => pick(random, WORDS)).join(' ');
    return parseArticle({
      headline: `Story ${i}: the ${pick(random, WORDS)} and the ${pick(random, WORDS)}`,
      slug: `story-${i}`,
      language: pick(random, LANGUAGES),
      publishedAt: `${day.toISOString().slice(0, 10)}T${String(i % 24).padStart(2, '0')}:00:00Z`,
      section: pick(random, SECTIONS),
      tags: [pick(random, TAGS), pick(random, TAGS)],
      authors: [{ name: pick(random, AUTHORS) }],
      body: [{ type: 'paragraph', text: `${words}.` }],
    });
  });
}

/** The filtered lists measured: each combines several filters, as a client's facet browser does. */
const QUERIES: readonly [string, string][] = [
  ['tag + language range', '/v1/articles?tag=weather&language=en&limit=20'],
  ['author + date range', '/v1/articles?author=jane%20doe&from=2025-03-01&to=2025-06-30&limit=20'],
  ['section + tag + author', '/v1/articles?section=sport&tag=markets&author=ali%20khan&limit=20'],
  ['q + section', '/v1/articles?q=river&section=science&limit=20'],
  ['tags facet', '/v1/tags?limit=20'],
];

async function load(url: string, articles: readonly Article[]): Promise<void> {
  const client = new ApiClient(url);
  let next = 0;
  // Eight writers at once: the store's write path is what limits this, not the client.
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < articles.length) {
        const article = articles[next++];
        if (article) await client.createArticle(article);
      }
    }),
  );
}

/** One request, timed; anything but 200 with a `total` stops the run. */
async function timed(url: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(url);
  const body = (await res.json()) as { total?: unknown };
  const ms = performance.now() - start;
  if (res.status !== 200 || typeof body.total !== 'number')
    throw new Error(`${url}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return ms;
}

export const listsSuite: Suite = {
  name: 'lists',
  async run(ctx: SuiteContext): Promise<Section[]> {
    const postgres = await probePostgres();
    const articles = newsroom();
    const rounds = ctx.options.quick ? 60 : 400;
    const servers: StartedServer[] = [];
    let database: TestDatabase | undefined;
    try {
      const dir = join(ctx.tmp, 'lists-sqlite');
      await mkdir(dir, { recursive: true });
      const sqlite = await startApi(ctx.root, dir);
      servers.push(sqlite);
      let pg: StartedServer | undefined;
      if (postgres.available) {
        database = await createTestDatabase('bs_bench');
        const pgDir = join(ctx.tmp, 'lists-postgres');
        await mkdir(pgDir, { recursive: true });
        pg = await startApi(ctx.root, pgDir, { BROADSHEET_DATABASE_URL: database.url });
        servers.push(pg);
      }
      for (const server of servers) {
        const started = performance.now();
        await load(server.url, articles);
        ctx.log(`lists: ${ARTICLES} articles stored in ${formatMs(performance.now() - started)}`);
      }
      const rows: string[][] = [];
      const summary: string[] = [];
      for (const [name, path] of QUERIES) {
        const contenders: Contender[] = [
          { label: 'sqlite', run: () => timed(`${sqlite.url}${path}`) },
        ];
        if (pg) {
          const pgUrl = pg.url;
          contenders.push({ label: 'postgres', run: () => timed(`${pgUrl}${path}`) });
        }
        const [s, p] = await interleave(contenders, { rounds, warmup: 5 });
        if (!s) throw new Error('no SQLite sample');
        const cells = [name, path, formatMs(s.median), formatMs(percentile(s.samples, 99))];
        if (p) {
          cells.push(
            formatMs(p.median),
            formatMs(percentile(p.samples, 99)),
            formatRatio(ratio(p.median, s.median)),
          );
        } else cells.push('—', '—', '—');
        rows.push(cells);
        summary.push(
          `lists ${name}: SQLite p50 ${cells[2]} p99 ${cells[3]}; PostgreSQL p50 ${cells[4]} p99 ${cells[5]} (${cells[6]})`,
        );
      }
      return [
        {
          title: `Filtered lists over ${ARTICLES.toLocaleString('en-US')} articles`,
          about: `One client, one request at a time, against the built server (\`apps/api/dist/main.js\`) on SQLite and on PostgreSQL (a fresh database on the local cluster), both loaded with the same ${ARTICLES.toLocaleString('en-US')} generated articles (8 tags, 6 authors, 5 sections, 5 languages over a year). The two servers alternate request by request for ${rounds} rounds after 5 warm-up rounds; each answer is checked (200 with a total). Latency is the whole HTTP round trip on 127.0.0.1.`,
          headers: [
            'query',
            'request',
            'SQLite p50',
            'SQLite p99',
            'PostgreSQL p50',
            'PostgreSQL p99',
            'p50 PostgreSQL / SQLite',
          ],
          rows,
          notes: postgres.available
            ? ['No goal is stated: these figures are the baseline later changes are compared with.']
            : [`PostgreSQL not measured: ${postgres.reason}.`],
          summary,
        },
      ];
    } finally {
      for (const server of servers) await server.stop();
      await database?.drop();
    }
  },
};
