import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

// A resolve hook that refuses the fetching stack: importing an entry that reaches it fails.
const HOOKS = `export async function resolve(specifier, context, next) {
  if (/^(undici|@broadsheet\\/fetch)(\\/|$)/.test(specifier)) throw new Error('loaded ' + specifier);
  return next(specifier, context);
}`;
const REGISTER = `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}));`;

/** Imports `entry` in a fresh Node process where the fetching stack cannot be loaded. */
const importWithoutFetching = (entry: string) =>
  run(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(REGISTER)}`,
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(entry)}); console.log(typeof m.parseFeed);`,
    ],
    { cwd: import.meta.dirname },
  );

describe('@broadsheet/feeds/parse', () => {
  it('gives parseFeed without loading the fetching stack (a parse thread starts cheaper)', async () => {
    const { stdout } = await importWithoutFetching('@broadsheet/feeds/parse');
    expect(stdout.trim()).toBe('function');
  });

  it('while the package index does load it (so the check above can fail)', async () => {
    await expect(importWithoutFetching('@broadsheet/feeds')).rejects.toThrow(
      /loaded (undici|@broadsheet\/fetch)/,
    );
  });
});
