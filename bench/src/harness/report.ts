import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** One table of the report: what was measured, how, and the figures. */
export interface Section {
  title: string;
  /** What the figures compare and how they were taken, in a sentence or two. */
  about: string;
  headers: readonly string[];
  rows: readonly (readonly string[])[];
  notes?: readonly string[];
  /** Lines for the stdout summary. */
  summary: readonly string[];
  /** Set when a stated goal was missed or a check failed (the run still finishes). */
  failed?: boolean;
}

export interface RunInfo {
  startedAt: Date;
  quick: boolean;
  /** The suites asked for with --only; empty for every suite. */
  only: readonly string[];
  node: string;
  durationMs: number;
}

function escapeCell(cell: string): string {
  return cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

export function renderMarkdown(info: RunInfo, sections: readonly Section[]): string {
  const cpu = cpus();
  const head = [
    '# Broadsheet benchmarks',
    '',
    `Run ${info.startedAt.toISOString()}${info.quick ? ' (quick: fewer rounds, shorter loads; indicative only)' : ''}, ` +
      `${(info.durationMs / 1000).toFixed(0)} s, Node ${info.node}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB.`,
    '',
    'Every comparison runs its baseline in the same run, alternating with the candidate over several rounds; ' +
      'figures are medians, and ratios are what to read on a shared or noisy machine.',
  ];
  const body = sections.flatMap((s) => [
    '',
    `## ${s.title}${s.failed ? ' (goal missed or check failed)' : ''}`,
    '',
    s.about,
    '',
    markdownTable(s.headers, s.rows),
    ...(s.notes && s.notes.length > 0 ? ['', ...s.notes.map((n) => `- ${n}`)] : []),
  ]);
  return [...head, ...body, ''].join('\n');
}

/**
 * Writes a dated copy of the report and, for a full run of every suite, results/latest.md
 * (latest-quick.md for a quick run); returns the paths written.
 */
export async function writeReport(
  dir: string,
  info: RunInfo,
  sections: readonly Section[],
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const text = renderMarkdown(info, sections);
  const stamp = info.startedAt
    .toISOString()
    .replace(/:\d\d\.\d+Z$/, 'Z')
    .replace(/:/g, '');
  // A quick run never replaces latest.md, which keeps the last full run's figures; nor does a
  // run of some suites (--only), whose dated copy is named after them.
  const suffix = info.quick ? '-quick' : '';
  const some = info.only.length > 0 ? `-${info.only.join('-')}` : '';
  const dated = join(dir, `${stamp}${some}${suffix}.md`);
  const paths = some ? [dated] : [join(dir, `latest${suffix}.md`), dated];
  for (const p of paths) await writeFile(p, text);
  return paths;
}

/** A section that records why a comparison produced no figures, so one failure loses only itself. */
export function failedSection(title: string, err: unknown): Section {
  const message = err instanceof Error ? err.message : String(err);
  return {
    title: `${title}: did not run to the end`,
    about: 'This comparison stopped with an error; no figures from it in this run.',
    headers: ['error'],
    rows: [[message.slice(0, 500)]],
    summary: [`${title}: FAILED: ${message.split('\n')[0] ?? ''}`],
    failed: true,
  };
}

/** Runs one comparison; an error becomes a failed section instead of ending the suite. */
export async function attempt(
  title: string,
  run: () => Promise<Section[]>,
  log: (line: string) => void,
): Promise<Section[]> {
  try {
    return await run();
  } catch (err) {
    log(`${title} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return [failedSection(title, err)];
  }
}
