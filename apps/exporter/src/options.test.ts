import { describe, expect, it } from 'vitest';
import { parseArgs, type ExportOptions } from './options.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
    },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

async function options(argv: string[]): Promise<ExportOptions> {
  const { io, err } = capture();
  const parsed = await parseArgs(argv, '1.2.3', io);
  if ('exitCode' in parsed) throw new Error(`exit ${parsed.exitCode}: ${err()}`);
  return parsed.options;
}

describe('parseArgs accepts', () => {
  it.each<[string[], Partial<ExportOptions>]>([
    [[], { inputs: [], formats: ['epub'], out: '.', pdfa: false }],
    [['a.json', 'b.txt'], { inputs: ['a.json', 'b.txt'] }],
    [['-'], { inputs: ['-'] }],
    [['--format', 'pdf'], { formats: ['pdf'] }],
    [['--format', 'epub,pdf'], { formats: ['epub', 'pdf'] }],
    [['--format=PDF, EPUB'], { formats: ['pdf', 'epub'] }],
    [['-f', 'epub', '-f', 'pdf', '-f', 'epub'], { formats: ['epub', 'pdf'] }],
    [['--out', 'out/x'], { out: 'out/x' }],
    [['-o', 'o', 'in.json'], { out: 'o', inputs: ['in.json'] }],
    [['--edition', 'Morning Brief', 'a.json'], { edition: 'Morning Brief' }],
    [['--format', 'pdf', '--page-size', 'letter'], { pageSize: 'Letter' }],
    [['--format', 'pdf', '--page-size', 'A4', '--pdfa'], { pageSize: 'A4', pdfa: true }],
    [['--format', 'pdf', '--page-size', 'a3'], { pageSize: 'A3' }],
    [['--format', 'pdf', '--page-size', 'tabloid'], { pageSize: 'Tabloid' }],
    [['--format', 'pdf', '--layout', 'columns'], { layout: 'columns' }],
    [['--format', 'pdf', '--layout', 'Single'], { layout: 'single' }],
    [['in.json', '--', '-weird.json'], { inputs: ['in.json', '-weird.json'] }],
  ])('%j', async (argv, expected) => {
    expect(await options(argv)).toMatchObject(expected);
  });
});

describe('parseArgs rejects with exit 2 and a clear message', () => {
  it.each<[string[], RegExp]>([
    [['--format', 'docx'], /unknown format "docx"; expected epub, pdf/],
    [['--format', 'epub,mobi'], /unknown format "mobi"/],
    [['--format', ','], /expected one or more of epub, pdf/],
    [['--format', 'pdf', '--page-size', 'A5'], /expected A4, Letter, A3 or Tabloid/],
    [['--page-size', 'A4'], /--page-size applies only to PDF output; add --format pdf/],
    [['--pdfa'], /--pdfa applies only to PDF output/],
    [['--format', 'pdf', '--layout', 'grid'], /expected single or columns/],
    [['--layout', 'columns'], /--layout applies only to PDF output/],
    [['--page-size', 'Letter', '--pdfa'], /--page-size and --pdfa apply only to PDF output/],
    [['--bogus'], /unknown option '--bogus'/],
    [['--out'], /argument missing/],
    [['-', '-'], /standard input \(-\) can be read only once/],
  ])('%j', async (argv, message) => {
    const { io, err } = capture();
    expect(await parseArgs(argv, '1.2.3', io)).toEqual({ exitCode: 2 });
    expect(err()).toMatch(message);
  });
});

describe('parseArgs answers', () => {
  it('--help with usage on stdout and exit 0', async () => {
    const { io, out } = capture();
    expect(await parseArgs(['--help'], '1.2.3', io)).toEqual({ exitCode: 0 });
    expect(out()).toMatch(/^Usage: broadsheet-export \[options\] \[input\.\.\.\]/);
    expect(out()).toContain('--page-size <size>');
    expect(out()).toContain('Exit status');
  });

  it.each([['--version'], ['-V']])('%s with the version and exit 0', async (flag) => {
    const { io, out } = capture();
    expect(await parseArgs([flag], '1.2.3', io)).toEqual({ exitCode: 0 });
    expect(out()).toBe('1.2.3\n');
  });
});

describe('--feed options', () => {
  it.each([
    ['90m', 90 * 60_000],
    ['24h', 24 * 3_600_000],
    ['7d', 7 * 86_400_000],
    ['2W', 14 * 86_400_000],
  ])('--since %s is %i ms', async (since, ms) => {
    const o = await options(['--feed', 'https://x.example/feed', '--since', since, '-e', 'E']);
    expect(o.sinceMs).toBe(ms);
    expect(o.fullText).toBe('auto');
  });

  it.each([
    [
      ['--feed', 'https://x.example/f', '-e', 'E', '--since', '24'],
      /--since <duration>.*'24' is invalid/,
    ],
    [
      ['--feed', 'https://x.example/f', '-e', 'E', '--since', '0h'],
      /--since <duration>.*is invalid/,
    ],
    [['--feed', 'https://x.example/f', '-e', 'E', '--since', '400d'], /at most a year/],
    [
      ['--feed', 'https://x.example/f', '-e', 'E', '--full-text', 'some'],
      /--full-text <mode>.*expected/,
    ],
    [
      ['--feed', 'https://x.example/f', '-e', 'E', '--max-items', '0'],
      /--max-items <n>.*1 to 1000/,
    ],
    [['--feed', 'file:///etc/passwd', '-e', 'E'], /only http and https/],
    [['--feed', 'https://x.example/f'], /--feed makes one edition: add --edition TITLE/],
    [['a.json', '--since', '24h'], /--since applies only with --feed URL/],
  ])('%j: exit 2 naming the option', async (argv, message) => {
    const { io, err } = capture();
    const parsed = await parseArgs(argv, '1.2.3', io);
    expect(parsed).toEqual({ exitCode: 2 });
    expect(err()).toMatch(message);
  });
});
