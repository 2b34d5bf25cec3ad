import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, workDir } from './test-support/harness.js';

let work: Awaited<ReturnType<typeof workDir>>;
beforeEach(async () => {
  work = await workDir();
});
afterEach(async () => {
  await work.remove();
});

const article = (headline: string, extra: object = {}) =>
  JSON.stringify({
    headline,
    language: 'en',
    body: [{ type: 'paragraph', text: 'Text.' }],
    ...extra,
  });

async function put(name: string, content: string) {
  await mkdir(path.dirname(path.join(work.dir, name)), { recursive: true });
  await writeFile(path.join(work.dir, name), content);
}

describe('bad arguments exit 2 and write nothing', { timeout: 30_000 }, () => {
  it.each<[string[], RegExp]>([
    [['--format', 'mobi'], /unknown format "mobi"/],
    [['--format', 'pdf', '--page-size', 'A5'], /expected A4, Letter, A3 or Tabloid/],
    [['--pdfa'], /--pdfa applies only to PDF output/],
    [['--nope'], /unknown option '--nope'/],
  ])('%j', async (argv, message) => {
    const result = await runCli([...argv, '--out', 'out'], work.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(await work.files()).toEqual([]);
  });
});

describe(
  'bad input exits 2 with FILE: field: reason and writes nothing',
  { timeout: 30_000 },
  () => {
    it.each<[string, string, string[], RegExp]>([
      [
        'a JSON syntax error',
        'bad.json',
        ['{\n  "headline": "x"\n  "language": "en"\n}'],
        /^bad\.json: line 3, column 3: invalid JSON: Expected ',' or '}'/m,
      ],
      [
        'a missing field',
        'bad.json',
        [JSON.stringify({ language: 'en', body: [{ type: 'paragraph', text: 'x' }] })],
        /^bad\.json: headline: /m,
      ],
      [
        'a bad element of an array',
        'bad.json',
        [`[${article('Fine')}, ${article('Bad', { publishedAt: 'yesterday' })}]`],
        /^bad\.json: 1\.publishedAt: must be an ISO 8601 date/m,
      ],
      ['an empty text file', 'empty.txt', [''], /^empty\.txt: line 1: the text is empty/m],
      ['a missing file', 'missing.json', [], /^missing\.json: cannot read: no such file$/m],
      [
        'an unsupported file type',
        'story.docx',
        ['x'],
        /^story\.docx: unsupported input type "\.docx"/m,
      ],
    ])('%s', async (_name, file, content, message) => {
      if (content[0] !== undefined) await put(file, content[0]);
      const before = await work.files();
      const result = await runCli([file, '--out', 'out'], work.dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
      expect(await work.files()).toEqual(before);
    });

    it('bad standard input is named <stdin>', async () => {
      const result = await runCli(['-', '--out', 'out'], work.dir, { stdin: '{"headline": }' });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^<stdin>: line 1, column 14: invalid JSON: Unexpected token '}'$/m,
      );
    });

    it('names a control character in a file name without sending it to the terminal', async () => {
      const result = await runCli(['evil\x1b[2J.json'], work.dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('evil\\x1b[2J.json: cannot read: no such file');
      expect(result.stderr).not.toContain('\x1b');
    });

    it('writes no edition when one of its inputs is bad', async () => {
      await put('good.json', article('Good'));
      await put('bad.json', article(''));
      const result = await runCli(
        ['good.json', 'bad.json', '--edition', 'Brief', '--out', 'out'],
        work.dir,
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^bad\.json: headline: must not be empty$/m);
      expect(result.stderr).toMatch(/^--edition: not written/m);
      expect(await work.files()).toEqual(['bad.json', 'good.json']);
    });

    it('rejects an edition title that is empty, as --edition', async () => {
      await put('good.json', article('Good'));
      const result = await runCli(['good.json', '--edition', '  ', '--out', 'out'], work.dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^--edition: title: must not be empty$/m);
      expect(await work.files()).toEqual(['good.json']);
    });

    it('rejects an --out that is a file', async () => {
      await put('good.json', article('Good'));
      await put('taken', 'a file');
      const result = await runCli(['good.json', '--out', 'taken'], work.dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^-o: taken: cannot create the directory: exists and is not a directory$/m,
      );
    });
  },
);
