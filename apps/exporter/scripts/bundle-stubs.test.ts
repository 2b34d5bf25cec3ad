import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { installedVersion } from '@broadsheet/testing';
import { STUBS, unusedLibraryParts } from './bundle-stubs.js';

/**
 * Pinned internals of the exporter bundle: each stub replaces a part of a library that the
 * library imports from one file. An upgrade that changes that file, or stops importing the
 * part (the stub then silently stops applying), fails here naming the library, the version
 * pinned and the stub.
 */
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const libraries = [...new Set(STUBS.map((s) => s.from))];

/** Which library file imports each stub, bundling the libraries as bundle.js does. */
async function importersOfStubs(): Promise<Map<string, string[]>> {
  const result = await build({
    stdin: {
      contents: libraries.map((l) => `import '${l}';`).join('\n'),
      resolveDir: root,
      loader: 'js',
    },
    bundle: true,
    write: false,
    outdir: path.join(root, 'dist-stub-check'),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    external: ['@napi-rs/canvas'],
    plugins: [unusedLibraryParts],
    metafile: true,
    logLevel: 'silent',
  });
  const importers = new Map<string, string[]>();
  const inputs: Metafile['inputs'] = result.metafile.inputs;
  for (const [file, input] of Object.entries(inputs)) {
    for (const imported of input.imports) {
      if (!imported.path.startsWith('unused:')) continue;
      const name = imported.path.slice('unused:'.length);
      importers.set(name, [...(importers.get(name) ?? []), path.resolve(root, file)]);
    }
  }
  return importers;
}

const sha256 = (file: string) =>
  createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);

describe('pinned internals: the exporter bundle stubs', () => {
  let importers: Map<string, string[]>;
  beforeAll(async () => {
    importers = await importersOfStubs();
  });

  it.each(STUBS.map((s) => [`${s.from} ${s.version}: ${s.path}`, s] as const))('%s', (_, stub) => {
    const where = `${stub.from} ${stub.version}: the bundle stub "${stub.path}" (${String(stub.filter)}, scripts/bundle-stubs.js)`;
    expect(
      installedVersion(stub.from, import.meta.url),
      `${where}: ${stub.from} is no longer the version pinned; check the stub, then update version and importer`,
    ).toBe(stub.version);
    const files = importers.get(stub.path) ?? [];
    expect(
      files.map((f) =>
        f.slice(f.lastIndexOf(`${path.sep}${stub.from}${path.sep}`) + stub.from.length + 2),
      ),
      `${where} no longer applies: ${stub.importer.file} no longer imports it`,
    ).toEqual([stub.importer.file]);
    expect(
      files[0] === undefined ? 'no importer' : sha256(files[0]),
      `${where}: ${stub.importer.file}, whose use of the part the stub reproduces, has changed`,
    ).toBe(stub.importer.sha256);
  });
});
