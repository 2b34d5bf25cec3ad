import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openEpub, pdfinfo, pdftotext } from '@broadsheet/testing';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeFs, type CliFs } from './cli-fs.js';
import { runCli, workDir } from './test-support/harness.js';

/** In-process runs that render with the real renderers (the e2e suite spawns the built bin). */

let work: Awaited<ReturnType<typeof workDir>>;
beforeEach(async () => {
  work = await workDir();
});
afterEach(async () => {
  await work.remove();
});

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const article = (headline: string, extra: object = {}) =>
  JSON.stringify({
    headline,
    language: 'en',
    body: [{ type: 'paragraph', text: 'Text.' }],
    ...extra,
  });

async function put(name: string, content: string | Uint8Array) {
  await mkdir(path.dirname(path.join(work.dir, name)), { recursive: true });
  await writeFile(path.join(work.dir, name), content);
}

function imagesIn(epub: Uint8Array): Uint8Array[] {
  const book = openEpub(epub);
  return book.names.filter((n) => /\.(png|jpe?g|gif|webp)$/i.test(n)).map((n) => book.bytes(n));
}

/**
 * Whether the EPUB carries the PNG's pixels. Local files are encoded again by the picture
 * pipeline (metadata dropped), so the bytes differ; a lossless PNG keeps every pixel.
 */
async function carriesPicture(epub: Uint8Array, png: Buffer): Promise<boolean> {
  const pixels = (bytes: Uint8Array) => sharp(bytes).removeAlpha().raw().toBuffer();
  const wanted = await pixels(png);
  const found = await Promise.all(imagesIn(epub).map(async (b) => wanted.equals(await pixels(b))));
  return found.includes(true);
}

// Real renderers on a shared two-core machine: generous timeouts (no test here asserts timing).
describe('run', { timeout: 60_000 }, () => {
  it('exports the bundled article when given no input', async () => {
    const result = await runCli(['--out', 'out'], work.dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      'out/pakistan-russia-look-at-multidimensional-strategic-partnership-in-region.epub\n',
    );
    const bytes = await readFile(path.join(work.dir, result.stdout.trim()));
    expect(openEpub(bytes).text('mimetype')).toBe('application/epub+zip');
  });

  it('writes into the current directory by default, one file per article, collision-safe', async () => {
    await put('a.json', `[${article('Same Name')}, ${article('Same Name')}]`);
    await put('b.txt', 'Same Name\n\nA paragraph of text.\n');
    const result = await runCli(['a.json', 'b.txt'], work.dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe('same-name.epub\nsame-name-2.epub\nsame-name-3.epub\n');
    expect(await work.files()).toEqual([
      'a.json',
      'b.txt',
      'same-name-2.epub',
      'same-name-3.epub',
      'same-name.epub',
    ]);
  });

  it('writes EPUB and PDF with --format epub,pdf', async () => {
    await put('a.json', article('Both Formats'));
    const result = await runCli(
      ['a.json', '--format', 'epub,pdf', '--page-size', 'Letter', '--out', 'out'],
      work.dir,
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe('out/both-formats.epub\nout/both-formats.pdf\n');
    const pdf = await readFile(path.join(work.dir, 'out/both-formats.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toMatch(/%%EOF\s*$/);
  });

  it('embeds images given as paths relative to the input file', async () => {
    await put('stories/pics/dot.png', PNG);
    await put(
      'stories/a.json',
      article('With Picture', { image: { src: 'pics/dot.png', alt: 'A dot' } }),
    );
    const result = await runCli(
      ['stories/a.json', '--format', 'epub,pdf', '--out', 'out'],
      work.dir,
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const epub = await readFile(path.join(work.dir, 'out/with-picture.epub'));
    expect(await carriesPicture(epub, PNG)).toBe(true);
    const pdf = await readFile(path.join(work.dir, 'out/with-picture.pdf'), 'latin1');
    expect(pdf).toMatch(/\/Subtype\s*\/Image/);
  });

  it('keeps relative images working in an edition made of files from different directories', async () => {
    await put('desk-a/pics/dot.png', PNG);
    await put('desk-a/a.json', article('Desk A', { image: { src: 'pics/dot.png', alt: 'A dot' } }));
    await put('desk-b/deeper/b.json', article('Desk B'));
    const result = await runCli(
      ['desk-a/a.json', 'desk-b/deeper/b.json', '--edition', 'Two Desks', '--out', 'out'],
      work.dir,
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe('out/2026-11-28-two-desks.epub\n');
    const epub = await readFile(path.join(work.dir, 'out/2026-11-28-two-desks.epub'));
    expect(await carriesPicture(epub, PNG)).toBe(true);
  });

  it('sets an edition as a newspaper with --layout columns on A3, its front page listing the stories', async () => {
    await put('a.json', article('Lead Story'));
    await put('b.json', article('Second Story'));
    const run = (layout: string) =>
      runCli(
        [
          'a.json',
          'b.json',
          '--edition',
          'Paper',
          '-f',
          'pdf',
          '--page-size',
          'A3',
          '--layout',
          layout,
          '-o',
          `${layout}.pdf`,
        ],
        work.dir,
      );
    expect(await run('columns')).toMatchObject({ code: 0, stderr: '' });
    expect(await run('single')).toMatchObject({ code: 0, stderr: '' });
    const columns = await readFile(path.join(work.dir, 'columns.pdf'));
    const single = await readFile(path.join(work.dir, 'single.pdf'));
    expect((await pdfinfo(columns))['Page size']).toBe('841.89 x 1190.55 pts (A3)');
    // The front page names the second story and the page it starts on; the single layout's
    // cover and contents take two pages before the first article.
    const front = (await pdftotext(columns))[0]!.replace(/\s+/g, ' ');
    expect(front).toMatch(/\d+ Second Story/);
    expect((await pdftotext(single))[0]).not.toContain('Second Story');
  });

  it('exits 1 on an internal failure, names it, and leaves no partial or temporary file', async () => {
    await put('a.json', article('Doomed'));
    const failing: CliFs = {
      ...nodeFs,
      rename: () =>
        Promise.reject(
          Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }),
        ),
    };
    const result = await runCli(['a.json', '--out', 'out'], work.dir, { fs: failing });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'a.json: internal error while writing out/doomed.epub: ENOSPC: no space left on device\n',
    );
    expect(result.stdout).toBe('');
    expect(await work.files()).toEqual(['a.json', 'out']);
  });
});
