import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMissing } from './util/fs-errors.js';

export interface ResolvedToken {
  token: string;
  /** Where it came from: the environment, or the file in the data directory. */
  source: 'env' | 'file';
  /** The token file (only for `file`). */
  path?: string;
  /** True when this start generated the file. */
  created: boolean;
}

export const TOKEN_FILE = 'api-token';

/**
 * BROADSHEET_API_TOKEN when set; otherwise the token stored in the data directory,
 * generated (32 random bytes, base64url, mode 0600) on first start.
 */
export function resolveToken(dataDir: string, fromEnv: string | undefined): ResolvedToken {
  if (fromEnv !== undefined) return { token: fromEnv, source: 'env', created: false };
  const path = join(dataDir, TOKEN_FILE);
  try {
    const token = readFileSync(path, 'utf8').trim();
    if (token.length >= 16) return { token, source: 'file', path, created: false };
  } catch (err) {
    if (!isMissing(err)) throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(32).toString('base64url');
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${token}\n`, { mode: 0o600, flag: 'wx' });
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  return { token, source: 'file', path, created: true };
}
