import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { run, type CliIo } from '../cli.js';
import { nodeFs } from '../cli-fs.js';

/** A stream that keeps what is written to it, as stdout or stderr of an in-process run. */
export class Collector extends Writable {
  private readonly chunks: Buffer[] = [];
  isTTY = false;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(Buffer.from(chunk));
    done();
  }
  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
  get text(): string {
    return this.bytes.toString();
  }
}

export interface RunResult {
  code: number;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

/** A fresh temporary working directory per test. */
export async function workDir(): Promise<{
  dir: string;
  files: () => Promise<string[]>;
  remove: () => Promise<void>;
}> {
  const dir = await mkdtemp(path.join(tmpdir(), 'broadsheet-cli-'));
  return {
    dir,
    files: async () => (await readdir(dir, { recursive: true })).map(String).sort(),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Runs the command in-process in `cwd`, with the real file system unless `overrides` replace parts. */
export async function runCli(
  argv: string[],
  cwd: string,
  overrides: Partial<CliIo> & { stdin?: string } = {},
): Promise<RunResult> {
  const stdout = new Collector();
  const stderr = new Collector();
  const { stdin = '', ...rest } = overrides;
  const code = await run(argv, {
    cwd,
    stdout,
    stderr,
    readStdin: () => Promise.resolve(Buffer.from(stdin)),
    today: () => '2026-11-28',
    fs: nodeFs,
    version: '0.0.0-test',
    ...rest,
  });
  return { code, stdout: stdout.text, stdoutBytes: stdout.bytes, stderr: stderr.text };
}
