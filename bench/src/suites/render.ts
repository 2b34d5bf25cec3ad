import type { Article, Edition } from '@broadsheet/model';
import { renderEpub, renderPdf } from '@broadsheet/render';
import { alternate } from '../harness/alternate.js';
import { goalCell, type Goal } from '../harness/goal.js';
import { attempt, type Section } from '../harness/report.js';
import { formatMs, formatRatio, ratio } from '../harness/stats.js';
import type { Suite, SuiteContext } from '../harness/suite.js';
import { bareEpubGen } from '../content/epub-gen-baseline.js';
import { generatedEdition } from '../content/generate.js';
import { naivePdf } from '../content/pdfkit-baseline.js';

interface Case {
  label: string;
  input: Article | Edition;
  rounds: number;
}

function cases(ctx: SuiteContext): Case[] {
  const q = ctx.options.quick;
  return [
    { label: '1 article', input: ctx.template, rounds: q ? 5 : 15 },
    { label: '50-article edition', input: generatedEdition(ctx.template, 50), rounds: q ? 2 : 7 },
  ];
}

async function compare(
  ctx: SuiteContext,
  title: string,
  about: string,
  baseline: { label: string; run: (input: Article | Edition) => Promise<Buffer> },
  candidate: { label: string; run: (input: Article | Edition) => Promise<Buffer> },
  goals: (c: Case, candidateMs: number, r: number) => Goal | undefined,
): Promise<Section> {
  const rows: string[][] = [];
  const summary: string[] = [];
  let failed = false;
  for (const c of cases(ctx)) {
    ctx.log(`${title}: ${c.label}, ${c.rounds} rounds`);
    let baseBytes = 0;
    let candBytes = 0;
    const result = await alternate(
      {
        label: baseline.label,
        run: async () => void (baseBytes = (await baseline.run(c.input)).length),
      },
      {
        label: candidate.label,
        run: async () => void (candBytes = (await candidate.run(c.input)).length),
      },
      { rounds: c.rounds, warmup: 1 },
    );
    const r = ratio(result.candidate.median, result.baseline.median);
    const goal = goals(c, result.candidate.median, r);
    if (goal && !goal.met) failed = true;
    rows.push([
      c.label,
      `${formatMs(result.baseline.median)} (${(baseBytes / 1024).toFixed(0)} KiB)`,
      `${formatMs(result.candidate.median)} (${(candBytes / 1024).toFixed(0)} KiB)`,
      formatRatio(r),
      goalCell(goal),
    ]);
    summary.push(
      `${title}, ${c.label}: ${candidate.label} ${formatMs(result.candidate.median)} vs ${baseline.label} ${formatMs(result.baseline.median)} (${formatRatio(r)})`,
    );
  }
  return {
    title,
    about,
    headers: [
      'content',
      `${baseline.label} (median)`,
      `${candidate.label} (median)`,
      'ratio',
      'goal',
    ],
    rows,
    summary,
    failed,
    notes: [
      'In-process, after one unmeasured warm-up round (fonts and templates loaded once per process, as in the server).',
    ],
  };
}

export const renderSuite: Suite = {
  name: 'render',
  async run(ctx) {
    const epubTitle = 'renderEpub against bare epub-gen-memory';
    const pdfTitle = 'renderPdf against a naive pdfkit document';
    const epub = await attempt(
      epubTitle,
      async () => [
        await compare(
          ctx,
          epubTitle,
          'The same articles: bare epub-gen-memory with its default templates on plain HTML, against renderEpub (our templates, accessibility metadata, cover, navigation, deterministic zip).',
          { label: 'epub-gen-memory', run: bareEpubGen },
          { label: 'renderEpub', run: (i) => renderEpub(i) },
          (_c, _ms, r) => ({ text: 'at most 1.25×', met: r <= 1.25 }),
        ),
      ],
      ctx.log,
    );
    const pdf = await attempt(
      pdfTitle,
      async () => [
        await compare(
          ctx,
          pdfTitle,
          'The same articles: a naive pdfkit document with one embedded TTF parsed per document and pdfkit wrapping, against renderPdf (font stack with fallback, bidi, tagging, outline, running heads).',
          { label: 'naive pdfkit', run: naivePdf },
          { label: 'renderPdf', run: (i) => renderPdf(i) },
          (c, ms) =>
            c.label === '1 article'
              ? { text: 'under 15 ms', met: ms < 15 }
              : { text: 'under 250 ms', met: ms < 250 },
        ),
      ],
      ctx.log,
    );
    return [...epub, ...pdf];
  },
};
