import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { interleave, type Contender, type Sample } from '../harness/alternate.js';
import { runChecked } from '../harness/child.js';
import { goalCell, type Goal } from '../harness/goal.js';
import type { Section } from '../harness/report.js';
import { formatMb, formatMs, formatRatio, median, ratio } from '../harness/stats.js';
import type { Suite, SuiteContext } from '../harness/suite.js';
import { editionHtml } from '../content/html.js';
import { generatedEdition } from '../content/generate.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-pdf-header-footer',
];

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
}

/** A whole process as a contender: wall time measured from here, peak RSS recorded, output checked. */
function processContender(label: string, command: string, args: () => string[], output: string, cwd: string): Measured {
  const rss: number[] = [];
  return {
    rss,
    contender: {
      label,
      async run() {
        await rm(output, { recursive: true, force: true });
        const run = await runChecked(command, args(), { cwd, timeoutMs: 300_000 });
        if ((await outputBytes(output)) === 0) throw new Error(`${label} wrote nothing to ${output}`);
        rss.push(run.peakRssMb);
        return run.wallMs;
      },
    },
  };
}

function table(
  results: Sample[],
  measured: Measured[],
  goals: (Goal | undefined)[],
): string[][] {
  const ours = results[0] as Sample;
  return results.map((r, i) => [
    r.label,
    formatMs(r.median),
    formatMb(median((measured[i] as Measured).rss)),
    i === 0 ? '1.00×' : formatRatio(ratio(r.median, ours.median)),
    goalCell(goals[i]),
  ]);
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
    // The exporter names files from slugs; a fresh --out directory per run, checked non-empty.
    const ourEpub = processContender('broadsheet-export (EPUB)', process.execPath, () => [cli, json, '--out', out('ours-epub')], out('ours-epub'), dir);
    const pandoc = processContender('pandoc 2.17 (EPUB 3)', 'pandoc', () => [html, '-f', 'html', '-t', 'epub3', '-o', out('pandoc.epub')], out('pandoc.epub'), dir);
    ctx.log(`cli: EPUB, ${rounds} rounds`);
    const epubResults = await interleave([ourEpub.contender, pandoc.contender], { rounds, warmup: 1 });

    const ourPdf = processContender('broadsheet-export --format pdf', process.execPath, () => [cli, json, '--format', 'pdf', '--out', out('ours-pdf')], out('ours-pdf'), dir);
    const wk = processContender('wkhtmltopdf', 'wkhtmltopdf', () => ['-q', html, out('wk.pdf')], out('wk.pdf'), dir);
    const chrome = processContender(
      'chromium --print-to-pdf',
      CHROMIUM,
      () => [...CHROMIUM_FLAGS, `--user-data-dir=${out('chromium-profile')}`, `--print-to-pdf=${out('chromium.pdf')}`, pathToFileURL(html).href],
      out('chromium.pdf'),
      dir,
    );
    ctx.log(`cli: PDF, ${rounds} rounds`);
    const pdfResults = await interleave([ourPdf.contender, wk.contender, chrome.contender], { rounds, warmup: 1 });

    const [ours, pan] = epubResults as [Sample, Sample];
    const [oursPdf, wkS, chS] = pdfResults as [Sample, Sample, Sample];
    const epubGoals: (Goal | undefined)[] = [undefined, { text: 'ours faster than pandoc', met: ours.median < pan.median }];
    const pdfGoals: (Goal | undefined)[] = [
      undefined,
      { text: 'ours faster than wkhtmltopdf', met: oursPdf.median < wkS.median },
      { text: 'ours at least 5× faster', met: oursPdf.median * 5 <= chS.median },
    ];
    const failed = [...epubGoals, ...pdfGoals].some((g) => g && !g.met);
    return [
      {
        title: 'Command line against pandoc, wkhtmltopdf and Chromium (50-article edition)',
        about:
          'Whole processes, start to exit, on the same 50 generated articles: our CLI reads the edition as JSON, the others read it as one HTML file (images left out for all). Ratio = their time / ours (above 1 means we are faster).',
        headers: ['program', 'wall time (median)', 'peak RSS', 'their time / ours', 'goal'],
        rows: [...table(epubResults, [ourEpub, pandoc], epubGoals), ...table(pdfResults, [ourPdf, wk, chrome], pdfGoals)],
        notes: [
          'Chromium is multi-process; its peak RSS is that of its largest process, so it understates the whole.',
          `${rounds} rounds after one warm-up, order rotated each round.`,
        ],
        summary: [
          `CLI EPUB: ours ${formatMs(ours.median)} vs pandoc ${formatMs(pan.median)} (${formatRatio(ratio(pan.median, ours.median))} faster)`,
          `CLI PDF: ours ${formatMs(oursPdf.median)} vs wkhtmltopdf ${formatMs(wkS.median)} (${formatRatio(ratio(wkS.median, oursPdf.median))}), chromium ${formatMs(chS.median)} (${formatRatio(ratio(chS.median, oursPdf.median))})`,
        ],
        failed,
      } satisfies Section,
    ];
  },
};
