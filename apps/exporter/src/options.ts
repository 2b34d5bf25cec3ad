import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';

export const FORMATS = ['epub', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];
export const PAGE_SIZES = ['A4', 'Letter'] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export interface ExportOptions {
  readonly inputs: readonly string[];
  readonly formats: readonly Format[];
  readonly out: string;
  readonly edition?: string;
  readonly pageSize?: PageSize;
  readonly pdfa: boolean;
  /** Web pages to import (`--url`, repeatable), in the order given. */
  readonly urls: readonly string[];
  /** Download http(s) images before rendering so the books embed them. */
  readonly fetchImages: boolean;
  /** Deadline for each page or image download, in milliseconds. */
  readonly timeoutMs: number;
}

/** Either options to run with, or the exit code when parsing already answered (help, version, error). */
export type ParsedArgs = { readonly options: ExportOptions } | { readonly exitCode: number };

export interface ArgsIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** `--format epub,pdf`, repeatable; case and spaces forgiven, order kept, duplicates dropped. */
export function parseFormats(value: string, previous: readonly Format[] = []): Format[] {
  const wanted = value
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter((f) => f !== '');
  if (wanted.length === 0)
    throw new InvalidArgumentError(`expected one or more of ${FORMATS.join(', ')}`);
  const out = [...previous];
  for (const f of wanted) {
    if (!(FORMATS as readonly string[]).includes(f)) {
      throw new InvalidArgumentError(
        `unknown format "${f}"; expected ${FORMATS.join(', ')} (comma-separated)`,
      );
    }
    if (!out.includes(f as Format)) out.push(f as Format);
  }
  return out;
}

export function parsePageSize(value: string): PageSize {
  const size = PAGE_SIZES.find((s) => s.toLowerCase() === value.trim().toLowerCase());
  if (size === undefined) throw new InvalidArgumentError(`expected ${PAGE_SIZES.join(' or ')}`);
  return size;
}

/** Default deadline for each page or image download. */
export const DEFAULT_TIMEOUT_SECONDS = 15;

/** `--url`: an absolute http(s) URL, repeatable. Other schemes (file:, data:) are refused up front. */
export function parseUrl(value: string, previous: readonly string[] = []): string[] {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InvalidArgumentError(
      `"${value}" is not an absolute URL; expected http://... or https://...`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError(`only http and https URLs are fetched, not ${url.protocol}`);
  }
  return [...previous, url.href];
}

/** `--timeout SECONDS`: a positive number, at most an hour. */
export function parseTimeout(value: string): number {
  const seconds = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new InvalidArgumentError('expected a number of seconds greater than 0 and at most 3600');
  }
  return Math.round(seconds * 1000);
}

const EXAMPLES = `
Inputs:
  (none)           the bundled default article
  FILE.json        an article, an array of articles, or an edition (detected by shape)
  FILE.txt         a plain-text article: headline line, then paragraphs
  FILE.html, .htm  a saved web page: the article is extracted (Mozilla Readability)
  --url URL        a web page fetched over http(s) (15 s, 5 MiB, 5 redirects at most)
  -                standard input: an HTML page if it starts as one, JSON if it is JSON,
                   otherwise plain text

Output: one file per article, named from its slug (or one edition file with --edition),
written atomically; the written paths are printed on stdout, one per line.

Exit status: 0 success; 2 bad input or arguments ("FILE: field: reason" on stderr, nothing
written for that file); 1 internal failure.

Examples:
  broadsheet-export --out out/
  broadsheet-export story.json notes.txt --format epub,pdf --out out/
  broadsheet-export a.json b.json --edition "Morning Brief" --format pdf --page-size Letter
  cat story.txt | broadsheet-export - --out out/
  broadsheet-export --url https://example.com/news/story --fetch-images --format epub,pdf
`;

function program(version: string, io: ArgsIo): Command {
  return new Command('broadsheet-export')
    .description('Render news articles and editions to EPUB 3 and PDF.')
    .argument('[input...]', '.json, .txt or .html files, or - for standard input')
    .addOption(
      new Option(
        '-f, --format <list>',
        'output formats, comma-separated: epub, pdf (default: epub)',
      ).argParser(parseFormats),
    )
    .option('-o, --out <dir>', 'output directory, created if missing', '.')
    .option('-e, --edition <title>', 'make one edition of all the articles, with this title')
    .addOption(
      new Option('--page-size <size>', 'PDF page size: A4 or Letter (default: A4)').argParser(
        parsePageSize,
      ),
    )
    .option('--pdfa', 'make PDF/A-2u archival PDFs', false)
    .addOption(
      new Option(
        '-u, --url <url>',
        'import the article of this web page (http or https); repeatable',
      ).argParser(parseUrl),
    )
    .option(
      '--fetch-images',
      'download web (http/https) images and embed them; without it they stay links',
      false,
    )
    .addOption(
      new Option(
        '--timeout <seconds>',
        `deadline for each page or image download (default: ${DEFAULT_TIMEOUT_SECONDS})`,
      ).argParser(parseTimeout),
    )
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run broadsheet-export --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();
}

interface RawOptions {
  format?: Format[];
  out: string;
  edition?: string;
  pageSize?: PageSize;
  pdfa: boolean;
  url?: string[];
  fetchImages: boolean;
  timeout?: number;
}

/**
 * Parses the arguments after the program name. Commander prints help, the version and its
 * own errors; this returns the exit code for those (0, or 2 for a usage error).
 */
export async function parseArgs(
  argv: readonly string[],
  version: string,
  io: ArgsIo,
): Promise<ParsedArgs> {
  const command = program(version, io);
  try {
    await command.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    const answered = error.code === 'commander.helpDisplayed' || error.code === 'commander.version';
    return { exitCode: answered ? 0 : 2 };
  }
  const raw = command.opts<RawOptions>();
  const formats = raw.format ?? ['epub'];
  const pdfOnly = [raw.pageSize !== undefined && '--page-size', raw.pdfa && '--pdfa'].filter(
    Boolean,
  );
  if (!formats.includes('pdf') && pdfOnly.length > 0) {
    io.stderr.write(
      `error: ${pdfOnly.join(' and ')} ${pdfOnly.length > 1 ? 'apply' : 'applies'} only to PDF output; add --format pdf\n`,
    );
    return { exitCode: 2 };
  }
  const inputs = command.args;
  if (inputs.filter((i) => i === '-').length > 1) {
    io.stderr.write('error: standard input (-) can be read only once\n');
    return { exitCode: 2 };
  }
  return {
    options: {
      inputs,
      formats,
      out: raw.out,
      ...(raw.edition !== undefined ? { edition: raw.edition } : {}),
      ...(raw.pageSize !== undefined ? { pageSize: raw.pageSize } : {}),
      pdfa: raw.pdfa,
      urls: raw.url ?? [],
      fetchImages: raw.fetchImages,
      timeoutMs: raw.timeout ?? DEFAULT_TIMEOUT_SECONDS * 1000,
    },
  };
}
