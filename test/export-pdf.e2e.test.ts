import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pdffonts, pdfinfo, pdftotext, qpdfCheck, readPdf } from '@broadsheet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExporter, tempWorkDir } from './support/exporter-process.js';

/** `broadsheet-export --format pdf` as a process, its output checked by qpdf, poppler and pdf.js. */

const SEED_HEADLINE = 'Pakistan, Russia look at ‘multidimensional strategic partnership’ in region';
const SEED_FILE = 'pakistan-russia-look-at-multidimensional-strategic-partnership-in-region';

let work: Awaited<ReturnType<typeof tempWorkDir>>;
beforeAll(async () => {
  work = await tempWorkDir('export-pdf');
});
afterAll(async () => {
  await work.remove();
});

const article = (headline: string, extra: object = {}) => ({
  headline,
  language: 'en',
  publishedAt: '2018-05-02',
  body: [{ type: 'paragraph', text: `${headline}: the first paragraph.` }],
  ...extra,
});

async function exportOk(args: string[]): Promise<string[]> {
  const result = await runExporter(args, { cwd: work.dir });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout.split('\n').filter(Boolean);
}

const flat = (pages: string[]) => pages.join('\n').replace(/\s+/g, ' ');

describe('broadsheet-export --format pdf', () => {
  it('writes the seed article as a valid, tagged PDF with embedded fonts and its text', async () => {
    expect(await exportOk(['--format', 'pdf', '--out', 'seed'])).toEqual([`seed/${SEED_FILE}.pdf`]);
    const pdf = await readFile(path.join(work.dir, `seed/${SEED_FILE}.pdf`));
    const check = await qpdfCheck(pdf);
    expect(check.ok, check.output).toBe(true);
    const info = await pdfinfo(pdf);
    expect(info.Title).toBe(SEED_HEADLINE);
    expect(info.Tagged).toBe('yes');
    expect(info['Page size']).toMatch(/^595\.2\d* x 841\.8\d* pts \(A4\)/);
    const fonts = await pdffonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    const text = flat(await pdftotext(pdf));
    expect(text).toContain(SEED_HEADLINE);
    expect(text).toContain('Pakistan-Russia relations are fast evolving');
  }, 120_000);

  it('passes --page-size Letter and --pdfa to the renderer', async () => {
    const [file] = await exportOk([
      '--format',
      'pdf',
      '--page-size',
      'Letter',
      '--pdfa',
      '--out',
      'letter',
    ]);
    const pdf = await readFile(path.join(work.dir, file ?? ''));
    expect((await pdfinfo(pdf))['Page size']).toMatch(/^612 x 792 pts \(letter\)/);
    expect((await readPdf(pdf)).xmp).toMatch(/pdfaid:part(?:>|=")2/);
  }, 120_000);

  it('gives the same bytes every time', async () => {
    const [a] = await exportOk(['--format', 'pdf', '--out', 'same-1']);
    const [b] = await exportOk(['--format', 'pdf', '--out', 'same-2']);
    const [x, y] = [
      await readFile(path.join(work.dir, a ?? '')),
      await readFile(path.join(work.dir, b ?? '')),
    ];
    expect(x.equals(y)).toBe(true);
  }, 120_000);

  it('writes an edition as EPUB and PDF with --format epub,pdf', async () => {
    await writeFile(
      path.join(work.dir, 'a.json'),
      JSON.stringify([article('Alpha Story'), article('Beta Story')]),
    );
    const files = await exportOk([
      'a.json',
      '--edition',
      'Pdf Brief',
      '--format',
      'epub,pdf',
      '--out',
      'edition',
    ]);
    expect(files).toEqual([
      'edition/2018-05-02-pdf-brief.epub',
      'edition/2018-05-02-pdf-brief.pdf',
    ]);
    const pdf = await readFile(path.join(work.dir, 'edition/2018-05-02-pdf-brief.pdf'));
    expect((await qpdfCheck(pdf)).ok).toBe(true);
    const text = flat(await pdftotext(pdf));
    for (const headline of ['Pdf Brief', 'Alpha Story', 'Beta Story'])
      expect(text).toContain(headline);
  }, 120_000);
});
