#!/usr/bin/env node
// The edge of broadsheet-export: process arguments, environment, clock, stdio and signals.
// Everything else is in cli.ts, which tests run in-process.
import { readFileSync, rmSync } from 'node:fs';
import { buffer } from 'node:stream/consumers';
import { run } from './cli.js';
import { nodeFs } from './cli-fs.js';
import { todayFrom } from './today.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const pendingTemp = new Set<string>();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Never leave a half-written temporary file behind when the user presses Ctrl-C.
    for (const temp of pendingTemp) rmSync(temp, { force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

// `broadsheet-export ... | head -1` closes stdout early; the files are written all the same.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: async () => buffer(process.stdin),
  today: () => todayFrom(process.env, new Date()),
  fs: nodeFs,
  version: pkg.version,
  pendingTemp,
  debug: process.env.BROADSHEET_DEBUG === '1',
});
