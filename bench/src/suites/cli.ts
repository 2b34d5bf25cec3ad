import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_FLAGS, chromiumPath } from '@broadsheet/testing/chromium-flags';
import { interleave, type Contender, type Sample } from '../harness/alternate.js';
import { runChecked } from '../harness/child.js';
import { goalCell, type Goal } from '../harness/goal.js';
import { attempt, type Section } from '../harness/report.js';
import { formatMb, formatMs, formatRatio, median, ratio } from '../harness/stats.js';
import type { Suite, SuiteContext } from '../harness/suite.js';
import { editionHtml } from '../content/html.js';
import { generatedEdition } from '../content/generate.js';

/** Bytes written at `path`: a file's size, or the total of the files in a directory. */
async function outputBytes(path: string): Promise<number> {
  const s = await stat(path);
  if (!s.isDirectory()) return s.size;
  let total = 0;
  for (const name of await readdir(path)) total += (await stat(join(path, name))).size;
  return total;
}

interface Measured {
  contender: Contender;
  rss: number[];
  /** CPU time (user + system) of each run, ms (the warm-up included, as for RSS). */
  cpu: number[];
}

/** A whole process as a contender: wall time measured from here, peak RSS recorded, output checked. */
function processContender(
  label: string,
  command: string,
  args: () => string[],
  output: string,
  cwd: string,
): Measured {
  const rss: number[] = [];
  const cpu: number[] = [];
  return {
    rss,
    cpu,
    contender: {
      label,
      async run() {
        await rm(output, { recursive: true, force: true });
        const run = await runChecked(command, args(), { cwd, timeoutMs: 300_000 });
        if ((await outputBytes(output)) === 0)
          throw new Error(`${label} wrote nothing to ${output}`);
        rss.push(run.peakRssMb);
        cpu.push(run.cpuMs);
        return run.wallMs;
      },
    },
  };
}

/** Median CPU time of a contender, ms. */
function cpuMedian(m: Measured): number {
  return median(m.cpu);
}

function table(results: Sample[], measured: Measured[], goals: (Goal | undefined)[]): string[][] {
  const ours = results[0] as Sample;
  const oursCpu = cpuMedian(measured[0] as Measured);
  return results.map((r, i) => {
    const m = measured[i] as Measured;
    return [
      r.label,
      formatMs(r.median),
      formatMb(median(m.rss)),
      i === 0 ? '1.00×' : formatRatio(ratio(r.median, ours.median)),
      formatMs(cpuMedian(m)),
      i === 0 ? '1.00×' : formatRatio(ratio(cpuMedian(m), oursCpu)),
      goalCell(goals[i]),
    ];
  });
}

export const cliSuite: Suite = {
  name: 'cli',
  async run(ctx: SuiteContext) {
    const dir = join(ctx.tmp, 'cli');
    await mkdir(dir, { recursive: true });
    const edition = generatedEdition(ctx.template, 50);
    const json = join(dir, 'edition.json');
    const html = join(dir, 'edition.html');
    await writeFile(json, JSON.stringify(edition));
    await writeFile(html, editionHtml(edition));
    const cli = join(ctx.root, 'apps/exporter/dist/main.js');
    const rounds = ctx.options.quick ? 2 : 5;
    const out = (name: string) => join(dir, name);
    const about =
      'Whole processes, start to exit, on the same 50 generated articles: our CLI reads the edition as JSON, the others read it as one HTML file (images left out for all). ' +
      `${rounds} rounds after one warm-up, order rotated each round. Ratio = their time / ours (above 1 means we are faster).`;
    const headers = [
      'program',
      'wall time (median)',
      'peak RSS',
      'their time / ours',
      'CPU time (median)',
      'their CPU / ours',
      'goal',
    ];
    const cpuNote =
      'CPU time is user + system of the process and the children it waited for (GNU time). On a machine busy with other work wall times stretch unevenly (a single-threaded Node process loses more than a multi-threaded program), so read the CPU ratio beside the wall ratio; the goals are stated on wall time.';

    const epubTitle = 'Command line, EPUB: broadsheet-export against pandoc (50-article edition)';
    const epub = await attempt(
      epubTitle,
      async () => {
        // The exporter names files from slugs; a fresh --out directory per run, checked non-empty.
        const ours = processContender(
          'broadsheet-export',
          process.execPath,
          () => [cli, json, '--out', out('ours-epub')],
          out('ours-epub'),
          dir,
        );
        const pandoc = processContender(
          'pandoc 2.17 (HTML → EPUB 3)',
          'pandoc',
          () => [html, '-f', 'html', '-t', 'epub3', '-o', out('pandoc.epub')],
          out('pandoc.epub'),
          dir,
        );
        ctx.log(`cli: EPUB, ${rounds} rounds`);
        const results = await interleave([ours.contender, pandoc.contender], { rounds, warmup: 1 });
        const [o, p] = results as [Sample, Sample];
        const goals: (Goal | undefined)[] = [
          undefined,
          { text: 'ours faster than pandoc', met: o.median < p.median },
        ];
        return [
          {
            title: epubTitle,
            about,
            headers,
            rows: table(results, [ours, pandoc], goals),
            notes: [cpuNote],
            summary: [
              `CLI EPUB: ours ${formatMs(o.median)} vs pandoc ${formatMs(p.median)} (${formatRatio(ratio(p.median, o.median))}); CPU ${formatRatio(ratio(cpuMedian(pandoc), cpuMedian(ours)))}`,
            ],
            failed: goals.some((g) => g && !g.met),
          } satisfies Section,
        ];
      },
      ctx.log,
    );

    const pdfTitle =
      'Command line, PDF: broadsheet-export against wkhtmltopdf and headless Chromium (50-article edition)';
    const pdf = await attempt(
      pdfTitle,
      async () => {
        const ours = processContender(
          'broadsheet-export --format pdf',
          process.execPath,
          () => [cli, json, '--format', 'pdf', '--out', out('ours-pdf')],
          out('ours-pdf'),
          dir,
        );
        const wk = processContender(
          'wkhtmltopdf',
          'wkhtmltopdf',
          () => ['-q', html, out('wk.pdf')],
          out('wk.pdf'),
          dir,
        );
        const chrome = processContender(
          'chromium --headless --print-to-pdf',
          chromiumPath(),
          () => [
            ...CHROMIUM_FLAGS,
            '--no-pdf-header-footer',
            `--user-data-dir=${out('chromium-profile')}`,
            `--print-to-pdf=${out('chromium.pdf')}`,
            pathToFileURL(html).href,
          ],
          out('chromium.pdf'),
          dir,
        );
        ctx.log(`cli: PDF, ${rounds} rounds`);
        const results = await interleave([ours.contender, wk.contender, chrome.contender], {
          rounds,
          warmup: 1,
        });
        const [o, w, c] = results as [Sample, Sample, Sample];
        const goals: (Goal | undefined)[] = [
          undefined,
          { text: 'ours faster than wkhtmltopdf', met: o.median < w.median },
          { text: 'ours at least 5× faster', met: o.median * 5 <= c.median },
        ];
        return [
          {
            title: pdfTitle,
            about,
            headers,
            rows: table(results, [ours, wk, chrome], goals),
            notes: [
              'Chromium is multi-process; its peak RSS is that of its largest process, so it understates the whole.',
              cpuNote,
            ],
            summary: [
              `CLI PDF: ours ${formatMs(o.median)} vs wkhtmltopdf ${formatMs(w.median)} (${formatRatio(ratio(w.median, o.median))}; CPU ${formatRatio(ratio(cpuMedian(wk), cpuMedian(ours)))}), chromium ${formatMs(c.median)} (${formatRatio(ratio(c.median, o.median))})`,
            ],
            failed: goals.some((g) => g && !g.met),
          } satisfies Section,
        ];
      },
      ctx.log,
    );
    return [...epub, ...pdf];
  },
};
