import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  epubcheckTs,
  formatEpubCheckProblems,
  pdffonts,
  pdfTextItems,
  qpdfCheck,
  runProcess,
} from '@broadsheet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExporter, tempWorkDir } from './support/exporter-process.js';

/**
 * The exporter as someone outside the repository gets it: `npm pack`, then installed from the
 * tarball into an empty folder (and globally with --prefix), with no workspace around. Its
 * registry dependencies (fonts, canvas, jsdom) come from the npm cache when it has them;
 * the workspace packages are inside the bundle, so the registry is never asked for them.
 */
const require = createRequire(import.meta.url);
const exporterDir = path.dirname(require.resolve('@broadsheet/exporter/package.json'));
const npm = (args: string[], cwd: string) =>
  runProcess('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], { cwd });

let work: Awaited<ReturnType<typeof tempWorkDir>>;
let tarball: string;
beforeAll(async () => {
  work = await tempWorkDir('export-package');
  const packed = await runProcess('npm', ['pack', '--pack-destination', work.dir], {
    cwd: exporterDir,
  });
  expect(packed.code, packed.stderr).toBe(0);
  tarball = path.join(work.dir, packed.stdout.trim().split('\n').pop() ?? '');
}, 120_000);
afterAll(async () => {
  await work.remove();
});

const article = JSON.stringify({
  headline: 'Packed and shipped',
  language: 'en',
  body: [{ type: 'paragraph', text: 'Привет, мир. مرحبا بالعالم. 你好，世界。' }],
});

/** Long enough, in words long enough, that its justified lines take hyphens. */
const longArticle = JSON.stringify({
  headline: 'Hyphenation from the tarball',
  language: 'en',
  body: Array.from({ length: 12 }, () => ({
    type: 'paragraph',
    text: 'Internationalization considerations notwithstanding, comprehensive understanding of extraordinarily complicated administrative responsibilities necessitates characteristically uncompromising professionalism, institutionalized accountability, and unquestionably incomprehensible bureaucratic documentation throughout intergovernmental organizations.',
  })),
});

const urduArticle = JSON.stringify({
  headline: 'اردو میں خبر',
  language: 'ur',
  body: [{ type: 'paragraph', text: 'یہ ایک مضمون ہے۔ اردو نستعلیق میں لکھی جاتی ہے۔' }],
});

async function exportsEveryFormat(bin: string, cwd: string): Promise<void> {
  await writeFile(path.join(cwd, 'story.json'), article);
  const run = (args: string[]) => runProcess(process.execPath, [bin, ...args], { cwd });
  // The PDF renderer reads packages at run time (hyphenation patterns, fonts): an installed
  // copy without one set the text without hyphens (other bytes than the repository's build)
  // or failed. The same article gives the same bytes as the repository's build, and those
  // have hyphenated lines.
  await writeFile(path.join(cwd, 'long.json'), longArticle);
  const long = await run(['long.json', '-o', 'long.pdf']);
  expect(long.stderr).toBe('');
  expect(long.code).toBe(0);
  const repoBuild = await runExporter(['long.json', '-o', 'long-repo.pdf'], { cwd });
  expect(repoBuild.code, repoBuild.stderr).toBe(0);
  const [installedPdf, repoPdf] = await Promise.all(
    ['long.pdf', 'long-repo.pdf'].map((f) => readFile(path.join(cwd, f))),
  );
  const lines = (await pdfTextItems(repoPdf ?? new Uint8Array())).map((i) => i.str);
  expect(lines.filter((l) => /\p{L}-$/u.test(l)).length).toBeGreaterThan(0);
  expect(
    installedPdf?.equals(repoPdf ?? Buffer.alloc(0)),
    'PDF bytes differ from the repository build',
  ).toBe(true);
  await writeFile(path.join(cwd, 'urdu.json'), urduArticle);
  const urdu = await run(['urdu.json', '-o', 'urdu.pdf']);
  expect(urdu.stderr).toBe('');
  expect(urdu.code).toBe(0);
  const urduFonts = await pdffonts(await readFile(path.join(cwd, 'urdu.pdf')));
  expect(urduFonts.map((f) => f.name)).toContainEqual(expect.stringMatching(/Nastaliq/));
  const bundled = await run(['-f', 'epub,pdf,html,md,kepub', '-o', 'seed/']);
  expect(bundled.stderr).toBe('');
  expect(bundled.code).toBe(0);
  expect(bundled.stdout.split('\n').filter(Boolean)).toHaveLength(5);
  for (const [format, file] of [
    ['epub', 'story.epub'],
    ['pdf', 'story.pdf'],
    ['kepub', 'story.kepub.epub'],
  ]) {
    const result = await run(['story.json', '-o', file ?? '']);
    expect(result.stderr, format).toBe('');
    expect(result.code, format).toBe(0);
  }
  const epub = await readFile(path.join(cwd, 'story.epub'));
  const report = await epubcheckTs(epub);
  expect(report.problems, formatEpubCheckProblems(report)).toEqual([]);
  expect((await qpdfCheck(path.join(cwd, 'story.pdf'))).ok).toBe(true);
  // The newspaper layout's face ships inside the bundle (packages/render/fonts).
  const paper = await run([
    'story.json',
    'story.json',
    '--edition',
    'Packed',
    '-f',
    'pdf',
    '--layout',
    'columns',
    '-o',
    'paper.pdf',
  ]);
  expect(paper.stderr).toBe('');
  expect(paper.code).toBe(0);
  const fonts = await pdffonts(await readFile(path.join(cwd, 'paper.pdf')));
  expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''))).toContain('NotoSerif-SemiCondensed');
  const md = await run(['story.json', '-f', 'md', '-o', '-']);
  expect(md.stdout).toContain('# Packed and shipped');
  const version = await run(['--version']);
  expect(version.stdout).toMatch(/^pdfkit 0\.20\.2$/m);
  expect(version.stdout).toMatch(/^@napi-rs\/canvas \d/m);
}

describe('the packed exporter', () => {
  it('ships the bin, the bundle, its data files and the man page, and no workspace dependency', async () => {
    const list = await runProcess('tar', ['-tzf', tarball]);
    const files = list.stdout.split('\n');
    expect(files).toEqual(
      expect.arrayContaining([
        'package/bin/broadsheet-export.js',
        'package/dist/main.js',
        'package/dist/assets/packages/content/data/default-article.txt',
        'package/dist/assets/vendor/pdfkit/js/data/sRGB_IEC61966_2_1.icc',
        'package/man/broadsheet-export.1',
      ]),
    );
    const manifest = JSON.parse(
      (await runProcess('tar', ['-xzOf', tarball, 'package/package.json'])).stdout,
    ) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies).filter((d) => d.startsWith('@broadsheet/'))).toEqual(
      [],
    );
  }, 60_000);

  it('installs into an empty folder outside the repository and exports every format there', async () => {
    const dir = path.join(work.dir, 'local');
    await mkdir(dir);
    await writeFile(path.join(dir, 'package.json'), '{"private":true}');
    const installed = await npm(['install', tarball], dir);
    expect(installed.code, installed.stderr).toBe(0);
    await exportsEveryFormat(path.join(dir, 'node_modules/.bin/broadsheet-export'), dir);
  }, 900_000);

  it('installs globally (npm i -g --prefix) with its man page', async () => {
    const prefix = path.join(work.dir, 'global');
    const installed = await npm(['install', '-g', '--prefix', prefix, tarball], work.dir);
    expect(installed.code, installed.stderr).toBe(0);
    const man = await readFile(path.join(prefix, 'share/man/man1/broadsheet-export.1'), 'utf8');
    expect(man).toContain('\\-\\-toc\\-depth');
    const cwd = path.join(work.dir, 'elsewhere');
    await mkdir(cwd);
    await exportsEveryFormat(path.join(prefix, 'bin/broadsheet-export'), cwd);
  }, 900_000);
});
