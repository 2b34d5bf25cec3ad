import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { epubcheckJava, epubcheckTs, formatEpubCheckProblems, openEpub } from '@broadsheet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exporterBin, runExporter, tempWorkDir } from './support/exporter-process.js';

// Spawned processes and the JVM are slow on a busy two-core machine: generous timeouts.
/**
 * The `broadsheet-export` command line as a user runs it: the built bin in its own process,
 * real files in a temporary directory, output checked by EPUBCheck (Java and TypeScript).
 */

let work: Awaited<ReturnType<typeof tempWorkDir>>;
beforeAll(async () => {
  work = await tempWorkDir('export-e2e');
});
afterAll(async () => {
  await work.remove();
});

const article = (headline: string, extra: object = {}) => ({
  headline,
  language: 'en',
  publishedAt: '2018-05-02T10:00:00+05:00',
  body: [
    { type: 'paragraph', text: `${headline}: the first paragraph.` },
    { type: 'quote', text: 'A quoted line.', attribution: 'A Source' },
    { type: 'list', items: ['one', 'two'] },
  ],
  ...extra,
});

async function put(name: string, content: string | object): Promise<string> {
  await writeFile(
    path.join(work.dir, name),
    typeof content === 'string' ? content : JSON.stringify(content),
  );
  return name;
}

/** All text of the EPUB's XHTML documents, entities decoded enough for ASCII assertions. */
function epubText(epub: Uint8Array): string {
  const book = openEpub(epub);
  return book.names
    .filter((n) => n.endsWith('.xhtml'))
    .map((n) => book.text(n))
    .join('\n');
}

async function expectValidEpub(file: string, java = false): Promise<Uint8Array> {
  const bytes = await readFile(file);
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  const reports = [await epubcheckTs(bytes), ...(java ? [await epubcheckJava(bytes)] : [])];
  for (const report of reports) {
    expect(report.problems, `${report.validator}:\n${formatEpubCheckProblems(report)}`).toEqual([]);
  }
  return bytes;
}

function writtenPaths(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l !== '');
}

describe('broadsheet-export with no input', () => {
  it('writes the bundled seed article as an EPUB that passes EPUBCheck', async () => {
    const result = await runExporter(['--out', 'seed'], { cwd: work.dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [written, ...rest] = writtenPaths(result.stdout);
    expect(rest).toEqual([]);
    expect(written).toMatch(/^seed\/pakistan-russia-[a-z0-9-]+\.epub$/);
    const bytes = await expectValidEpub(path.join(work.dir, written ?? ''), true);
    expect(epubText(bytes)).toContain('multidimensional strategic partnership');
    expect(await work.files('seed')).toEqual([path.basename(written ?? '')]);
  }, 120_000);

  it('gives the same bytes every time', async () => {
    const first = await runExporter(['--out', 'again-1'], { cwd: work.dir });
    const second = await runExporter(['--out', 'again-2'], { cwd: work.dir });
    expect([first.code, second.code]).toEqual([0, 0]);
    const [a, b] = [writtenPaths(first.stdout)[0] ?? '', writtenPaths(second.stdout)[0] ?? ''];
    expect(path.basename(a)).toBe(path.basename(b));
    expect(
      Buffer.compare(
        await readFile(path.join(work.dir, a)),
        await readFile(path.join(work.dir, b)),
      ),
    ).toBe(0);
  }, 120_000);
});

describe('broadsheet-export with inputs', () => {
  it('writes one EPUB per article of a .json array and a .txt file, named from slugs', async () => {
    await put('pair.json', [article('First Story'), article('First Story', { language: 'fr' })]);
    await put(
      'story.txt',
      'A Plain Text Story\n\nISLAMABAD: The first paragraph.\n\nThe second paragraph.\n',
    );
    const result = await runExporter(['pair.json', 'story.txt', '--out', 'many'], {
      cwd: work.dir,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(writtenPaths(result.stdout)).toEqual([
      'many/first-story.epub',
      'many/first-story-2.epub',
      'many/a-plain-text-story.epub',
    ]);
    for (const file of writtenPaths(result.stdout))
      await expectValidEpub(path.join(work.dir, file));
    expect(epubText(await readFile(path.join(work.dir, 'many/a-plain-text-story.epub')))).toContain(
      'The second paragraph.',
    );
  }, 120_000);

  it('reads an article from standard input, as JSON or as plain text', async () => {
    const json = await runExporter(['-', '--out', 'stdin'], {
      cwd: work.dir,
      stdin: JSON.stringify(article('From Stdin Json')),
    });
    const text = await runExporter(['-', '--out', 'stdin'], {
      cwd: work.dir,
      stdin: 'From Stdin Text\n\nOne paragraph.\n',
    });
    expect([json.code, text.code, json.stderr, text.stderr]).toEqual([0, 0, '', '']);
    expect(await work.files('stdin')).toEqual(['from-stdin-json.epub', 'from-stdin-text.epub']);
    await expectValidEpub(path.join(work.dir, 'stdin/from-stdin-text.epub'));
  }, 120_000);

  it('makes one edition of several inputs with --edition, dated by its newest article', async () => {
    await put('one.json', article('Edition Lead', { section: 'World', publishedAt: '2018-05-01' }));
    await put('two.json', [
      article('Second Piece', { publishedAt: '2018-05-03T08:00:00Z' }),
      article('Third Piece'),
    ]);
    const result = await runExporter(
      ['one.json', 'two.json', '--edition', 'Morning Brief', '--out', 'edition'],
      {
        cwd: work.dir,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(writtenPaths(result.stdout)).toEqual(['edition/2018-05-03-morning-brief.epub']);
    const text = epubText(
      await expectValidEpub(path.join(work.dir, 'edition/2018-05-03-morning-brief.epub'), true),
    );
    for (const headline of ['Morning Brief', 'Edition Lead', 'Second Piece', 'Third Piece'])
      expect(text).toContain(headline);
  }, 120_000);

  it('renders an edition file as one edition', async () => {
    await put('edition-in.json', {
      title: 'Evening Edition',
      date: '2018-05-02',
      language: 'en',
      sections: [
        { title: 'World', articles: [article('Evening Lead'), article('Evening Second')] },
      ],
    });
    const result = await runExporter(['edition-in.json', '--out', 'edition-file'], {
      cwd: work.dir,
    });
    expect(result.code).toBe(0);
    expect(writtenPaths(result.stdout)).toEqual(['edition-file/2018-05-02-evening-edition.epub']);
    await expectValidEpub(path.join(work.dir, 'edition-file/2018-05-02-evening-edition.epub'));
  }, 120_000);
});

describe('broadsheet-export with bad input', () => {
  it('exits 2 with FILE: field: reason for each bad file, writes nothing for it, and still writes the good ones', async () => {
    await put('good.json', article('Good One'));
    await put('syntax.json', '{\n  "headline": "x",\n  "body": [\n}');
    await put('fields.json', [article('Fine'), { ...article(''), body: [{ type: 'video' }] }]);
    const result = await runExporter(['good.json', 'syntax.json', 'fields.json', '--out', 'bad'], {
      cwd: work.dir,
    });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^syntax\.json: line 4, column 1: invalid JSON: /),
      'fields.json: 1.headline: must not be empty',
      expect.stringMatching(/^fields\.json: 1\.body\.0\.type: unknown block type "video"/),
    ]);
    expect(await work.files('bad')).toEqual(['good-one.epub']);
  }, 120_000);

  it.each<[string, string[], RegExp]>([
    ['an unknown format', ['--format', 'mobi'], /unknown format "mobi"/],
    [
      'a bad page size',
      ['--format', 'pdf', '--page-size', 'A5'],
      /expected A4, Letter, A3 or Tabloid/,
    ],
    ['an unknown option', ['--colour'], /unknown option '--colour'/],
  ])(
    'exits 2 for %s',
    async (_name, args, message) => {
      const result = await runExporter([...args, '--out', 'never'], { cwd: work.dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(await work.files()).not.toContain('never');
    },
    30_000,
  );
});

describe('broadsheet-export progress', () => {
  const inputs = ['p1.json', 'p2.json', 'p3.json', 'p4.json'];
  beforeAll(async () => {
    for (const [i, name] of inputs.entries()) await put(name, article(`Progress ${i + 1}`));
  });

  it('shows a progress bar on a terminal, then the written paths', () => {
    // util-linux `script` runs the command on a pseudo-terminal, as in an interactive shell.
    const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
    const command = [process.execPath, exporterBin(), ...inputs, '--out', 'tty']
      .map(quote)
      .join(' ');
    const result = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: work.dir,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/reading +\[[█░]+\] 4\/4/);
    expect(result.stdout).toMatch(/writing +\[[█░]+\] 4\/4 progress-4\.epub/);
    expect(result.stdout).toContain('tty/progress-4.epub');
  }, 30_000);

  it('stays quiet when stderr is not a terminal', async () => {
    const result = await runExporter([...inputs, '--out', 'piped'], { cwd: work.dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(writtenPaths(result.stdout)).toEqual(
      inputs.map((_, i) => `piped/progress-${i + 1}.epub`),
    );
  }, 30_000);
});

describe('broadsheet-export --help and --version', () => {
  it('prints usage and exits 0', async () => {
    const result = await runExporter(['--help'], { cwd: work.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: broadsheet-export \[options\] \[input\.\.\.\]/);
  }, 30_000);

  it('prints its version, then the renderers', async () => {
    const result = await runExporter(['--version'], { cwd: work.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^broadsheet-export \d+\.\d+\.\d+\n/);
    expect(result.stdout).toMatch(/^pdfkit \d+\.\d+\.\d+$/m);
    expect(result.stdout).toMatch(/^epub-gen-memory \d+\.\d+\.\d+$/m);
  }, 30_000);
});
