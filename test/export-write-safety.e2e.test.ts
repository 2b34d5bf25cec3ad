import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { articleJson, articlesJson, runProcess } from '@broadsheet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exporterBin, runExporter, tempWorkDir } from './support/exporter-process.js';

/**
 * `broadsheet-export` as its own process where the process itself was the problem: a PDF
 * whose file fails must end with a message and an exit status (not a silent exit 13 from an
 * unsettled top-level await, nor a crash that leaves the temporary file), an input must
 * never be replaced by its own output, and a bad --metadata value must stop the run once.
 */

let work: Awaited<ReturnType<typeof tempWorkDir>>;
beforeAll(async () => {
  work = await tempWorkDir('export-write-safety');
  await put('a.json', articleJson('Alpha'));
  // An edition whose PDF is several hundred kilobytes: written over many drains.
  await put('long.json', articlesJson(30, 40));
});
afterAll(async () => {
  await work.remove();
});

async function put(name: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.join(work.dir, name)), { recursive: true });
  await writeFile(path.join(work.dir, name), content);
}

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('a PDF whose file fails', () => {
  it('that cannot be created: exit 2 and the one-line reason, as for the other formats', async () => {
    const result = await runExporter(['a.json', '-o', 'nowhere/x.pdf'], { cwd: work.dir });
    expect(result.stderr).toBe('-o: nowhere/x.pdf: cannot write: no such directory\n');
    expect(result.code).toBe(2);
    expect(existsSync(path.join(work.dir, 'nowhere'))).toBe(false);
  });

  // A file-size limit (RLIMIT_FSIZE; Node ignores SIGXFSZ, so writes fail with EFBIG) stands
  // in for a full disk without privileges: the write fails part-way through the stream.
  it('that fills up part-way: exit 1, one line, and no temporary file left', async () => {
    await mkdir(path.join(work.dir, 'limited'));
    const result = await runProcess(
      '/bin/sh',
      [
        '-c',
        'ulimit -f 64 && exec "$0" "$@"',
        process.execPath,
        exporterBin(),
        'long.json',
        '-e',
        'Long',
        '-f',
        'pdf',
        '-o',
        'limited/',
      ],
      { cwd: work.dir },
    );
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(
        /^--edition: internal error while writing limited\/[\d-]+-long\.pdf: EFBIG: file too large, write$/,
      ),
    ]);
    expect(result.code).toBe(1);
    expect(await readdir(path.join(work.dir, 'limited'))).toEqual([]);
  });

  it('named with 244 bytes is written (its temporary name fits too)', async () => {
    const name = `${'y'.repeat(240)}.pdf`;
    const result = await runExporter(['a.json', '-o', name], { cwd: work.dir });
    expect(result).toMatchObject({ code: 0, stderr: '', stdout: `${name}\n` });
    expect((await readFile(path.join(work.dir, name))).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('an input', () => {
  it('is never replaced by an output named like it', async () => {
    const page = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Local served story</title></head><body><article><h1>Local served story</h1>
<p>${'The harbour reopened on Tuesday after a week of storms, and the ferries left on time. '.repeat(4)}</p>
</article></body></html>`;
    await put('local-served-story.html', page);
    const result = await runExporter(['local-served-story.html', '-f', 'html'], {
      cwd: work.dir,
    });
    expect(result.stderr).toBe(
      '-o: local-served-story.html: would replace the input local-served-story.html; write elsewhere with -o DIR/ or -o FILE\n',
    );
    expect(result.code).toBe(2);
    expect(await readFile(path.join(work.dir, 'local-served-story.html'), 'utf8')).toBe(page);
  });
});

describe('--metadata', () => {
  it('with a bad value: one line naming it, exit 2, no directory made', async () => {
    const result = await runExporter(
      ['a.json', '-M', 'language=not a tag!', '-f', 'epub,pdf,html,md,kepub', '-o', 'bad/'],
      { cwd: work.dir },
    );
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(/^--metadata: language: must be a BCP 47 language tag/),
    ]);
    expect(result.code).toBe(2);
    expect(existsSync(path.join(work.dir, 'bad'))).toBe(false);
  });
});
