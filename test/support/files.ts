import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every regular file under `dir`, recursively. */
export function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Files under `dir` whose bytes are exactly `bytes` (how a test finds a cache entry without knowing the layout). */
export function filesWithBytes(dir: string, bytes: Uint8Array): string[] {
  return walk(dir).filter(
    (p) => statSync(p).size === bytes.length && Buffer.compare(readFileSync(p), bytes) === 0,
  );
}
