import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  epubcheckTs,
  formatEpubCheckProblems,
  newsPage,
  openEpub,
  pdfinfo,
  pngBytes,
  serve,
  startLocalWebServer,
  type LocalWebServer,
} from '@broadsheet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExporter, tempWorkDir } from './support/exporter-process.js';

/** Every option of issue 15 through the built command in its own process. */
let work: Awaited<ReturnType<typeof tempWorkDir>>;
let server: LocalWebServer;
beforeAll(async () => {
  work = await tempWorkDir('export-options');
  const article = (headline: string) =>
    JSON.stringify({
      headline,
      language: 'en',
      body: [
        { type: 'paragraph', text: `${headline} opens. Then a second sentence.` },
        { type: 'figure', image: { src: 'pic.png', alt: 'A picture', caption: 'Caption' } },
      ],
    });
  await writeFile(path.join(work.dir, 'a.json'), article('Alpha'));
  await writeFile(path.join(work.dir, 'b.json'), article('Beta'));
  await writeFile(path.join(work.dir, 'pic.png'), pngBytes(8, 6));
  await writeFile(path.join(work.dir, 'house.css'), 'p { text-indent: 1em; }\n');
  await writeFile(path.join(work.dir, 'imports.css'), '@import "https://e.example/x.css";\n');
  await writeFile(path.join(work.dir, 'fake.jpg'), 'not a picture');
  server = await startLocalWebServer({
    '/news/tides': serve(
      'text/html; charset=utf-8',
      newsPage({ headline: 'Harbour towns brace for record spring tides' }),
    ),
  });
});
afterAll(async () => {
  await server.close();
  await work.remove();
});

const run = (args: string[]) => runExporter(args, { cwd: work.dir });
const file = (name: string) => readFile(path.join(work.dir, name));
async function validEpub(name: string) {
  const report = await epubcheckTs(await file(name));
  expect(report.problems, formatEpubCheckProblems(report)).toEqual([]);
  return openEpub(await file(name));
}

describe('broadsheet-export options as a process', () => {
  it('-o FILE.epub writes that file (not a directory), valid, with --css, --cover and --metadata', async () => {
    const result = await run([
      'a.json',
      '-o',
      'story.epub',
      '--css',
      'house.css',
      '--cover',
      'pic.png',
      '--metadata',
      'title=Retitled',
      '--metadata',
      'author=A. Writer',
    ]);
    expect(result.stderr).toBe('');
    expect([result.code, result.stdout]).toEqual([0, 'story.epub\n']);
    const book = await validEpub('story.epub');
    expect(book.text('OEBPS/style.css')).toContain('text-indent: 1em');
    expect(book.names).toContain('OEBPS/cover.png');
    expect(book.text('OEBPS/content.opf')).toMatch(/>Retitled</);
    expect(book.text('OEBPS/content.opf')).toMatch(/>A\. Writer</);
  }, 120_000);

  it('-o FILE.pdf with --page-size, --margins and --font-size', async () => {
    const result = await run([
      'a.json',
      '-o',
      'story.pdf',
      '--page-size',
      'Letter',
      '--margins',
      '36',
      '--font-size',
      '12',
    ]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect((await pdfinfo(path.join(work.dir, 'story.pdf')))['Page size']).toMatch(/^612 x 792/);
  }, 120_000);

  it('KEPUB, HTML and Markdown, and --toc-depth', async () => {
    const result = await run([
      'a.json',
      'b.json',
      '-e',
      'Brief',
      '-f',
      'kepub,html,md',
      '--toc-depth',
      '1',
      '-o',
      'out/',
    ]);
    expect(result.code).toBe(0);
    const names = result.stdout.split('\n').filter(Boolean);
    expect(names.map((n) => path.extname(n))).toEqual(['.epub', '.html', '.md']);
    expect(names[0]).toMatch(/\.kepub\.epub$/);
    const kepub = await validEpub(names[0] ?? '');
    expect(kepub.text('OEBPS/article-001.xhtml')).toContain('class="koboSpan" id="kobo.');
    expect((await file(names[1] ?? '')).toString()).toContain('data:image/png;base64,');
    expect((await file(names[2] ?? '')).toString()).toContain('# Brief');
  }, 120_000);

  it('-o - writes to standard output', async () => {
    const result = await run(['a.json', '-f', 'md', '-o', '-']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# Alpha\n/);
  }, 60_000);

  it('a URL INPUT is imported with --allow-private-hosts, refused without', async () => {
    const url = `${server.origin}/news/tides`;
    const allowed = await run([url, '--allow-private-hosts', '-f', 'md', '-o', '-']);
    expect(allowed.stdout).toContain('# Harbour towns brace for record spring tides');
    const refused = await run([url, '-o', 'never/']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/loopback address; add --allow-private-hosts/);
  }, 120_000);

  it('--quiet, --verbose and --version', async () => {
    expect((await run(['a.json', '-q', '-o', 'q/'])).stdout).toBe('');
    expect((await run(['a.json', '-v', '-o', 'v/'])).stderr).toMatch(/^wrote v\/alpha\.epub/m);
    expect((await run(['--version'])).stdout).toMatch(/^epub-gen-memory \d/m);
  }, 120_000);

  it.each<[string, string[], RegExp]>([
    ['an unknown metadata key', ['--metadata', 'colour=red'], /unknown key "colour"/],
    [
      'unreadable CSS',
      ['--css', 'missing.css'],
      /^--css: missing\.css: cannot read: no such file$/,
    ],
    [
      'CSS that imports another stylesheet',
      ['--css', 'imports.css', '-f', 'epub,html'],
      /^--css: imports\.css: line 1: @import loads another file: an e-book carries no other files$/,
    ],
    [
      'a cover that is not an image',
      ['--cover', 'fake.jpg'],
      /^--cover: fake\.jpg: not a PNG, JPEG or GIF image$/,
    ],
    ['-o - with two inputs', ['a.json', 'b.json', '-o', '-'], /takes one input, not 2/],
    ['-o - with two formats', ['-f', 'epub,pdf', '-o', '-'], /takes one format, not 2/],
    [
      'an unwritable output',
      ['a.json', '-o', '/proc/none/x.epub'],
      /^-o: \/proc\/none\/x\.epub: cannot write: /,
    ],
  ])(
    'exits 2 with one line for %s, writing nothing',
    async (_, args, message) => {
      const before = await work.files();
      const result = await run(args);
      expect(result.code).toBe(2);
      const lines = result.stderr.split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(await work.files()).toEqual(before);
    },
    60_000,
  );
});
