import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root: the nearest ancestor of this file whose package.json is the workspace root. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'turbo.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bench: cannot find the repository root (turbo.json)');
    dir = parent;
  }
}

export const benchDir = (): string => join(repoRoot(), 'bench');
/** Compiled child scripts live beside this file's directory in dist/. */
export const childScript = (name: string): string =>
  join(dirname(dirname(fileURLToPath(import.meta.url))), 'children', name);
