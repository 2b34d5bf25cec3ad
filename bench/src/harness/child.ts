import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface ChildRun {
  wallMs: number;
  /** Peak resident set of the largest process in the tree (getrusage ru_maxrss), MB. */
  peakRssMb: number;
  /**
   * User plus system CPU time of the process and the children it waited for (GNU time),
   * ms. On a shared machine this moves far less with other load than wall time does.
   */
  cpuMs: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ChildOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Kill the child after this long; a benchmark must never hang the run. */
  timeoutMs?: number;
}

const TIME = '/usr/bin/time';

/**
 * Runs a command under GNU time to get its peak RSS without sampling, and times it from here.
 * For a multi-process program (Chromium) the figure is its largest single process, which is
 * what GNU time reports for a tree; that is said in the table notes.
 */
export async function runMeasured(
  command: string,
  args: readonly string[],
  options: ChildOptions = {},
): Promise<ChildRun> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-time-'));
  const timeFile = join(dir, 'time.txt');
  try {
    const start = performance.now();
    const { code, stdout, stderr } = await spawnCollect(
      TIME,
      ['-f', '%M %U %S', '-o', timeFile, command, ...args],
      options,
    );
    const wallMs = performance.now() - start;
    const [kbText = '', user = '', system = ''] = (
      (await readFile(timeFile, 'utf8')).trim().split('\n').at(-1) ?? ''
    ).split(' ');
    const kb = Number.parseInt(kbText, 10);
    return {
      wallMs,
      peakRssMb: Number.isFinite(kb) ? kb / 1024 : Number.NaN,
      cpuMs: (Number.parseFloat(user) + Number.parseFloat(system)) * 1000,
      exitCode: code,
      stdout,
      stderr,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Like runMeasured, but a non-zero exit is an error that shows the child's stderr. */
export async function runChecked(
  command: string,
  args: readonly string[],
  options: ChildOptions = {},
): Promise<ChildRun> {
  const run = await runMeasured(command, args, options);
  if (run.exitCode !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${run.exitCode}: ${run.stderr.slice(-2000)}`,
    );
  }
  return run;
}

function spawnCollect(
  command: string,
  args: readonly string[],
  { cwd, env, input, timeoutMs = 600_000 }: ChildOptions,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout,
        stderr: signal ? `${stderr}\nkilled by ${signal}` : stderr,
      });
    });
    child.stdin.end(input ?? '');
  });
}
