import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { articleJson, articlesJson } from '@broadsheet/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeFs, type CliFs } from './cli-fs.js';
import { runCli, workDir } from './test-support/harness.js';

/**
 * What a run must never leave behind: an input replaced by its own output, files written
 * before a bad --metadata value is noticed, a temporary file, or a hang when the file a PDF
 * streams into fails.
 */

let work: Awaited<ReturnType<typeof workDir>>;
beforeEach(async () => {
  work = await workDir();
  await put('a.json', articleJson('Alpha'));
  await put('b.json', articleJson('Beta'));
});
afterEach(async () => {
  await work.remove();
});

/** A saved web page whose headline makes the slug `local-served-story`. */
const PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Local served story</title></head><body><article><h1>Local served story</h1>
<p>${'The harbour reopened on Tuesday after a week of storms, and the first ferries left on time. '.repeat(4)}</p>
<p>${'Crews worked through the night to clear the cranes and the quay of debris and sand. '.repeat(4)}</p>
</article></body></html>`;

async function put(name: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.join(work.dir, name)), { recursive: true });
  await writeFile(path.join(work.dir, name), content);
}

/** Every file under the work directory with its bytes (symlinks read through). */
async function snapshot(): Promise<Record<string, string>> {
  const names = (await readdir(work.dir, { recursive: true, withFileTypes: true }))
    .filter((e) => !e.isDirectory())
    .map((e) => path.relative(work.dir, path.join(e.parentPath, e.name)))
    .sort();
  const entries = await Promise.all(
    names.map(async (n) => [n, await readFile(path.join(work.dir, n), 'utf8')] as const),
  );
  return Object.fromEntries(entries);
}

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('an output that would replace one of the inputs', { timeout: 60_000 }, () => {
  beforeEach(async () => {
    await put('local-served-story.html', PAGE);
    await put('page.html', PAGE);
    await put('style.html', 'p { color: #123456; }\n');
    await put('sub/keep.txt', 'kept');
    await symlink('page.html', path.join(work.dir, 'link.html'));
  });

  it.each<[string, string[], string, string]>([
    [
      'a saved page named like its slug, into the current directory',
      ['local-served-story.html', '-f', 'html'],
      'local-served-story.html',
      'local-served-story.html',
    ],
    [
      'the same with ./ on the input and -o ./, among other formats',
      ['./local-served-story.html', '-f', 'md,html', '-o', './'],
      'local-served-story.html',
      './local-served-story.html',
    ],
    ['-o FILE naming the input', ['page.html', '-o', 'page.html'], 'page.html', 'page.html'],
    [
      '-o FILE reaching the input through another path',
      ['page.html', '-o', 'sub/../page.html'],
      'sub/../page.html',
      'page.html',
    ],
    [
      'an input given through a symlink',
      ['link.html', '-o', 'page.html'],
      'page.html',
      'link.html',
    ],
    ['-o FILE a symlink to the input', ['page.html', '-o', 'link.html'], 'link.html', 'page.html'],
    [
      'one input of an edition',
      ['a.json', 'page.html', '-e', 'Brief', '-o', 'page.html'],
      'page.html',
      'page.html',
    ],
    [
      'the --css file',
      ['a.json', '--css', 'style.html', '-o', 'style.html'],
      'style.html',
      'style.html',
    ],
  ])('is refused: %s', async (_name, argv, output, input) => {
    const before = await snapshot();
    const result = await runCli(argv, work.dir);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      `-o: ${output}: would replace the input ${input}; write elsewhere with -o DIR/ or -o FILE`,
    ]);
    expect(result.stdout).toBe('');
    expect(await snapshot()).toEqual(before);
  });

  it.each<[string, string[], string]>([
    ['a saved page named otherwise', ['page.html', '-f', 'html'], 'local-served-story.html'],
    [
      'a saved page named like its slug, into another directory',
      ['local-served-story.html', '-f', 'html', '-o', 'out/'],
      'out/local-served-story.html',
    ],
    ['-o FILE beside the input', ['page.html', '-o', 'page.md'], 'page.md'],
  ])('lets through %s', async (_name, argv, written) => {
    const result = await runCli(argv, work.dir);
    expect(result).toMatchObject({ code: 0, stderr: '', stdout: `${written}\n` });
    expect((await readFile(path.join(work.dir, written), 'utf8')).length).toBeGreaterThan(0);
    expect(await readFile(path.join(work.dir, 'page.html'), 'utf8')).toBe(PAGE);
  });
});

describe('--metadata is checked once, before anything is written', { timeout: 60_000 }, () => {
  const ALL = ['-f', 'epub,pdf,html,md,kepub', '-o', 'bad/'];
  it.each<[string, string[], RegExp]>([
    [
      'an impossible date',
      ['a.json', '-M', 'date=2024-13-45', ...ALL],
      /^error: option '-M, --metadata <key=value>' argument 'date=2024-13-45' is invalid\. date: expected YYYY-MM-DD or an ISO 8601 date-time with a time zone/,
    ],
    [
      'a date-time without a time zone',
      ['a.json', '-M', 'date=2024-01-01T10:00', ...ALL],
      /argument 'date=2024-01-01T10:00' is invalid\. date: /,
    ],
    [
      'a language that is not BCP 47, for two inputs in five formats',
      ['a.json', 'b.json', '-M', 'language=not a tag!', ...ALL],
      /^--metadata: language: must be a BCP 47 language tag/,
    ],
    [
      'an author for an edition',
      ['a.json', 'b.json', '-e', 'Brief', '-M', 'author=A. Writer', ...ALL],
      /^--metadata: author: an edition has no author of its own/,
    ],
    [
      'a title over the model limit',
      ['a.json', '-M', `title=${'T'.repeat(301)}`, ...ALL],
      /^--metadata: title: must be at most 300 characters$/,
    ],
  ])('%s: one line, exit 2, nothing created', async (_name, argv, message) => {
    const before = await snapshot();
    const result = await runCli(argv, work.dir);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(lines(result.stderr)[0]).toMatch(message);
    expect(result.stdout).toBe('');
    expect(await snapshot()).toEqual(before);
    expect(existsSync(path.join(work.dir, 'bad'))).toBe(false);
  });

  it.each<[string, string]>([
    ['2024-01-31', '2024-01-31'],
    ['2024-01-31T10:00Z', '2024-01-31T10:00:00Z'],
    ['2024-01-31T10:00+05:30', '2024-01-31T10:00:00+05:30'],
    ['2024-01-31T10:00:15.250-03:00', '2024-01-31T10:00:15.250-03:00'],
  ])('date=%s is accepted, as %s', async (date, published) => {
    const result = await runCli(
      ['a.json', '-M', `date=${date}`, '-f', 'html', '-o', '-'],
      work.dir,
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`"datePublished":"${published}"`);
  });
});

describe('a file that fails while a PDF streams into it', { timeout: 60_000 }, () => {
  // A real failing file: every write to /dev/full fails with ENOSPC, as on a full disk.
  const fullDisk: CliFs = { ...nodeFs, createWriteStream: () => createWriteStream('/dev/full') };

  it.skipIf(!existsSync('/dev/full')).each<[string, string[], string[], string[]]>([
    [
      'two articles',
      ['a.json', 'b.json', '-f', 'pdf,md', '-o', 'out/'],
      [
        'a.json: internal error while writing out/alpha.pdf: ENOSPC: no space left on device, write',
        'b.json: internal error while writing out/beta.pdf: ENOSPC: no space left on device, write',
      ],
      ['out/alpha.md', 'out/beta.md'],
    ],
    [
      'a long edition',
      ['long.json', '-e', 'Long', '-f', 'pdf,md', '-o', 'out/'],
      [
        '--edition: internal error while writing out/2026-11-28-long.pdf: ENOSPC: no space left on device, write',
      ],
      ['out/2026-11-28-long.md'],
    ],
  ])(
    'on a full disk, %s: one line each, exit 1, the other formats written, no temporary file',
    async (_name, argv, errors, written) => {
      await put('long.json', articlesJson(30, 40));
      const result = await runCli(argv, work.dir, { fs: fullDisk });
      expect(result.code).toBe(1);
      expect(lines(result.stderr)).toEqual(errors);
      expect(lines(result.stdout)).toEqual(written);
      expect(await readdir(path.join(work.dir, 'out'))).toEqual(
        written.map((w) => path.basename(w)),
      );
    },
  );

  it.each<[string, string, RegExp | undefined]>([
    [
      'in a missing directory',
      'missing/x.pdf',
      /^-o: missing\/x\.pdf: cannot write: no such directory$/,
    ],
    [
      'named with 256 bytes',
      `${'y'.repeat(252)}.pdf`,
      /: cannot write: the file name is too long$/,
    ],
    ['named with 255 bytes', `${'y'.repeat(251)}.pdf`, undefined],
    ['named with 244 bytes', `${'y'.repeat(240)}.pdf`, undefined],
  ])('-o FILE.pdf %s', async (_name, file, refused) => {
    const result = await runCli(['a.json', '-o', file], work.dir);
    if (refused === undefined) {
      expect(result).toMatchObject({ code: 0, stderr: '', stdout: `${file}\n` });
      expect((await readFile(path.join(work.dir, file))).subarray(0, 5).toString()).toBe('%PDF-');
    } else {
      expect(result.code).toBe(2);
      expect(lines(result.stderr)).toHaveLength(1);
      expect(lines(result.stderr)[0]).toMatch(refused);
    }
    expect((await readdir(work.dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
