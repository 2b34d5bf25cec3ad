import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

describe('starting the server with a bad environment', () => {
  it.each([
    [{ PORT: 'http' }, /PORT must be a whole number from 0 to 65535 \(got "http"\)\./],
    [{ PORT: '99999' }, /PORT must be a whole number/],
    [{ BROADSHEET_BODY_LIMIT: 'huge' }, /BROADSHEET_BODY_LIMIT must be a size/],
    [
      { BROADSHEET_TRUST_PROXY: '10.0.0.0/40' },
      /BROADSHEET_TRUST_PROXY must be a hop count .* \(got "10\.0\.0\.0\/40"\)\./,
    ],
  ])('%o stops with a sentence and exit code 2, no stack trace', (env, message) => {
    expect(existsSync(main), 'build the API first (npx tsc -p tsconfig.build.json)').toBe(true);
    const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-main-'));
    try {
      const result = spawnSync(process.execPath, [main], {
        env: { ...process.env, BROADSHEET_DATA_DIR: dataDir, ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
