import { join } from 'node:path';
import { z } from 'zod';
import { runChecked } from '../harness/child.js';
import { childScript } from '../harness/paths.js';
import type { Section } from '../harness/report.js';
import { formatMb, formatMs, median } from '../harness/stats.js';
import type { Suite } from '../harness/suite.js';

const ChildResult = z.object({ renderMs: z.number(), bytes: z.number() });

interface Point {
  format: 'epub' | 'pdf';
  count: number;
  renderMs: number;
  wallMs: number;
  peakRssMb: number;
  bytes: number;
}

const PDF_RSS_LIMIT_MB = 300;

/**
 * Time and peak RSS of one render in a fresh process, for editions of 1 to 1000 articles.
 * Small editions run several times (median); 1000 articles once per format, since it is the
 * expensive point and the machine is shared.
 */
export const scalingSuite: Suite = {
  name: 'scaling',
  async run(ctx) {
    const counts = ctx.options.quick ? [1, 10, 100] : [1, 10, 100, 1000];
    const points: Point[] = [];
    const errors: string[] = [];
    // Peak RSS of a process that only builds the edition: the input's share of each figure.
    const inputRss = new Map<number, number>();
    for (const count of counts) {
      try {
        const run = await runChecked(process.execPath, [
          childScript('render-edition.js'),
          'none',
          String(count),
          join(ctx.tmp, 'none.txt'),
        ]);
        inputRss.set(count, run.peakRssMb);
      } catch (err) {
        errors.push(
          `input only at ${count} articles: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      const repeats = count >= 1000 ? 1 : ctx.options.quick ? 1 : 3;
      for (const format of ['epub', 'pdf'] as const) {
        if (errors.some((e) => e.startsWith(format))) continue; // a format that failed stays failed
        const runs = [];
        try {
          for (let i = 0; i < repeats; i++) {
            ctx.log(`scaling: ${format} ${count} articles, run ${i + 1}/${repeats}`);
            const out = join(ctx.tmp, `scaling-${count}.${format}`);
            const run = await runChecked(
              process.execPath,
              [childScript('render-edition.js'), format, String(count), out],
              {
                timeoutMs: 900_000,
              },
            );
            const parsed = ChildResult.parse(
              JSON.parse(run.stdout.trim().split('\n').at(-1) ?? ''),
            );
            runs.push({ ...parsed, wallMs: run.wallMs, peakRssMb: run.peakRssMb });
          }
        } catch (err) {
          errors.push(
            `${format} at ${count} articles: ${(err instanceof Error ? err.message : String(err)).slice(0, 400)}`,
          );
          continue;
        }
        points.push({
          format,
          count,
          renderMs: median(runs.map((r) => r.renderMs)),
          wallMs: median(runs.map((r) => r.wallMs)),
          peakRssMb: median(runs.map((r) => r.peakRssMb)),
          bytes: median(runs.map((r) => r.bytes)),
        });
      }
    }

    const rows: string[][] = [];
    const summary: string[] = [];
    let failed = false as boolean;
    const notes: string[] = errors.map((e) => `**failed**: ${e}`);
    if (errors.length > 0) failed = true;
    for (const format of ['epub', 'pdf'] as const) {
      const series = points.filter((p) => p.format === format);
      for (const p of series) {
        const perArticle = p.renderMs / p.count;
        rows.push([
          format.toUpperCase(),
          String(p.count),
          formatMs(p.renderMs),
          formatMs(perArticle),
          formatMs(p.wallMs),
          formatMb(p.peakRssMb),
          inputRss.has(p.count) ? formatMb(inputRss.get(p.count) ?? 0) : '',
          `${(p.bytes / 1024 / 1024).toFixed(2)} MiB`,
        ]);
      }
      // Linear or better: per-article time at the largest size within 1.5× of that at 10 articles
      // (1 article is dominated by fixed costs, the cover and first font use).
      const ref = series.find((p) => p.count === 10);
      const last = series.at(-1);
      if (ref && last && last.count > ref.count) {
        const growth = last.renderMs / last.count / (ref.renderMs / ref.count);
        const ok = growth <= 1.5;
        if (!ok) failed = true;
        notes.push(
          `${format.toUpperCase()}: per-article time at ${last.count} articles is ${growth.toFixed(2)}× that at 10 (goal: no faster than linear, ≤ 1.5× allowing for noise): ${ok ? 'met' : '**missed**'}.`,
        );
        summary.push(
          `scaling ${format}: ${last.count} articles in ${formatMs(last.renderMs)}, peak RSS ${formatMb(last.peakRssMb)}, per-article growth ${growth.toFixed(2)}×`,
        );
      }
      if (format === 'pdf' && last && last.count >= 1000) {
        const ok = last.peakRssMb < PDF_RSS_LIMIT_MB;
        if (!ok) failed = true;
        notes.push(
          `PDF peak RSS at ${last.count} articles: ${formatMb(last.peakRssMb)} (goal: under ${PDF_RSS_LIMIT_MB} MB): ${ok ? 'met' : '**missed**'}.`,
        );
      }
    }
    notes.push(
      'EPUB is rendered to a Buffer then written; PDF through renderPdfToStream into a file. Peak RSS is the whole child process; "input only" is the same process (same modules imported) building the edition without rendering it (Node itself is about 40 MB).',
    );
    const section: Section = {
      title: 'Scaling: editions of 1 to 1000 articles',
      about:
        'One render per fresh Node process under GNU time; render time measured inside the process, wall time and peak RSS from outside.',
      headers: [
        'format',
        'articles',
        'render time',
        'per article',
        'process wall time',
        'peak RSS',
        'of which input only',
        'output',
      ],
      rows,
      notes,
      summary,
      failed,
    };
    return [section];
  },
};
