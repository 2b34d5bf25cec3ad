// @ts-check
// Runs before `npm start` and `npm test` so that each works alone on a fresh clone:
// install when node_modules is missing or older than the lockfile, otherwise do nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, utimesSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const missing = !existsSync(marker);
const stale = !missing && statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs;

if (missing || stale) {
  // A fresh clone gets exactly the lockfile (`npm ci`); an existing tree is only topped up.
  const command = missing ? 'ci' : 'install';
  console.log(
    `broadsheet: npm ${command} (node_modules ${missing ? 'missing' : 'older than package-lock.json'})`,
  );
  const result = spawnSync('npm', [command, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // npm may rewrite package-lock.json after its own marker; touch the marker so the next run is a no-op.
  const now = new Date();
  utimesSync(marker, now, now);
}
