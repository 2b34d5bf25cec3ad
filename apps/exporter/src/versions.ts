import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Set by the bundler (scripts/bundle.js) to the versions of the libraries it bundled. */
declare const BROADSHEET_BUNDLED_VERSIONS: Record<string, string> | undefined;

/** What --version names beside our own version: the renderers and the HTML importer. */
export const LIBRARIES = [
  '@broadsheet/render',
  'pdfkit',
  'fontkit',
  'epub-gen-memory',
  '@napi-rs/canvas',
  'jsdom',
  '@mozilla/readability',
] as const;

/** An installed package's version, looked up the way Node finds packages from here. */
function installedVersion(name: string): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) {
      return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** `--version`: ours, then each library (bundled ones as built, others as installed), then Node. */
export function versionText(own: string): string {
  const bundled =
    typeof BROADSHEET_BUNDLED_VERSIONS === 'undefined' ? {} : BROADSHEET_BUNDLED_VERSIONS;
  const libs = LIBRARIES.map(
    (name) => `${name} ${bundled[name] ?? installedVersion(name) ?? '(not installed)'}`,
  );
  return [`broadsheet-export ${own}`, ...libs, `Node.js ${process.version}`].join('\n');
}
