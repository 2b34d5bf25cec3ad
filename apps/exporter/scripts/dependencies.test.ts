import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The installed package has no workspace around it: a library our bundled workspaces use is
 * either inside the bundle or a dependency in package.json, or an installed copy cannot find
 * it. The renderer's `hyphen` and Urdu font were once neither, so an installed copy set the
 * text unhyphenated (other PDF bytes than the repository's build) and failed on Urdu.
 */
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const repo = path.resolve(root, '../..');
const dist = path.join(root, 'dist');

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const manifest = readJson(path.join(root, 'package.json')) as Manifest;

/** The files inside the bundle, from its source maps. */
function bundledSources(): string[] {
  const maps = [
    path.join(dist, 'main.js.map'),
    ...readdirSync(path.join(dist, 'chunks'))
      .filter((f) => f.endsWith('.js.map'))
      .map((f) => path.join(dist, 'chunks', f)),
  ];
  return maps.flatMap((map) =>
    (readJson(map) as { sources: string[] }).sources.map((s) => path.resolve(path.dirname(map), s)),
  );
}

/** `@scope/name` or `name` of a file under some node_modules. */
function packageOf(file: string): string | undefined {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const [first = '', second = ''] = parts.slice(at + 1);
  return first.startsWith('@') ? `${first}/${second}` : first;
}

describe('the packed exporter’s dependencies', () => {
  it('declares every library of a bundled workspace that is not inside the bundle', () => {
    expect(existsSync(path.join(dist, 'main.js.map')), 'run npm run build first').toBe(true);
    const sources = bundledSources();
    const bundled = new Set(sources.map(packageOf).filter((p) => p !== undefined));
    const declared = new Set(Object.keys(manifest.dependencies ?? {}));
    const workspaces = Object.keys(manifest.devDependencies ?? {})
      .filter((d) => d.startsWith('@broadsheet/'))
      .map((name) => ({ name, dir: realpathSync(path.join(repo, 'node_modules', name)) }))
      // only those whose code is in the bundle (not @broadsheet/testing, say)
      .filter(({ dir }) => sources.some((s) => s.startsWith(dir + path.sep)));
    expect(workspaces.map((w) => w.name)).toContain('@broadsheet/render');
    const missing = workspaces.flatMap(({ name, dir }) =>
      Object.keys((readJson(path.join(dir, 'package.json')) as Manifest).dependencies ?? {})
        .filter((d) => !d.startsWith('@broadsheet/') && !bundled.has(d) && !declared.has(d))
        .map((d) => `${d} (used by ${name})`),
    );
    expect(missing).toEqual([]);
  });
});
