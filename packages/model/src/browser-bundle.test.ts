import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Bundles code for browsers and lists every Node built-in it reaches, or the build errors. */
async function bundleForBrowser(stdin: string) {
  const result = await build({
    stdin: {
      contents: stdin,
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'broadsheet',
    write: false,
    metafile: true,
    logLevel: 'silent',
  }).catch((error: unknown) => ({ error }));
  if ('error' in result)
    return {
      errors: String((result.error as Error).message),
      nodeImports: [] as string[],
      code: '',
    };
  const nodeImports = Object.values(result.metafile.inputs)
    .flatMap((input) => input.imports.map((i) => i.path))
    .filter((path) => path.startsWith('node:') || NODE_BUILTINS.has(path));
  return { errors: '', nodeImports, code: result.outputFiles[0]?.text ?? '' };
}

describe('the package in a browser bundle', () => {
  it('bundles for the browser platform without any Node built-in', async () => {
    const { errors, nodeImports, code } = await bundleForBrowser(
      `export * from ${JSON.stringify(entry)};`,
    );
    expect(errors).toBe('');
    expect(nodeImports).toEqual([]);
    expect(code).not.toMatch(/require\(["']node:|from ["']node:/u);

    // Run it where only browser globals exist (no process, Buffer or require).
    const sandbox = { URL, TextEncoder, TextDecoder, result: undefined as unknown };
    vm.runInNewContext(
      `${code}
      const article = broadsheet.importPlainText('Headline here\\nBy Jane Doe\\n\\nMOSCOW (Reuters) - Text of the story.');
      result = { id: article.id, dateline: article.dateline, ninjs: broadsheet.fromNinjs(broadsheet.toNinjs(article)).id, ld: broadsheet.toJsonLd(article)['@type'] };`,
      sandbox,
    );
    expect(sandbox.result).toMatchObject({
      dateline: { place: 'MOSCOW', agency: 'Reuters' },
      ld: 'NewsArticle',
    });
    const { id, ninjs } = sandbox.result as { id: string; ninjs: string };
    expect(ninjs).toBe(id);
  }, 60_000);

  it('would catch a Node import (the check can fail)', async () => {
    const { errors, nodeImports } = await bundleForBrowser(
      `import { readFileSync } from 'node:fs'; export const x = readFileSync;`,
    );
    expect(errors !== '' || nodeImports.length > 0).toBe(true);
  }, 60_000);
});
