import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The built `broadsheet-export` bin, found through the workspace package like an installed one. */
export function exporterBin(): string {
  const manifest = require.resolve('@broadsheet/exporter/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  const main = bin['broadsheet-export'];
  if (main === undefined) throw new Error('@broadsheet/exporter has no broadsheet-export bin');
  return path.resolve(path.dirname(manifest), main);
}

export interface ExportRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ExportRunOptions {
  cwd: string;
  stdin?: string | Uint8Array;
  env?: Record<string, string>;
}

/** Runs the built command line as its own process, as a user's shell would. */
export function runExporter(
  args: readonly string[],
  options: ExportRunOptions,
): Promise<ExportRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [exporterBin(), ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
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
