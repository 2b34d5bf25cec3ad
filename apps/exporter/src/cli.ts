import path from 'node:path';
import { ValidationError } from '@broadsheet/model';
import type { CliFs } from './cli-fs.js';
import { displaySafe, formatInputError } from './display.js';
import { embedWebImages } from './embed-images.js';
import { InputError } from './errors.js';
import { planJobs, type RenderJob } from './jobs.js';
import { parseArgs, type ExportOptions, type Format } from './options.js';
import { startProgress, type ProgressStream } from './progress.js';
import { readInput, STDIN_LABEL, type LoadedInput } from './read-input.js';
import { readUrl } from './read-url.js';
import { loadEpubRenderer, loadPdfRenderer, type PdfOptions } from './renderers.js';
import { writeFileAtomic, writeStreamAtomic } from './write-atomic.js';

/** Everything the command touches outside itself, injected so tests run it in-process. */
export interface CliIo {
  readonly cwd: string;
  readonly stdout: ProgressStream;
  readonly stderr: ProgressStream;
  readonly readStdin: () => Promise<Uint8Array>;
  /** Today's date as YYYY-MM-DD: the date of an edition whose articles carry none. */
  readonly today: () => string;
  readonly fs: CliFs;
  readonly version: string;
  /** Temporary files being written, for removal if the process is interrupted. */
  readonly pendingTemp?: Set<string>;
  /** Print stack traces of internal failures. */
  readonly debug?: boolean;
}

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

const BUNDLED_LABEL = '(bundled default article)';

class Outcome {
  badInput = false;
  internal = false;
  get exitCode(): number {
    if (this.internal) return EXIT_INTERNAL;
    return this.badInput ? EXIT_BAD_INPUT : EXIT_OK;
  }
}

function reportFailure(
  io: CliIo,
  outcome: Outcome,
  label: string,
  error: unknown,
  writing?: string,
): void {
  if (error instanceof InputError || error instanceof ValidationError) {
    const input = error instanceof InputError ? error : new InputError(label, error.issues);
    outcome.badInput = true;
    io.stderr.write(formatInputError(input).join('\n') + '\n');
    return;
  }
  outcome.internal = true;
  const detail =
    error instanceof Error
      ? io.debug === true
        ? (error.stack ?? error.message)
        : error.message
      : String(error);
  const where = writing === undefined ? '' : ` while writing ${writing}`;
  const safe = detail.split('\n').map(displaySafe).join('\n');
  io.stderr.write(`${displaySafe(label)}: internal error${displaySafe(where)}: ${safe}\n`);
}

async function loadBundled(cwd: string): Promise<LoadedInput> {
  // Loaded only when needed: the seed is read from disk and imported on first use.
  const { defaultArticle } = await import('@broadsheet/content');
  return {
    label: BUNDLED_LABEL,
    baseDir: cwd,
    document: { kind: 'articles', articles: [defaultArticle()] },
  };
}

async function loadInputs(
  options: ExportOptions,
  io: CliIo,
  outcome: Outcome,
): Promise<{ inputs: LoadedInput[]; bundled: Set<LoadedInput> }> {
  if (options.inputs.length === 0 && options.urls.length === 0) {
    const bundled = await loadBundled(io.cwd);
    return { inputs: [bundled], bundled: new Set([bundled]) };
  }
  const sources = {
    cwd: io.cwd,
    readFile: (file: string) => io.fs.readFile(file),
    readStdin: io.readStdin,
    timeoutMs: options.timeoutMs,
  };
  const reads = [
    ...options.inputs.map((spec) => ({
      label: spec === '-' ? STDIN_LABEL : spec,
      shown: path.basename(spec),
      read: () => readInput(spec, sources),
    })),
    ...options.urls.map((url) => ({ label: url, shown: url, read: () => readUrl(url, sources) })),
  ];
  const warn = (line: string) => io.stderr.write(`warning: ${displaySafe(line)}\n`);
  const progress = await startProgress(io.stderr, reads.length, 'reading');
  const inputs: LoadedInput[] = [];
  for (const { label, shown, read } of reads) {
    try {
      const input = await read();
      inputs.push(
        options.fetchImages
          ? await embedWebImages(input, { timeoutMs: options.timeoutMs, warn })
          : input,
      );
    } catch (error) {
      reportFailure(io, outcome, label, error);
    }
    progress.tick(shown);
  }
  progress.stop();
  return { inputs, bundled: new Set() };
}

async function writeOne(
  job: RenderJob,
  format: Format,
  target: string,
  options: ExportOptions,
  io: CliIo,
) {
  if (format === 'epub') {
    const renderEpub = await loadEpubRenderer();
    const bytes = await renderEpub(
      job.document,
      job.imageBaseDir !== undefined ? { imageBaseDir: job.imageBaseDir } : {},
    );
    await writeFileAtomic(io.fs, target, bytes, io.pendingTemp);
    return;
  }
  const renderPdfToStream = await loadPdfRenderer();
  const pdfOptions: PdfOptions = {
    ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
    ...(options.pdfa ? { pdfa: true } : {}),
    ...(job.imageBaseDir !== undefined ? { imageBaseDir: job.imageBaseDir } : {}),
  };
  await writeStreamAtomic(
    io.fs,
    target,
    (out) => renderPdfToStream(job.document, out, pdfOptions),
    io.pendingTemp,
  );
}

async function prepareOutDir(dir: string, io: CliIo): Promise<void> {
  try {
    await io.fs.mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new InputError('--out', [
        { path: '', message: `${dir} exists and is not a directory` },
      ]);
    }
    throw error;
  }
}

/**
 * The whole command: parse `argv` (without the program name), read and validate every
 * input, then render and write each file. Returns the exit code. Bad input in one file is
 * reported and skipped; the others are still written.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = await parseArgs(argv, io.version, io);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { options } = parsed;
  const outcome = new Outcome();
  try {
    const { inputs, bundled } = await loadInputs(options, io, outcome);
    if (inputs.length === 0) return outcome.exitCode;
    if (options.edition !== undefined && outcome.badInput) {
      // An edition missing some of what was asked for is a different edition: write none.
      io.stderr.write(`--edition: not written, because of the errors above\n`);
      return outcome.exitCode;
    }
    let jobs: RenderJob[];
    try {
      jobs = planJobs(inputs, options.edition, io.today(), bundled);
    } catch (error) {
      reportFailure(io, outcome, '--edition', error);
      return outcome.exitCode;
    }
    const outDir = path.resolve(io.cwd, options.out);
    await prepareOutDir(outDir, io);
    const progress = await startProgress(
      io.stderr,
      jobs.length * options.formats.length,
      'writing',
    );
    // Printed after the bar is gone: a line on stdout mid-bar would tear the terminal line.
    const written: string[] = [];
    try {
      for (const job of jobs) {
        for (const format of options.formats) {
          const file = `${job.name}.${format}`;
          const shown = path.join(options.out, file);
          try {
            await writeOne(job, format, path.join(outDir, file), options, io);
            written.push(shown);
          } catch (error) {
            reportFailure(io, outcome, job.label, error, shown);
          }
          progress.tick(file);
        }
      }
    } finally {
      progress.stop();
      if (written.length > 0) io.stdout.write(written.join('\n') + '\n');
    }
  } catch (error) {
    reportFailure(
      io,
      outcome,
      error instanceof InputError ? error.label : 'broadsheet-export',
      error,
    );
  }
  return outcome.exitCode;
}
