import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { ValidationError } from '@broadsheet/model';
import type { CliFs } from './cli-fs.js';
import { displaySafe, formatInputError } from './display.js';
import { embedWebImages } from './embed-images.js';
import { InputError } from './errors.js';
import { planJobs, type RenderJob } from './jobs.js';
import { applyMetadataToAll } from './metadata.js';
import { EXTENSIONS, isWebPage, parseArgs, type ExportOptions, type Format } from './options.js';
import { processPictures } from './process-pictures.js';
import { startProgress, type ProgressStream } from './progress.js';
import { readInput, STDIN_LABEL, type LoadedInput } from './read-input.js';
import { readUrl } from './read-url.js';
import { loadEpubModule, loadPdfRenderer, type EpubOptions, type PdfOptions } from './renderers.js';
import { versionText } from './versions.js';
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
  /** The clock `--since` counts back from (default: the system clock). */
  readonly now?: () => Date;
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
  if (options.inputs.length === 0 && options.urls.length === 0 && options.feeds.length === 0) {
    const bundled = await loadBundled(io.cwd);
    return { inputs: [bundled], bundled: new Set([bundled]) };
  }
  const fetch = await webFetch(options);
  const sources = {
    cwd: io.cwd,
    readFile: (file: string) => io.fs.readFile(file),
    readStdin: io.readStdin,
    timeoutMs: options.timeoutMs,
    ...(fetch ? { fetch } : {}),
  };
  const fromUrl = (url: string) => ({ label: url, shown: url, read: () => readUrl(url, sources) });
  const reads = [
    ...options.inputs.map((spec) =>
      isWebPage(spec)
        ? fromUrl(spec)
        : {
            label: spec === '-' ? STDIN_LABEL : spec,
            shown: path.basename(spec),
            read: () => readInput(spec, sources),
          },
    ),
    ...options.urls.map(fromUrl),
  ];
  const warn = (line: string) => {
    if (options.verbosity !== 'quiet') io.stderr.write(`warning: ${displaySafe(line)}\n`);
  };
  if (options.feeds.length > 0) {
    const { readFeed } = await import('./read-feeds.js');
    const feedSources = {
      cwd: io.cwd,
      timeoutMs: options.timeoutMs,
      allowPrivateHosts: options.allowPrivateHosts,
      ...(fetch ? { fetch } : {}),
      sinceMs: options.sinceMs,
      fullText: options.fullText,
      ...(options.maxItems !== undefined ? { maxItems: options.maxItems } : {}),
      now: (io.now ?? (() => new Date()))(),
      warn,
    };
    reads.push(
      ...options.feeds.map((url) => ({
        label: `--feed ${url}`,
        shown: url,
        read: () => readFeed(url, feedSources),
      })),
    );
  }
  const progress = await startProgress(barStream(io, options), reads.length, 'reading');
  const inputs: LoadedInput[] = [];
  for (const { label, shown, read } of reads) {
    try {
      const started = Date.now();
      const input = await read();
      const embedded = options.fetchImages
        ? await embedWebImages(input, {
            timeoutMs: options.timeoutMs,
            warn,
            ...(fetch ? { fetch } : {}),
          })
        : input;
      // Local image files, fetched pictures, and every embedded one under --grayscale go
      // through the same processing as the API's stored media.
      inputs.push(
        await processPictures(embedded, {
          grayscale: options.grayscale,
          embedded: options.fetchImages || options.grayscale,
          warn,
        }),
      );
      verbose(io, options, `read ${label} (${Date.now() - started} ms)`);
    } catch (error) {
      reportFailure(io, outcome, label, error);
    }
    progress.tick(shown);
  }
  progress.stop();
  if (options.feeds.length > 0 && !outcome.badInput) {
    const fromFeeds = inputs.filter((i) => i.label.startsWith('--feed '));
    const count = fromFeeds.reduce(
      (n, i) => n + (i.document.kind === 'articles' ? i.document.articles.length : 0),
      0,
    );
    if (count === 0) {
      reportFailure(
        io,
        outcome,
        '--since',
        new InputError('--since', [
          {
            path: '',
            message: `no feed item was published within the last ${options.sinceArg ?? 'period'} (${options.feeds.join(', ')}); nothing written`,
          },
        ]),
      );
      return { inputs: [], bundled: new Set() };
    }
  }
  return { inputs, bundled: new Set() };
}

/** Files named by options, read once before anything is rendered. */
interface Extras {
  readonly css?: string;
  readonly cover?: Uint8Array;
}

/** Renders one document in one format to bytes or, for PDF, a stream. */
async function render(
  job: RenderJob,
  format: Format,
  options: ExportOptions,
  extras: Extras,
  out: Writable | undefined,
): Promise<Uint8Array | undefined> {
  const { document } = job;
  const base = job.imageBaseDir !== undefined ? { imageBaseDir: job.imageBaseDir } : {};
  if (format === 'epub' || format === 'kepub') {
    const { renderEpub } = await loadEpubModule();
    const epubOptions: EpubOptions = {
      ...base,
      ...(extras.css !== undefined ? { css: extras.css } : {}),
      ...(extras.cover !== undefined ? { cover: extras.cover } : {}),
      ...(options.tocDepth !== undefined ? { tocDepth: options.tocDepth } : {}),
      ...(format === 'kepub' ? { kobo: true } : {}),
    };
    return renderEpub(document, epubOptions);
  }
  if (format === 'html') {
    const [{ renderHtml }, { sniffImage }] = await Promise.all([
      import('./formats/html.js'),
      loadEpubModule(),
    ]);
    return renderHtml(document, {
      ...base,
      ...(extras.css !== undefined ? { css: extras.css } : {}),
      sniffImage,
    });
  }
  if (format === 'md') {
    const { renderMarkdown } = await import('./formats/markdown.js');
    return renderMarkdown(document);
  }
  const renderPdfToStream = await loadPdfRenderer();
  const pdfOptions: PdfOptions = {
    ...base,
    ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
    ...(options.layout !== undefined ? { layout: options.layout } : {}),
    ...(options.pdfa ? { pdfa: true } : {}),
    ...(options.margins !== undefined ? { margins: options.margins } : {}),
    ...(options.fontSize !== undefined ? { fontSize: options.fontSize } : {}),
  };
  if (out === undefined) {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    await renderPdfToStream(document, sink, pdfOptions);
    return Buffer.concat(chunks);
  }
  await renderPdfToStream(document, out, pdfOptions);
  return undefined;
}

async function writeOne(
  job: RenderJob,
  format: Format,
  target: string,
  options: ExportOptions,
  extras: Extras,
  io: CliIo,
): Promise<void> {
  if (format === 'pdf') {
    await writeStreamAtomic(
      io.fs,
      target,
      async (out) => void (await render(job, format, options, extras, out)),
      io.pendingTemp,
    );
    return;
  }
  const bytes = await render(job, format, options, extras, undefined);
  if (bytes !== undefined) await writeFileAtomic(io.fs, target, bytes, io.pendingTemp);
}

const WRITE_REASONS: Record<string, string> = {
  ENOENT: 'no such directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'the file name is too long',
  EEXIST: 'exists and is not a directory',
};

/** A path the user named that cannot be written is bad input (exit 2), not an internal error. */
function writeFailure(error: unknown, shown: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === undefined ? undefined : WRITE_REASONS[code];
  return reason === undefined
    ? error
    : new InputError('-o', [{ path: '', message: `${shown}: cannot write: ${reason}` }]);
}

/**
 * The fetch used for web pages and images: the safe fetcher's (http(s) only, sockets pinned
 * to checked addresses, each redirect hop checked again), refusing private addresses unless
 * --allow-private-hosts.
 */
async function webFetch(options: ExportOptions): Promise<typeof globalThis.fetch | undefined> {
  const needsWeb =
    options.urls.length > 0 ||
    options.inputs.some(isWebPage) ||
    options.fetchImages ||
    options.feeds.length > 0;
  if (!needsWeb) return undefined;
  const { loadImportHtml } = await import('./html-importer.js');
  const { FetchError } = await loadImportHtml();
  // The safe fetcher (undici) is loaded only for web inputs: importing it cost a file-only
  // PDF export about a third of its start-up.
  const { createSafeFetchFunction, SafeFetchError } = await import('@broadsheet/fetch');
  const safe = createSafeFetchFunction({ allowPrivate: options.allowPrivateHosts });
  return async (input, init) => {
    try {
      return await safe(input, init);
    } catch (e) {
      // The importer reports its own FetchError like any failed fetch (exit 2, URL named).
      if (e instanceof SafeFetchError && e.code === 'refused-address')
        throw new FetchError(
          'network',
          e.url,
          `${e.reason}; add --allow-private-hosts to fetch from it`,
        );
      throw e;
    }
  };
}

/** The progress bar shows only in the normal mode: not with --quiet, and not with --verbose's own lines. */
function barStream(io: CliIo, options: ExportOptions): ProgressStream {
  return options.verbosity === 'normal'
    ? io.stderr
    : Object.assign(new PassThrough(), { isTTY: false });
}

function verbose(io: CliIo, options: ExportOptions, line: string): void {
  if (options.verbosity === 'verbose') io.stderr.write(`${displaySafe(line)}\n`);
}

/** Reads --css and --cover up front: a bad one stops the run before anything is written. */
async function readExtras(options: ExportOptions, io: CliIo): Promise<Extras> {
  const read = async (flag: string, file: string) => {
    try {
      return await io.fs.readFile(path.resolve(io.cwd, file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      const reason =
        { ENOENT: 'no such file', EISDIR: 'is a directory', EACCES: 'permission denied' }[code] ??
        (error as Error).message;
      throw new InputError(flag, [{ path: '', message: `${file}: cannot read: ${reason}` }]);
    }
  };
  let css: string | undefined;
  if (options.css !== undefined) {
    const bytes = await read('--css', options.css);
    try {
      css = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new InputError('--css', [{ path: '', message: `${options.css}: not UTF-8 text` }]);
    }
    // Loaded only with --css: the CSS parser is no cost to a run without one.
    const { stylesheetProblem } = await import('./stylesheet-check.js');
    const problem = stylesheetProblem(css);
    if (problem)
      throw new InputError('--css', [
        { path: '', message: `${options.css}: line ${problem.line}: ${problem.message}` },
      ]);
  }
  let cover: Uint8Array | undefined;
  if (options.cover !== undefined) {
    cover = await read('--cover', options.cover);
    const { sniffImage } = await loadEpubModule();
    if (sniffImage(cover) === undefined) {
      throw new InputError('--cover', [
        { path: '', message: `${options.cover}: not a PNG, JPEG or GIF image` },
      ]);
    }
  }
  return { ...(css !== undefined ? { css } : {}), ...(cover !== undefined ? { cover } : {}) };
}

async function prepareOutDir(dir: string, shown: string, io: CliIo): Promise<void> {
  try {
    await io.fs.mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === undefined ? undefined : WRITE_REASONS[code];
    if (reason !== undefined) {
      throw new InputError('-o', [
        { path: '', message: `${shown}: cannot create the directory: ${reason}` },
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
  const parsed = await parseArgs(argv, versionText(io.version), io);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { options } = parsed;
  const outcome = new Outcome();
  try {
    const extras = await readExtras(options, io);
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
    // Once per document, before any directory or file is made: a bad value is one line.
    jobs = applyMetadataToAll(jobs, options.metadata);
    const { output } = options;
    if (output.kind !== 'dir' && (jobs.length !== 1 || outcome.badInput)) {
      // One file (or stdout) holds one document: several would overwrite each other.
      if (jobs.length > 1) {
        reportFailure(
          io,
          outcome,
          '-o',
          new InputError('-o', [
            {
              path: '',
              message: `${options.out} takes one document, but the inputs make ${jobs.length}; add --edition TITLE, or write to a directory (-o DIR/)`,
            },
          ]),
        );
      }
      return outcome.exitCode === EXIT_OK ? EXIT_BAD_INPUT : outcome.exitCode;
    }
    if (output.kind === 'stdout') {
      const [job] = jobs;
      const [format] = options.formats;
      if (job === undefined || format === undefined) return outcome.exitCode;
      try {
        const bytes = await render(job, format, options, extras, undefined);
        if (bytes !== undefined) io.stdout.write(bytes);
      } catch (error) {
        reportFailure(io, outcome, job.label, error, '-o -');
      }
      return outcome.exitCode;
    }
    const targets =
      output.kind === 'file'
        ? [
            {
              job: jobs[0] as RenderJob,
              format: output.format,
              shown: output.file,
              file: path.resolve(io.cwd, output.file),
            },
          ]
        : await dirTargets(jobs, options, io);
    await refuseToReplaceInputs(targets, options, io);
    const progress = await startProgress(barStream(io, options), targets.length, 'writing');
    // Printed after the bar is gone: a line on stdout mid-bar would tear the terminal line.
    const written: string[] = [];
    try {
      for (const { job, format, shown, file } of targets) {
        const started = Date.now();
        try {
          await writeOne(job, format, file, options, extras, io);
          written.push(shown);
          verbose(io, options, `wrote ${shown} (${format}, ${Date.now() - started} ms)`);
        } catch (error) {
          reportFailure(io, outcome, job.label, writeFailure(error, shown), shown);
        }
        progress.tick(path.basename(shown));
      }
    } finally {
      progress.stop();
      if (written.length > 0 && options.verbosity !== 'quiet')
        io.stdout.write(written.join('\n') + '\n');
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

/** Device and inode of a file, or undefined if there is none to compare. */
async function identity(fs: CliFs, follow: boolean, file: string): Promise<string | undefined> {
  try {
    const { dev, ino } = await (follow ? fs.stat(file) : fs.lstat(file));
    return `${dev}:${ino}`;
  } catch {
    return undefined;
  }
}

/**
 * An output that is one of the run's own files (an input, --css, --cover) would replace it:
 * a saved page whose slug is its file name (`story.html -f html` into `.`), or `-o FILE`
 * naming the input. Checked before anything is written, by device and inode, so `./a.html`,
 * `sub/../a.html`, a symlink either way and a case-insensitive file system all count.
 * pandoc overwrites here (jgm/pandoc#11843), but its output name is always the user's own;
 * ours comes from the slug, and the page it replaces may be the only copy.
 */
async function refuseToReplaceInputs(
  targets: readonly { shown: string; file: string }[],
  options: ExportOptions,
  io: CliIo,
): Promise<void> {
  const own = [
    ...options.inputs.filter((spec) => spec !== '-' && !isWebPage(spec)),
    ...(options.css !== undefined ? [options.css] : []),
    ...(options.cover !== undefined ? [options.cover] : []),
  ];
  if (own.length === 0) return;
  const inputs = new Map<string, string>();
  for (const spec of own) {
    const id = await identity(io.fs, true, path.resolve(io.cwd, spec));
    if (id !== undefined && !inputs.has(id)) inputs.set(id, spec);
  }
  for (const { shown, file } of targets) {
    // The entry the rename replaces (lstat), and what it points to if it is a symlink (stat).
    for (const follow of [false, true]) {
      const id = await identity(io.fs, follow, file);
      const input = id === undefined ? undefined : inputs.get(id);
      if (input !== undefined) {
        throw new InputError('-o', [
          {
            path: '',
            message: `${shown}: would replace the input ${input}; write elsewhere with -o DIR/ or -o FILE`,
          },
        ]);
      }
    }
  }
}

/** `-o DIR`: one file per document and format, named from the document. */
async function dirTargets(jobs: readonly RenderJob[], options: ExportOptions, io: CliIo) {
  const outDir = path.resolve(io.cwd, options.out);
  await prepareOutDir(outDir, options.out, io);
  return jobs.flatMap((job) =>
    options.formats.map((format) => {
      const name = `${job.name}${EXTENSIONS[format]}`;
      return { job, format, shown: path.join(options.out, name), file: path.join(outDir, name) };
    }),
  );
}
