import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  newsPage,
  openEpub,
  pdfinfo,
  pngBytes,
  serve,
  startLocalWebServer,
  type LocalWebServer,
} from '@broadsheet/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, workDir } from './test-support/harness.js';

let work: Awaited<ReturnType<typeof workDir>>;
beforeEach(async () => {
  work = await workDir();
  await writeFile(path.join(work.dir, 'a.json'), article('Alpha'));
  await writeFile(path.join(work.dir, 'b.json'), article('Beta'));
  await writeFile(path.join(work.dir, 'two.json'), `[${article('One')},${article('Two')}]`);
  await writeFile(path.join(work.dir, 'pic.png'), pngBytes(4, 3));
  await writeFile(path.join(work.dir, 'house.css'), 'p { color: #123456; }\n');
  await writeFile(
    path.join(work.dir, 'remote.css'),
    'p { color: red }\nbody { background: url(https://e.example/b.png) }\n',
  );
  await writeFile(path.join(work.dir, 'broken.css'), 'p {\n  color: red;\n');
  await writeFile(path.join(work.dir, 'not-a-picture.png'), '<html>an error page</html>');
});
afterEach(async () => {
  await work.remove();
});

function article(headline: string): string {
  return JSON.stringify({
    headline,
    language: 'en',
    body: [
      { type: 'paragraph', text: `${headline} opens here. A second sentence follows.` },
      { type: 'heading', text: 'More' },
      { type: 'figure', image: { src: 'pic.png', alt: 'A picture', caption: 'The caption' } },
    ],
  });
}

const bytesOf = (name: string) => readFile(path.join(work.dir, name));
const epubFile = async (name: string, inside: string) =>
  openEpub(await bytesOf(name)).text(
    openEpub(await bytesOf(name)).names.find((n) => n.endsWith(inside)) ?? inside,
  );

describe('-o like pandoc', { timeout: 60_000 }, () => {
  it.each<[string, string[], string, string]>([
    ['FILE.epub: an EPUB file', ['a.json', '-o', 'story.epub'], 'story.epub', 'PK'],
    ['FILE.pdf: a PDF file', ['a.json', '-o', 'story.pdf'], 'story.pdf', '%PDF'],
    ['FILE.html', ['a.json', '-o', 'story.html'], 'story.html', '<!DOCTYPE html>'],
    ['FILE.md', ['a.json', '-o', 'story.md'], 'story.md', '# Alpha'],
    ['FILE.kepub.epub', ['a.json', '-o', 'story.kepub.epub'], 'story.kepub.epub', 'PK'],
    [
      'an edition into one file',
      ['a.json', 'b.json', '-e', 'Brief', '-o', 'b.pdf'],
      'b.pdf',
      '%PDF',
    ],
  ])('%s', async (_, argv, file, magic) => {
    const result = await runCli(argv, work.dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${file}\n`);
    expect((await bytesOf(file)).subarray(0, magic.length).toString()).toBe(magic);
  });

  it('DIR/ writes one file per article and format', async () => {
    const result = await runCli(['two.json', '-f', 'epub,md', '-o', 'out/'], work.dir);
    expect(result.code).toBe(0);
    expect(await work.files()).toEqual(
      expect.arrayContaining(['out/one.epub', 'out/one.md', 'out/two.epub', 'out/two.md']),
    );
  });

  it.each([
    ['epub', 'PK'],
    ['pdf', '%PDF'],
    ['md', '# Alpha'],
  ])('- writes %s to standard output and nothing to disk', async (format, magic) => {
    const before = await work.files();
    const result = await runCli(['a.json', '-f', format, '-o', '-'], work.dir);
    expect(result.code).toBe(0);
    expect(result.stdoutBytes.subarray(0, magic.length).toString()).toBe(magic);
    expect(await work.files()).toEqual(before);
  });
});

describe('options that shape the output', { timeout: 60_000 }, () => {
  it('--metadata sets title, author, language, date and publisher', async () => {
    const meta = [
      'title=New Title',
      'author=A. Writer',
      'language=de',
      'date=2026-01-31',
      'publisher=The Daily',
    ];
    const result = await runCli(
      ['a.json', '-o', 'm.epub', ...meta.flatMap((m) => ['--metadata', m])],
      work.dir,
    );
    expect(result.code).toBe(0);
    const opf = await epubFile('m.epub', '.opf');
    expect(opf).toMatch(/<dc:title[^>]*>New Title<\/dc:title>/);
    expect(opf).toMatch(/<dc:creator[^>]*>A\. Writer<\/dc:creator>/);
    expect(opf).toMatch(/<dc:language[^>]*>de<\/dc:language>/);
    expect(opf).toMatch(/<dc:date[^>]*>2026-01-31/);
    expect(opf).toMatch(/<dc:publisher[^>]*>The Daily<\/dc:publisher>/);
  });

  it('--css adds the stylesheet to the EPUB and the HTML', async () => {
    await runCli(['a.json', '--css', 'house.css', '-f', 'epub,html', '-o', 'out/'], work.dir);
    expect(await epubFile('out/alpha.epub', '.css')).toContain('p { color: #123456; }');
    expect((await bytesOf('out/alpha.html')).toString()).toContain('p { color: #123456; }');
  });

  it('--cover puts the picture in as the cover image', async () => {
    await runCli(['a.json', '--cover', 'pic.png', '-o', 'c.epub'], work.dir);
    const book = openEpub(await bytesOf('c.epub'));
    expect(book.names).toContain('OEBPS/cover.png');
    expect(Buffer.from(book.bytes('OEBPS/cover.png'))).toEqual(await bytesOf('pic.png'));
    expect(await epubFile('c.epub', '.opf')).toMatch(/properties="cover-image"/);
  });

  it('--toc-depth 1 keeps only the sections in the contents', async () => {
    const args = ['a.json', 'b.json', '-e', 'Brief', '-o'];
    await runCli([...args, 'deep.epub'], work.dir);
    await runCli([...args, 'flat.epub', '--toc-depth', '1'], work.dir);
    // The contents nav only, not the landmarks after it.
    const toc = async (f: string) =>
      (await epubFile(f, 'toc.xhtml')).split('epub:type="landmarks"')[0];
    const deep = await toc('deep.epub');
    const flat = await toc('flat.epub');
    expect(deep).toContain('Alpha');
    expect(flat).not.toContain('>Alpha<');
  });

  it('--margins and --font-size change the PDF layout (more pages when larger)', async () => {
    const long = JSON.stringify({
      headline: 'Long',
      language: 'en',
      body: Array.from({ length: 40 }, (_, i) => ({
        type: 'paragraph',
        text: `Paragraph ${i} `.repeat(30),
      })),
    });
    await writeFile(path.join(work.dir, 'long.json'), long);
    await runCli(['long.json', '-o', 'plain.pdf'], work.dir);
    await runCli(['long.json', '-o', 'big.pdf', '--margins', '100', '--font-size', '14'], work.dir);
    const pages = async (f: string) => Number((await pdfinfo(path.join(work.dir, f)))['Pages']);
    expect(await pages('big.pdf')).toBeGreaterThan(await pages('plain.pdf'));
  });

  it('--format kepub wraps sentences in koboSpans and names the file .kepub.epub', async () => {
    const result = await runCli(['a.json', '-f', 'kepub', '-o', 'out/'], work.dir);
    expect(result.stdout).toBe('out/alpha.kepub.epub\n');
    const chapter = await epubFile('out/alpha.kepub.epub', 'article.xhtml');
    expect(chapter).toContain('<span class="koboSpan" id="kobo.');
    expect(chapter.match(/class="koboSpan"/g)?.length).toBeGreaterThanOrEqual(3);
  });

  it('--format html is one file with the picture inlined', async () => {
    await runCli(['a.json', '-f', 'html', '-o', 'a.html'], work.dir);
    const html = (await bytesOf('a.html')).toString();
    expect(html).toContain('<img src="data:image/png;base64,');
    expect(html).not.toMatch(/src="(?!data:)/);
    expect(html).toContain('application/ld+json');
  });

  it('--quiet prints nothing on success; --verbose says what it wrote', async () => {
    const quiet = await runCli(['a.json', '-q', '-o', 'q/'], work.dir);
    expect([quiet.code, quiet.stdout, quiet.stderr]).toEqual([0, '', '']);
    const loud = await runCli(['a.json', '-v', '-o', 'v/'], work.dir);
    expect(loud.stderr).toMatch(/^read a\.json \(\d+ ms\)$/m);
    expect(loud.stderr).toMatch(/^wrote v\/alpha\.epub \(epub, \d+ ms\)$/m);
    // --help promises exactly those lines: times, no sizes (it once claimed both).
    const help = await runCli(['--help'], work.dir);
    const said = /^ {2}-v, --verbose\s+([\s\S]*?)\n {2}-/m.exec(help.stdout)?.[1];
    expect(said?.replace(/\s+/g, ' ').trim()).toBe(
      'a line on stderr per input read and file written, with its time (default: false)',
    );
  });

  it('--version names the renderers', async () => {
    const result = await runCli(['--version'], work.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^broadsheet-export 0\.0\.0-test\n/);
    expect(result.stdout).toMatch(/^pdfkit \d+\.\d+\.\d+$/m);
    expect(result.stdout).toMatch(/^epub-gen-memory \d+\.\d+\.\d+$/m);
  });
});

describe(
  'bad input exits 2 with one line naming the option, and leaves nothing',
  { timeout: 60_000 },
  () => {
    it.each<[string, string[], RegExp]>([
      [
        'an unknown metadata key',
        ['--metadata', 'colour=red'],
        /--metadata.*unknown key "colour"; expected title, author/,
      ],
      [
        'unreadable CSS',
        ['--css', 'missing.css'],
        /^--css: missing\.css: cannot read: no such file$/,
      ],
      // A stylesheet that loads a file would make the EPUB fail EPUBCheck and the HTML fetch.
      [
        'CSS that loads a remote file',
        ['a.json', '-f', 'epub,html', '--css', 'remote.css', '-o', 'out/'],
        /^--css: remote\.css: line 2: background loads a file \(url\(\) and the like\): an e-book carries no other files$/,
      ],
      [
        'CSS that does not parse',
        ['--css', 'broken.css'],
        /^--css: broken\.css: line 1: not valid CSS: Unclosed block$/,
      ],
      [
        'a cover that is not an image',
        ['--cover', 'not-a-picture.png'],
        /^--cover: not-a-picture\.png: not a PNG, JPEG or GIF image$/,
      ],
      [
        '-o - with two inputs',
        ['a.json', 'b.json', '-o', '-'],
        /^error: -o -: standard output takes one input, not 2$/,
      ],
      [
        '-o - with two formats',
        ['a.json', '-f', 'epub,pdf', '-o', '-'],
        /^error: -o -: standard output takes one format, not 2/,
      ],
      [
        '-o FILE with two documents',
        ['two.json', '-o', 'x.epub'],
        /^-o: x\.epub takes one document, but the inputs make 2/,
      ],
      [
        '-o FILE with a conflicting --format',
        ['a.json', '-f', 'pdf', '-o', 'x.epub'],
        /^error: -o x\.epub: the extension says epub, but --format says pdf/,
      ],
      [
        'an output in a missing directory',
        ['a.json', '-o', 'nowhere/x.epub'],
        /^-o: nowhere\/x\.epub: cannot write: no such directory$/,
      ],
      [
        'an output over a file',
        ['a.json', '-o', 'a.json/'],
        /^-o: a\.json\/: cannot create the directory: /,
      ],
      [
        'a bad metadata value',
        ['a.json', '--metadata', 'language=not a tag!'],
        /^--metadata: language: /,
      ],
      ['a bad metadata date', ['--metadata', 'date=yesterday'], /date: expected YYYY-MM-DD/],
    ])('%s', async (_, argv, message) => {
      const before = await work.files();
      const result = await runCli(argv, work.dir);
      expect(result.code).toBe(2);
      const lines = result.stderr.split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(await work.files()).toEqual(before);
    });
  },
);

describe('a URL as INPUT', { timeout: 60_000 }, () => {
  let server: LocalWebServer;
  beforeAll(async () => {
    server = await startLocalWebServer({
      '/news/tides': serve(
        'text/html; charset=utf-8',
        newsPage({ headline: 'Harbour towns brace for record spring tides' }),
      ),
    });
  });
  afterAll(() => server.close());

  it('is fetched and imported with --allow-private-hosts', async () => {
    const result = await runCli(
      [`${server.origin}/news/tides`, '--allow-private-hosts', '-f', 'md', '-o', '-'],
      work.dir,
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('# Harbour towns brace for record spring tides');
  });

  it('is refused at a loopback address without it, before any request', async () => {
    const before = server.requests.length;
    const result = await runCli([`${server.origin}/news/tides`, '-o', 'out/'], work.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /refused: 127\.0\.0\.1 is a loopback address; add --allow-private-hosts/,
    );
    expect(server.requests.length).toBe(before);
  });
});
