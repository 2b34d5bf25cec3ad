import { join } from 'node:path';
import type { Article } from '@broadsheet/model';
import { ApiClient } from '../harness/api-client.js';
import { cannon, type CannonResult } from '../harness/cannon.js';
import type { Section } from '../harness/report.js';
import { startApi } from '../harness/server.js';
import { formatCount, formatMs } from '../harness/stats.js';
import type { Suite, SuiteContext } from '../harness/suite.js';
import { generatedArticle, generatedArticles } from '../content/generate.js';

type Kind = 'list' | 'get' | 'search' | 'epub' | 'pdf';

/** The read mix, in the proportions a reader-facing deployment sees (deterministic cycle). */
const CYCLE: readonly Kind[] = [
  'get',
  'list',
  'get',
  'search',
  'get',
  'epub',
  'list',
  'get',
  'search',
  'pdf',
];

export interface Tally {
  ok: Map<string, number>;
  bad: Map<string, number>;
  examples: string[];
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function record(t: Tally, kind: string, problem: string | undefined): void {
  if (problem === undefined) {
    bump(t.ok, kind);
    return;
  }
  bump(t.bad, `${kind}: ${problem.split(':')[0] ?? problem}`);
  if (t.examples.length < 5) t.examples.push(`${kind}: ${problem}`);
}

function header(headers: Record<string, unknown>, name: string): string {
  for (const [k, v] of Object.entries(headers))
    if (k.toLowerCase() === name) return Array.isArray(v) ? String(v[0]) : String(v);
  return '';
}

/** Undefined when the answer is what a client of this route must get; else why not. */
function check(
  kind: Kind,
  slug: string,
  status: number,
  body: string,
  headers: Record<string, unknown>,
): string | undefined {
  if (status !== 200) return `status ${status}: ${body.slice(0, 200)}`;
  const type = header(headers, 'content-type');
  switch (kind) {
    case 'epub':
      if (!type.startsWith('application/epub+zip')) return `content-type ${type}`;
      return body.startsWith('PK') ? undefined : 'not a zip';
    case 'pdf':
      if (!type.startsWith('application/pdf')) return `content-type ${type}`;
      return body.startsWith('%PDF-') ? undefined : 'not a PDF';
    default: {
      if (!type.includes('json')) return `content-type ${type}`;
      let doc: unknown;
      try {
        doc = JSON.parse(body);
      } catch {
        return 'malformed JSON';
      }
      if (typeof doc !== 'object' || doc === null) return 'JSON is not an object';
      if (kind === 'get')
        return (doc as { slug?: unknown }).slug === slug ? undefined : 'wrong article';
      const items = (doc as { items?: unknown }).items;
      return Array.isArray(items) ? undefined : 'list without items';
    }
  }
}

/** What one run of the mix measured. */
export interface MixOutcome {
  result: CannonResult;
  tally: Tally;
  written: number;
  rendered: number;
  healthStatus: number;
  /** Connection errors plus timeouts. */
  errors: number;
  /** Answers whose status, media type, JSON shape or signature was wrong (writer and renderers included). */
  unexpected: number;
}

/** The mix's description, shared by every section that reports it. */
export const MIX_ABOUT =
  'article gets, lists, full-text searches and cached EPUB/PDF downloads in a fixed cycle; meanwhile one writer creates articles one after another and two clients create and download new (uncached) 20-article editions. Every answer is checked: status, media type, JSON shape or file signature.';

/**
 * The mixed load against the API at `url` (one process, or nginx in front of several): seeds
 * 30 articles, warms five downloads, then `seconds` of autocannon at `connections` plus one
 * writer and two edition renderers.
 */
export async function runMix(
  ctx: SuiteContext,
  url: string,
  seconds: number,
  connections: number,
  label: string,
): Promise<MixOutcome> {
  // Cleared when the load ends or fails, so the writer and renderer loops always stop.
  let running = true;
  try {
    const client = new ApiClient(url);
    const articles: Article[] = generatedArticles(ctx.template, 30);
    ctx.log(`${label}: creating 30 articles and warming the download cache`);
    for (const a of articles) await client.createArticle(a);
    const slugs = articles.map((a) => a.slug);
    const words = ['Pakistan', 'Russia', 'strategic', 'relations', 'security', 'partnership'];
    for (const s of slugs.slice(0, 5)) {
      await client.bytes(`/v1/articles/${s}.epub`);
      await client.bytes(`/v1/articles/${s}.pdf`);
    }

    const tally: Tally = { ok: new Map(), bad: new Map(), examples: [] };
    let counter = 0;
    const writer = (async () => {
      let written = 0;
      for (let i = 0; running; i++) {
        try {
          await client.createArticle(generatedArticle(ctx.template, 10_000 + i));
          record(tally, 'create (writer)', undefined);
          written++;
        } catch (err) {
          record(tally, 'create (writer)', err instanceof Error ? err.message : String(err));
        }
      }
      return written;
    })();
    const renderers = [0, 1].map(async (k) => {
      let done = 0;
      for (let i = 0; running; i++) {
        try {
          const id = await client.createEdition(
            `Load edition ${k} ${i}`,
            '2018-05-02',
            slugs.slice(0, 20),
          );
          await client.bytes(`/v1/editions/${encodeURIComponent(id)}.${k === 0 ? 'pdf' : 'epub'}`);
          record(tally, 'uncached edition render', undefined);
          done++;
        } catch (err) {
          record(
            tally,
            'uncached edition render',
            err instanceof Error ? err.message : String(err),
          );
        }
      }
      return done;
    });

    ctx.log(
      `${label}: ${seconds} s at ${connections} connections, plus one writer and two edition renderers`,
    );
    const result = await cannon({
      url,
      connections,
      duration: seconds,
      timeout: 30,
      requests: [
        {
          setupRequest: (req, context) => {
            const n = counter++;
            const kind = CYCLE[n % CYCLE.length] as Kind;
            const slug =
              kind === 'epub' || kind === 'pdf'
                ? (slugs[n % 5] as string)
                : (slugs[n % slugs.length] as string);
            Object.assign(context, { kind, slug });
            const path =
              kind === 'list'
                ? `/v1/articles?limit=20`
                : kind === 'search'
                  ? `/v1/articles?q=${encodeURIComponent(words[n % words.length] as string)}&limit=10`
                  : kind === 'get'
                    ? `/v1/articles/${slug}`
                    : `/v1/articles/${slug}.${kind}`;
            return { ...req, method: 'GET', path };
          },
          onResponse: (status, body, context, headers) => {
            const { kind, slug } = context as { kind: Kind; slug: string };
            record(tally, kind, check(kind, slug, status, body, headers ?? {}));
          },
        },
      ],
    });
    running = false;
    const written = await writer;
    const rendered = (await Promise.all(renderers)).reduce((a, b) => a + b, 0);
    const health = await fetch(`${url}/health`);
    await health.arrayBuffer();
    return {
      result,
      tally,
      written,
      rendered,
      healthStatus: health.status,
      errors: result.errors + result.timeouts,
      unexpected: [...tally.bad.values()].reduce((a, b) => a + b, 0),
    };
  } finally {
    running = false;
  }
}

/** True when the run had an error, a wrong answer or an unhealthy server afterwards. */
export function mixFailed(m: MixOutcome): boolean {
  return m.errors > 0 || m.unexpected > 0 || m.healthStatus !== 200;
}

/** Per-kind counts of checked answers, and notes naming every unexpected answer. */
export function mixDetails(m: MixOutcome): { kinds: string[]; notes: string[] } {
  const kinds = [
    ...new Set([
      ...m.tally.ok.keys(),
      ...[...m.tally.bad.keys()].map((k) => k.split(':')[0] as string),
    ]),
  ];
  return {
    kinds,
    notes: [
      ...[...m.tally.bad.entries()].map(([k, n]) => `unexpected: ${k} × ${n}`),
      ...m.tally.examples.map((e) => `example: ${e.slice(0, 300)}`),
    ],
  };
}

export const loadSuite: Suite = {
  name: 'load',
  async run(ctx: SuiteContext) {
    const quick = ctx.options.quick;
    const seconds = quick ? 5 : 60;
    const connections = quick ? 20 : 100;
    const api = await startApi(ctx.root, join(ctx.tmp, 'load-data'));
    try {
      const m = await runMix(ctx, api.url, seconds, connections, 'load');
      const { result, written, rendered, errors, unexpected } = m;
      const { kinds, notes } = mixDetails(m);
      return [
        {
          title: `Load: ${seconds} s at ${connections} connections, mixed traffic`,
          about: `autocannon on loopback against the API process: ${MIX_ABOUT}`,
          headers: ['measure', 'value'],
          rows: [
            ['requests (autocannon)', formatCount(result.requests.total)],
            ['requests/s (mean)', formatCount(result.requests.average)],
            ['latency p50', formatMs(result.latency.p50)],
            ['latency p99', formatMs(result.latency.p99)],
            ['latency max', formatMs(result.latency.max)],
            ['connection errors + timeouts', String(errors)],
            ['unexpected or malformed answers', String(unexpected)],
            ['articles created by the writer', formatCount(written)],
            ['uncached edition renders', formatCount(rendered)],
            ['/health afterwards', String(m.healthStatus)],
            ...kinds.map((k) => [`answers checked: ${k}`, formatCount(m.tally.ok.get(k) ?? 0)]),
          ],
          notes,
          summary: [
            `load ${seconds} s × ${connections} conns: ${formatCount(result.requests.total)} requests, p50 ${formatMs(result.latency.p50)}, p99 ${formatMs(result.latency.p99)}, ${errors} errors, ${unexpected} unexpected answers, ${written} writes, ${rendered} renders`,
          ],
          failed: mixFailed(m),
        } satisfies Section,
      ];
    } finally {
      await api.stop();
    }
  },
};
