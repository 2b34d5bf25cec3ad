// @ts-check
// Bundles the command line into dist/ so Node reads a few files instead of ~200 ES modules.
// Run after tsc (which type-checks); see the README's "Start-up" section for why.
import { chmod, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { unusedLibraryParts } from './bundle-stubs.js';
import { packageVersion } from './package-version.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.join(root, 'dist');
const repo = path.resolve(root, '../..');

/**
 * Left to Node at run time: native addons, and jsdom (it finds files beside its own code in
 * ways a rewrite below does not cover, and loads only for HTML inputs anyway).
 */
const EXTERNAL = [
  '@napi-rs/canvas',
  // native (libvips in @img/sharp-*), loaded only for --fetch-images and --grayscale
  'sharp',
  'jsdom',
  // node-fetch's optional charset converter, required in a try block
  'encoding',
];

/**
 * Bundled code still finds files beside its original module: our workspaces' fonts and seed
 * text, pdfkit's standard fonts and ICC profile (all through import.meta.url), CommonJS data
 * files (through __dirname). Each use becomes the original location, written relative to the
 * output file (fixed up below, once esbuild has placed the code), so the tree can still move
 * as a whole.
 */
const ORIGIN = '__BROADSHEET_ORIGIN__';
const CHUNK_URL = '__broadsheetChunkUrl';
/** @type {import('esbuild').Plugin} */
const keepOwnLocation = {
  name: 'keep-own-location',
  setup(b) {
    b.onLoad({ filter: /\.(c?js|mjs)$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const usesUrl = source.includes('import.meta.url');
      const usesDir = /\b__(dirname|filename)\b/.test(source);
      if (!usesUrl && !usesDir) return undefined;
      const origin = JSON.stringify(ORIGIN + path.relative(repo, args.path));
      // CommonJS: the module's own __filename and __dirname, declared inside the function
      // esbuild wraps the module in, so the code itself is left as it is. The output file's
      // URL comes from the banner: import.meta here would make esbuild take the file for ESM.
      const locals = usesDir
        ? `var __filename = require('node:url').fileURLToPath(new URL(${origin}, ${CHUNK_URL})), __dirname = require('node:path').dirname(__filename);\n`
        : '';
      const url = `new URL(${origin}, import.meta.url).href`;
      return {
        contents: locals + (usesUrl ? source.replaceAll('import.meta.url', url) : source),
        loader: 'js',
      };
    });
  },
};

/**
 * Where a bundled module's own location points in the built tree: under dist/assets/, at its
 * path in the repository with `node_modules` spelled `vendor` (so Node's package lookup from
 * there still climbs to the real node_modules of an installed copy). The module file itself
 * is not there; only the data files it reads (ASSETS) are copied, so dist/ is self-contained:
 * an installed tarball has no repository around it.
 */
const ASSETS_DIR = path.join(outdir, 'assets');
/** @param {string} original */
const assetPath = (original) =>
  path.join(
    ASSETS_DIR,
    original
      .split(path.sep)
      .join('/')
      .replace(/(^|\/)node_modules\//g, '$1vendor/'),
  );

/**
 * The files bundled code reads beside itself at run time, relative to the repository. Fonts
 * from npm are not here: the renderers resolve them as packages (declared dependencies), since
 * they are hundreds of megabytes; only the render package's own fonts (1 MB) are.
 */
const ASSETS = [
  // the seed article behind "no input"
  'packages/content/data',
  // Noto Serif SemiCondensed, the newspaper columns' text face
  'packages/render/fonts',
  // pdfkit's sRGB ICC profile (PDF/A), the metrics of the standard fonts it opens every
  // document with, and the package.json whose "imports" map `#standard-fonts/*`
  'node_modules/pdfkit/package.json',
  'node_modules/pdfkit/js/data',
  'node_modules/pdfkit/js/standard-fonts',
];

/**
 * Replaces each origin marker with the path from the output file to the module's place in dist/assets.
 * @param {string[]} outputs
 */
async function fixOrigins(outputs) {
  for (const file of outputs) {
    if (!file.endsWith('.js')) continue;
    const code = await readFile(file, 'utf8');
    if (!code.includes(ORIGIN)) continue;
    const fixed = code.replace(
      /__BROADSHEET_ORIGIN__([^"]+)/g,
      (_, /** @type {string} */ original) =>
        path.relative(path.dirname(file), assetPath(original)).split(path.sep).join('/'),
    );
    await writeFile(file, fixed);
  }
}

async function copyAssets() {
  await rm(ASSETS_DIR, { recursive: true, force: true });
  for (const asset of ASSETS) {
    await cp(path.join(repo, asset), assetPath(asset), { recursive: true });
  }
}

/**
 * A dynamic import() of a bundled CommonJS package would yield only `default` (esbuild does not
 * detect named exports as Node does), so `const { parse } = await import('jsonc-parser')`
 * would break. Each such import goes through a small module that gives what Node gives:
 * module.exports as the default and its keys (read here, at build time) as named exports.
 */
/** @type {import('esbuild').Plugin} */
const namedCjsExports = {
  name: 'named-cjs-exports',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.kind !== 'dynamic-import' || args.pluginData === 'cjs-names') return undefined;
      if (args.path.startsWith('node:') || EXTERNAL.includes(args.path)) return undefined;
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: 'cjs-names',
      });
      if (resolved.errors.length > 0 || resolved.external) return undefined;
      const names = commonJsNames(resolved.path);
      if (names === undefined) return undefined;
      return { path: resolved.path, namespace: 'cjs-names', pluginData: names };
    });
    b.onLoad({ filter: /.*/, namespace: 'cjs-names' }, (args) => {
      const file = JSON.stringify(args.path);
      /** @type {unknown} */
      const data = args.pluginData;
      const names = /** @type {string[]} */ (data);
      return {
        contents: `const m = require(${file});\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`,
        resolveDir: path.dirname(args.path),
        loader: 'js',
      };
    });
  },
};

/**
 * The export names of a CommonJS module, found by loading it here at build time; undefined
 * for an ES module, which esbuild already handles.
 * @param {string} file
 * @returns {string[] | undefined}
 */
function commonJsNames(file) {
  if (!/\.c?js$/.test(file)) return undefined;
  /** @type {unknown} */
  let loaded;
  try {
    loaded = createRequire(file)(file);
  } catch {
    return undefined;
  }
  const exported =
    (typeof loaded === 'object' && loaded !== null) || typeof loaded === 'function' ? loaded : {};
  // Node 20.19+ can require() an ES module too: it answers with the module's namespace.
  if (Symbol.toStringTag in exported && exported[Symbol.toStringTag] === 'Module') return undefined;
  return Object.keys(exported).filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
}

/**
 * The versions `broadsheet-export --version` prints for the libraries inside the bundle
 * (the installed ones, @napi-rs/canvas and jsdom, are looked up at run time).
 */
const BUNDLED = [
  '@broadsheet/render',
  'pdfkit',
  'fontkit',
  'epub-gen-memory',
  '@mozilla/readability',
];
/** @type {Record<string, string>} */
const bundledVersions = {};
for (const name of BUNDLED) {
  const manifest = path.join(repo, 'node_modules', name, 'package.json');
  bundledVersions[name] = await packageVersion(manifest);
}

// tsc has written dist/ (an unbundled build that runs as well); the bundle replaces its
// main.js and keeps its chunks apart, in dist/chunks/.
await rm(path.join(outdir, 'chunks'), { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // A package's "module" build first: "main" is often UMD (jsonc-parser), whose require()
  // calls inside a wrapper the bundler cannot follow.
  mainFields: ['module', 'main'],
  external: EXTERNAL,
  define: { BROADSHEET_BUNDLED_VERSIONS: JSON.stringify(bundledVersions) },
  plugins: [keepOwnLocation, namedCjsExports, unusedLibraryParts],
  // Bundled CommonJS calls require() for Node's own modules; ES modules have no require.
  // CHUNK_URL: see keepOwnLocation.
  banner: {
    js: [
      "import { createRequire as __bsCreateRequire } from 'node:module';",
      'const require = __bsCreateRequire(import.meta.url);',
      `const ${CHUNK_URL} = import.meta.url;`,
    ].join('\n'),
  },
  legalComments: 'linked',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
await fixOrigins(Object.keys(result.metafile.outputs).map((f) => path.resolve(root, f)));
await copyAssets();
await chmod(path.join(outdir, 'main.js'), 0o755);
