import { IsoDateTime } from '@broadsheet/model';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';

export const FORMATS = ['epub', 'pdf', 'html', 'md', 'kepub'] as const;
export type Format = (typeof FORMATS)[number];

/** File extension per format; a Kobo reader recognises KEPUB by its double extension. */
export const EXTENSIONS: Readonly<Record<Format, string>> = {
  epub: '.epub',
  pdf: '.pdf',
  html: '.html',
  md: '.md',
  kepub: '.kepub.epub',
};

/** Where the files go: a directory (one file per document and format), one named file, or stdout. */
export type OutputTarget =
  | { readonly kind: 'dir'; readonly dir: string }
  | { readonly kind: 'file'; readonly file: string; readonly format: Format }
  | { readonly kind: 'stdout' };

/** `--metadata` keys, each overriding what the inputs say. */
export const METADATA_KEYS = ['title', 'author', 'language', 'date', 'publisher'] as const;
export type MetadataKey = (typeof METADATA_KEYS)[number];
/** Metadata from the command line; `author` repeats (one entry per author). */
export interface MetadataOverrides {
  readonly title?: string;
  readonly author?: readonly string[];
  readonly language?: string;
  readonly date?: string;
  readonly publisher?: string;
}

export type Verbosity = 'quiet' | 'normal' | 'verbose';
export const PAGE_SIZES = ['A4', 'Letter', 'A3', 'Tabloid'] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const LAYOUTS = ['single', 'columns'] as const;
export type Layout = (typeof LAYOUTS)[number];

export interface ExportOptions {
  readonly inputs: readonly string[];
  readonly formats: readonly Format[];
  /** `-o` as typed (for messages) and what it means. */
  readonly out: string;
  readonly output: OutputTarget;
  readonly edition?: string;
  readonly pageSize?: PageSize;
  /** PDF editions: one column (default) or the newspaper's columns. */
  readonly layout?: Layout;
  readonly pdfa: boolean;
  /** Web pages to import (`--url`, repeatable), read after the positional inputs. */
  readonly urls: readonly string[];
  /** Download http(s) images before rendering so the books embed them. */
  readonly fetchImages: boolean;
  /** Deadline for each page or image download, in milliseconds. */
  readonly timeoutMs: number;
  /** Fetch pages and images from loopback, private and link-local addresses too. */
  readonly allowPrivateHosts: boolean;
  /** Pictures in one grey channel (e-ink readers). */
  readonly grayscale: boolean;
  /** Feeds (`--feed`, repeatable) whose recent items become articles of the edition. */
  readonly feeds: readonly string[];
  /** `--since`: how far back a feed item's publication date may be, in milliseconds. */
  readonly sinceMs: number;
  /** `--since` as typed (for messages). */
  readonly sinceArg?: string;
  /** `--full-text`: when an item's linked page is fetched instead of the feed's text. */
  readonly fullText: FullTextMode;
  /** `--max-items`: the newest items taken from each feed. */
  readonly maxItems?: number;
  readonly metadata: MetadataOverrides;
  /** A stylesheet file for EPUB, KEPUB and HTML output, after the built-in one. */
  readonly css?: string;
  /** A PNG, JPEG or GIF file: the cover of EPUB and KEPUB output. */
  readonly cover?: string;
  /** PDF page margins in points, all four sides. */
  readonly margins?: number;
  /** PDF body text size in points; the other sizes keep their proportion to it. */
  readonly fontSize?: number;
  /** Levels of the EPUB contents (1: top level only). */
  readonly tocDepth?: number;
  readonly verbosity: Verbosity;
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
  if (size === undefined) throw new InvalidArgumentError(`expected ${oneOf(PAGE_SIZES)}`);
  return size;
}

/** "A, B or C" */
const oneOf = (values: readonly string[]) =>
  `${values.slice(0, -1).join(', ')} or ${values.at(-1) ?? ''}`;

export function parseLayout(value: string): Layout {
  const layout = LAYOUTS.find((s) => s === value.trim().toLowerCase());
  if (layout === undefined) throw new InvalidArgumentError(`expected ${oneOf(LAYOUTS)}`);
  return layout;
}

/** Whether a positional INPUT is a web page to fetch rather than a file. */
export const isWebPage = (spec: string): boolean => /^https?:\/\//i.test(spec);

/**
 * `-o`: `-` is standard output; a path ending in a separator is a directory; a path ending
 * in a known extension (`.epub`, `.pdf`, `.html`, `.md`, `.kepub.epub`) is that one file, in
 * that format (pandoc's habit); anything else is a directory, as before.
 */
export function outputTarget(value: string): OutputTarget {
  if (value === '-') return { kind: 'stdout' };
  if (/[\\/]$/.test(value)) return { kind: 'dir', dir: value };
  const lower = value.toLowerCase();
  // Longest extension first: story.kepub.epub is KEPUB, not EPUB.
  const byLength = [...FORMATS].sort((a, b) => EXTENSIONS[b].length - EXTENSIONS[a].length);
  const format = byLength.find((f) => lower.endsWith(EXTENSIONS[f]) && lower !== EXTENSIONS[f]);
  if (format !== undefined) return { kind: 'file', file: value, format };
  if (lower.endsWith('.htm')) return { kind: 'file', file: value, format: 'html' };
  return { kind: 'dir', dir: value };
}

/** `--metadata key=value`, repeatable; an unknown key or a missing `=` is a usage error. */
export function parseMetadata(value: string, previous: MetadataOverrides = {}): MetadataOverrides {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected key=value, e.g. title="Morning Brief"`);
  const key = value.slice(0, eq).trim().toLowerCase();
  const text = value.slice(eq + 1).trim();
  if (!(METADATA_KEYS as readonly string[]).includes(key)) {
    throw new InvalidArgumentError(
      `unknown key "${value.slice(0, eq).trim()}"; expected ${METADATA_KEYS.join(', ')}`,
    );
  }
  if (text === '') throw new InvalidArgumentError(`${key}: the value is empty`);
  if (key === 'author') return { ...previous, author: [...(previous.author ?? []), text] };
  if (key === 'date') return { ...previous, date: metadataDate(text) };
  return { ...previous, [key]: text };
}

/**
 * `--metadata date=`: checked by the model's own rule for dates (so a value accepted here is
 * never refused later), after one normalisation: ISO 8601 allows a time without seconds
 * (`2024-01-01T10:00Z`), which the model does not, so `:00` is added.
 */
function metadataDate(text: string): string {
  const date = text.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})$/, '$1:00$2');
  if (!IsoDateTime.safeParse(date).success) {
    throw new InvalidArgumentError(
      `date: expected YYYY-MM-DD or an ISO 8601 date-time with a time zone (2024-01-31T10:00Z), not "${text}"`,
    );
  }
  return date;
}

/** A number of points within [min, max], for --margins and --font-size. */
function points(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value.trim().replace(/pt$/i, ''));
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a number of points from ${min} to ${max}`);
    }
    return n;
  };
}
export const parseMargins = points(18, 144);
export const parseFontSize = points(6, 24);

export function parseTocDepth(value: string): number {
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < 1 || n > 2) {
    throw new InvalidArgumentError('expected 1 (top level only) or 2 (sections and articles)');
  }
  return n;
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

export const FULL_TEXT_MODES = ['auto', 'always', 'never'] as const;
export type FullTextMode = (typeof FULL_TEXT_MODES)[number];
export const DEFAULT_SINCE = '24h';
const DURATION_UNITS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** `--since 90m|24h|7d|2w`: a positive whole number of minutes, hours, days or weeks, up to a year. */
export function parseDuration(value: string): number {
  const match = /^\s*(\d{1,6})\s*([mhdw])\s*$/i.exec(value);
  const ms = match ? Number(match[1]) * (DURATION_UNITS[match[2]!.toLowerCase()] ?? NaN) : NaN;
  if (!(ms > 0) || ms > 366 * 86_400_000)
    throw new InvalidArgumentError(
      'expected a duration such as 90m, 24h, 7d or 2w (greater than 0, at most a year)',
    );
  return ms;
}

/** `--since` as the user typed it (the last one wins, as in commander). */
function sinceArg(argv: readonly string[]): string | undefined {
  let value: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === '--since') value = argv[i + 1];
    else if (arg.startsWith('--since=')) value = arg.slice('--since='.length);
  });
  return value?.trim();
}

/** `--full-text auto|always|never`. */
export function parseFullText(value: string): FullTextMode {
  const mode = FULL_TEXT_MODES.find((m) => m === value.trim().toLowerCase());
  if (mode === undefined) throw new InvalidArgumentError(`expected ${oneOf(FULL_TEXT_MODES)}`);
  return mode;
}

/** `--max-items N`: a whole number from 1 to 1000 (the most articles an edition holds). */
export function parseMaxItems(value: string): number {
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new InvalidArgumentError('expected a whole number from 1 to 1000');
  return n;
}

/** `--timeout SECONDS`: a positive number, at most an hour. */
export function parseTimeout(value: string): number {
  const seconds = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new InvalidArgumentError('expected a number of seconds greater than 0 and at most 3600');
  }
  return Math.round(seconds * 1000);
}

/** Everything after the option list in --help (and in the man page, which is made from it). */
export const HELP_AFTER = `
Inputs:
  (none)           the bundled default article
  FILE.json        an article, an array of articles, or an edition (detected by shape)
  FILE.txt         a plain-text article: headline line, then paragraphs
  FILE.html, .htm  a saved web page: the article is extracted (Mozilla Readability)
  URL              an http(s) web page, fetched and imported like a saved one
                   (15 s, 5 MiB, 5 redirects at most; not loopback or private
                   addresses unless --allow-private-hosts)
  -                standard input: an HTML page if it starts as one, JSON if it is JSON,
                   otherwise plain text

Feeds (--feed URL, repeatable; needs --edition):
  The items of RSS 0.9x/1.0/2.0, Atom 1.0 and JSON Feed 1.1 feeds published within
  --since (default ${DEFAULT_SINCE}; 90m, 24h, 7d, 2w), newest first, at most --max-items
  per feed, become one edition with a section per feed. --full-text auto fetches an
  item's page when the feed has only a summary (always: every item; never: the feed's
  text only). A feed that cannot be fetched or read, or no item in range, is exit 2
  and nothing is written.

Output (-o):
  DIR/ or DIR      one file per article (or one edition with --edition), named from its
                   slug, in each --format (default: the current directory)
  FILE.epub        exactly that file; the format comes from the extension
                   (.epub .pdf .html .md .kepub.epub); the inputs must make one document
  -                standard output: one input, one format
  Files are written atomically (temporary file, then rename); the written paths are
  printed on stdout unless --quiet. An output that would replace one of the inputs
  (a saved page named like its slug, -o FILE naming an input) is refused: exit 2.

Formats:
  epub   EPUB 3 (passes EPUBCheck)      pdf    tagged PDF (PDF/A-2u with --pdfa)
  html   one self-contained HTML file,  md     Markdown
         pictures inlined               kepub  EPUB for Kobo readers (sentence spans)

Exit status: 0 success; 2 bad input or arguments (one line naming the file or option
and the reason; nothing written for it); 1 internal failure.

Examples:
  broadsheet-export                                   # the bundled article as EPUB
  broadsheet-export story.json -o story.pdf
  broadsheet-export story.json notes.txt --format epub,pdf -o out/
  broadsheet-export a.json b.json --edition "Morning Brief" -o brief.epub
  broadsheet-export https://example.com/news/story --fetch-images -o story.epub
  broadsheet-export --feed https://example.com/feed --since 24h --edition "Morning Brief"
  broadsheet-export story.txt --metadata author="A. Writer" --metadata date=2026-01-31
  broadsheet-export story.json --css house.css --cover cover.jpg --toc-depth 1
  broadsheet-export story.json -f pdf --page-size Letter --margins 54 --font-size 12
  broadsheet-export story.json --format html -o - > story.html
  cat story.txt | broadsheet-export - -f md -o -
`;

function program(version: string, io: ArgsIo): Command {
  return new Command('broadsheet-export')
    .description('Render news articles and editions to EPUB 3, PDF, HTML, Markdown and KEPUB.')
    .argument('[input...]', '.json, .txt or .html files, http(s) URLs, or - for standard input')
    .addOption(
      new Option(
        '-f, --format <list>',
        'output formats, comma-separated: epub, pdf, html, md, kepub (default: epub, or the -o extension)',
      ).argParser(parseFormats),
    )
    .option(
      '-o, --out <path>',
      'output: a directory, FILE.epub|.pdf|.html|.md|.kepub.epub, or - (stdout)',
      '.',
    )
    .addOption(new Option('--output <path>', 'same as --out').hideHelp())
    .option('-e, --edition <title>', 'make one edition of all the articles, with this title')
    .addOption(
      new Option(
        '-M, --metadata <key=value>',
        `set ${METADATA_KEYS.join(', ')} (author repeatable); overrides the inputs`,
      ).argParser(parseMetadata),
    )
    .option(
      '--css <file>',
      'a stylesheet for EPUB, KEPUB and HTML, after the built-in one (loading no other file)',
    )
    .option('--cover <image>', 'a PNG, JPEG or GIF cover for EPUB and KEPUB')
    .addOption(
      new Option('--toc-depth <n>', 'EPUB contents depth: 1 or 2 (default: 2)').argParser(
        parseTocDepth,
      ),
    )
    .addOption(
      new Option(
        '--page-size <size>',
        'PDF page size: A4, Letter, A3 or Tabloid (default: A4)',
      ).argParser(parsePageSize),
    )
    .addOption(
      new Option(
        '--layout <layout>',
        'PDF editions: single (one column, default) or columns (a newspaper: front page, 2 columns on A4/Letter, 3 on A3/Tabloid)',
      ).argParser(parseLayout),
    )
    .addOption(
      new Option(
        '--margins <points>',
        'PDF page margins in points, 18-144 (default: 66 at the sides, 70 top, 64 bottom)',
      ).argParser(parseMargins),
    )
    .addOption(
      new Option(
        '--font-size <points>',
        'PDF body text size in points, 6-24 (default: 10.5); headings scale with it',
      ).argParser(parseFontSize),
    )
    .option('--pdfa', 'make PDF/A-2u archival PDFs', false)
    .addOption(
      new Option(
        '-u, --url <url>',
        'import the article of this web page (http or https); repeatable',
      ).argParser(parseUrl),
    )
    .addOption(
      new Option(
        '--feed <url>',
        'make the edition of the recent items of this RSS, Atom or JSON feed; repeatable',
      ).argParser(parseUrl),
    )
    .addOption(
      new Option(
        '--since <duration>',
        `feed items published within this long before now: 90m, 24h, 7d, 2w (default: ${DEFAULT_SINCE})`,
      ).argParser(parseDuration),
    )
    .addOption(
      new Option(
        '--full-text <mode>',
        "fetch feed items' pages: auto (summary-only items), always, never (default: auto)",
      ).argParser(parseFullText),
    )
    .addOption(
      new Option(
        '--max-items <n>',
        'the newest N items of each feed (default: all in range)',
      ).argParser(parseMaxItems),
    )
    .option(
      '--fetch-images',
      'download web (http/https) images and embed them; without it they stay links',
      false,
    )
    .option(
      '--grayscale',
      'pictures in grey, for e-ink readers (every embedded picture is re-encoded anyway)',
      false,
    )
    .option(
      '--allow-private-hosts',
      'let URL inputs, --feed and --fetch-images reach loopback, private and link-local addresses',
      false,
    )
    .addOption(
      new Option(
        '--timeout <seconds>',
        `deadline for each page or image download (default: ${DEFAULT_TIMEOUT_SECONDS})`,
      ).argParser(parseTimeout),
    )
    .addOption(
      new Option(
        '-q, --quiet',
        'print only errors: no warnings, progress or written paths',
      ).conflicts('verbose'),
    )
    .option(
      '-v, --verbose',
      'a line on stderr per input read and file written, with its time',
      false,
    )
    .version(version, '-V, --version', 'print the version, and those of the renderers')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', HELP_AFTER)
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();
}

/** The help text (for the man page, which is generated from it at build time). */
export function helpText(version: string): string {
  let text = '';
  const sink = { write: (s: string) => (text += s) };
  return (
    program(version, { stdout: sink, stderr: sink })
      .configureHelp({ helpWidth: 80 })
      .helpInformation() + HELP_AFTER.replace(/^\n/, '\n')
  );
}

interface RawOptions {
  format?: Format[];
  out: string;
  output?: string;
  edition?: string;
  metadata?: MetadataOverrides;
  css?: string;
  cover?: string;
  tocDepth?: number;
  pageSize?: PageSize;
  layout?: Layout;
  margins?: number;
  fontSize?: number;
  pdfa: boolean;
  url?: string[];
  feed?: string[];
  since?: number;
  fullText?: FullTextMode;
  maxItems?: number;
  fetchImages: boolean;
  allowPrivateHosts: boolean;
  grayscale: boolean;
  timeout?: number;
  quiet?: boolean;
  verbose: boolean;
}

/** A usage error found after commander: printed as `error: ...`, exit 2. */
function usage(io: ArgsIo, message: string): ParsedArgs {
  io.stderr.write(`error: ${message}\n`);
  return { exitCode: 2 };
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
  const out = raw.output ?? raw.out;
  const output = outputTarget(out);
  let formats: Format[] = raw.format ?? ['epub'];
  if (output.kind === 'file') {
    if (raw.format !== undefined && (raw.format.length !== 1 || raw.format[0] !== output.format)) {
      return usage(
        io,
        `-o ${out}: the extension says ${output.format}, but --format says ${raw.format.join(',')}; write to a directory (-o DIR/) for several formats`,
      );
    }
    formats = [output.format];
  }
  const inputs = command.args;
  if (output.kind === 'stdout') {
    const count = inputs.length + (raw.url?.length ?? 0);
    if (count > 1) return usage(io, `-o -: standard output takes one input, not ${count}`);
    if (formats.length > 1) {
      return usage(
        io,
        `-o -: standard output takes one format, not ${formats.length} (${formats.join(', ')})`,
      );
    }
  }
  const pdfOnly = [
    raw.pageSize !== undefined && '--page-size',
    raw.layout !== undefined && '--layout',
    raw.margins !== undefined && '--margins',
    raw.fontSize !== undefined && '--font-size',
    raw.pdfa && '--pdfa',
  ].filter((o): o is string => typeof o === 'string');
  if (!formats.includes('pdf') && pdfOnly.length > 0) {
    return usage(
      io,
      `${pdfOnly.join(' and ')} ${pdfOnly.length > 1 ? 'apply' : 'applies'} only to PDF output; add --format pdf`,
    );
  }
  const epubLike = formats.some((f) => f === 'epub' || f === 'kepub');
  for (const [flag, given, applies, what] of [
    ['--cover', raw.cover !== undefined, epubLike, 'EPUB and KEPUB'],
    ['--toc-depth', raw.tocDepth !== undefined, epubLike, 'EPUB and KEPUB'],
    ['--css', raw.css !== undefined, epubLike || formats.includes('html'), 'EPUB, KEPUB and HTML'],
  ] as const) {
    if (given && !applies) return usage(io, `${flag} applies only to ${what} output`);
  }
  const feedOnly = [
    raw.since !== undefined && '--since',
    raw.fullText !== undefined && '--full-text',
    raw.maxItems !== undefined && '--max-items',
  ].filter((o): o is string => typeof o === 'string');
  if (raw.feed === undefined && feedOnly.length > 0)
    return usage(
      io,
      `${feedOnly.join(' and ')} ${feedOnly.length > 1 ? 'apply' : 'applies'} only with --feed URL`,
    );
  if (raw.feed !== undefined && raw.edition === undefined)
    return usage(io, '--feed makes one edition: add --edition TITLE');
  if (inputs.filter((i) => i === '-').length > 1) {
    return usage(io, 'standard input (-) can be read only once');
  }
  for (const input of inputs.filter(isWebPage)) {
    try {
      parseUrl(input);
    } catch (error) {
      return usage(io, `${input}: ${(error as Error).message}`);
    }
  }
  return {
    options: {
      inputs,
      formats,
      out,
      output,
      ...(raw.edition !== undefined ? { edition: raw.edition } : {}),
      ...(raw.pageSize !== undefined ? { pageSize: raw.pageSize } : {}),
      ...(raw.layout !== undefined ? { layout: raw.layout } : {}),
      pdfa: raw.pdfa,
      urls: raw.url ?? [],
      fetchImages: raw.fetchImages,
      timeoutMs: raw.timeout ?? DEFAULT_TIMEOUT_SECONDS * 1000,
      allowPrivateHosts: raw.allowPrivateHosts,
      grayscale: raw.grayscale,
      feeds: raw.feed ?? [],
      sinceMs: raw.since ?? parseDuration(DEFAULT_SINCE),
      sinceArg: sinceArg(argv) ?? DEFAULT_SINCE,
      fullText: raw.fullText ?? 'auto',
      ...(raw.maxItems !== undefined ? { maxItems: raw.maxItems } : {}),
      metadata: raw.metadata ?? {},
      ...(raw.css !== undefined ? { css: raw.css } : {}),
      ...(raw.cover !== undefined ? { cover: raw.cover } : {}),
      ...(raw.margins !== undefined ? { margins: raw.margins } : {}),
      ...(raw.fontSize !== undefined ? { fontSize: raw.fontSize } : {}),
      ...(raw.tocDepth !== undefined ? { tocDepth: raw.tocDepth } : {}),
      verbosity: raw.quiet === true ? 'quiet' : raw.verbose ? 'verbose' : 'normal',
    },
  };
}
