import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runProcess, type ProcessResult } from '@broadsheet/testing';

const require = createRequire(import.meta.url);

/** The built `broadsheet-export` bin, found through the workspace package like an installed one. */
export function exporterBin(): string {
  const manifest = require.resolve('@broadsheet/exporter/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  const main = bin['broadsheet-export'];
  if (main === undefined) throw new Error('@broadsheet/exporter has no broadsheet-export bin');
  return path.resolve(path.dirname(manifest), main);
}

export interface ExportRunOptions {
  cwd: string;
  stdin?: string;
  env?: Record<string, string>;
}

/** Runs the built command line as its own process, as a user's shell would. */
export function runExporter(
  args: readonly string[],
  options: ExportRunOptions,
): Promise<ProcessResult> {
  return runProcess(process.execPath, [exporterBin(), ...args], options);
}

/** A temporary working directory, and what ended up in it. */
export async function tempWorkDir(prefix: string) {
  const dir = await mkdtemp(path.join(tmpdir(), `broadsheet-${prefix}-`));
  return {
    dir,
    files: async (sub = '.') =>
      (await readdir(path.join(dir, sub), { recursive: true })).map(String).sort(),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
