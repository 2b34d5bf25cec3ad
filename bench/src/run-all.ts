// `npm run bench` (root) → here. Runs each suite, writes bench/results/latest.md plus a dated
// copy, prints a short summary. Exit 1 if a suite crashed or missed a stated goal.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseOptions } from './harness/options.js';
import { benchDir, repoRoot } from './harness/paths.js';
import { failedSection, writeReport, type Section } from './harness/report.js';
import type { Suite, SuiteContext } from './harness/suite.js';
import { templateArticle } from './content/template.js';
import { apiSuite } from './suites/api.js';
import { cliSuite } from './suites/cli.js';
import { feedsSuite } from './suites/feeds.js';
import { listsSuite } from './suites/lists.js';
import { loadSuite } from './suites/load.js';
import { picturesSuite } from './suites/pictures.js';
import { loadReplicasSuite } from './suites/load-replicas.js';
import { renderSuite } from './suites/render.js';
import { revalidateSuite } from './suites/revalidate.js';
import { scalingSuite } from './suites/scaling.js';
import { storesSuite } from './suites/stores.js';
import { typographySuite } from './suites/typography.js';

const SUITES: readonly Suite[] = [
  renderSuite,
  cliSuite,
  scalingSuite,
  apiSuite,
  listsSuite,
  revalidateSuite,
  loadSuite,
  storesSuite,
  picturesSuite,
  loadReplicasSuite,
  typographySuite,
  feedsSuite,
];

const options = parseOptions(process.argv.slice(2), process.env);
const unknown = options.only.filter((n) => !SUITES.some((s) => s.name === n));
if (unknown.length > 0) {
  process.stderr.write(
    `bench: unknown suite ${unknown.join(', ')}; suites: ${SUITES.map((s) => s.name).join(', ')}\n`,
  );
  process.exit(2);
}
const selected = SUITES.filter((s) => options.only.length === 0 || options.only.includes(s.name));

const startedAt = new Date();
const started = performance.now();
const tmp = await mkdtemp(join(tmpdir(), 'broadsheet-bench-'));
const ctx: SuiteContext = {
  options,
  template: templateArticle(),
  tmp,
  root: repoRoot(),
  log: (line) => process.stderr.write(`  … ${line}\n`),
};

const sections: Section[] = [];
let crashed = false;
try {
  for (const suite of selected) {
    process.stderr.write(`bench: ${suite.name}\n`);
    try {
      sections.push(...(await suite.run(ctx)));
    } catch (err) {
      crashed = true;
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(`bench: ${suite.name} failed: ${message}\n`);
      sections.push(failedSection(suite.name, err));
    }
  }
} finally {
  await rm(tmp, { recursive: true, force: true });
}

const paths = await writeReport(
  join(benchDir(), 'results'),
  {
    startedAt,
    quick: options.quick,
    only: options.only,
    node: process.version,
    durationMs: performance.now() - started,
  },
  sections,
);
process.stdout.write(
  `\n${sections.flatMap((s) => s.summary).join('\n')}\n\nwritten: ${paths.join(', ')}\n`,
);
const missed = sections.filter((s) => s.failed).map((s) => s.title);
if (missed.length > 0)
  process.stdout.write(`goals missed or checks failed in: ${missed.join('; ')}\n`);
process.exitCode = crashed || missed.length > 0 ? 1 : 0;
