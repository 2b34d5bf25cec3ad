// @ts-check
// The library parts the exporter bundle replaces, as one table; bundle.js applies it and
// bundle-stubs.test.ts checks each entry against the library it pins.
import path from 'node:path';

/**
 * Parts of libraries that our renderers never call, replaced in the bundle because loading
 * them costs time on every run. Each is matched only when imported from inside `from`, and
 * each stub fails loudly if it is ever reached, so a change that starts using one cannot slip
 * past the tests. `version` and `importer` pin what each stub was written against: the
 * library's version, and the file inside it that imports the stubbed part (the first 16 hex
 * digits of its sha256), whose use of it the stub reproduces; bundle-stubs.test.ts checks both.
 *
 * @typedef {object} Stub
 * @property {string} from the library whose import is replaced
 * @property {string} version the version of `from` the stub was written against
 * @property {{ file: string, sha256: string }} importer the file in `from` that imports it
 * @property {RegExp} filter the import specifier
 * @property {string} path the stub's name in the bundle
 * @property {string} contents the stub's code
 *
 * @type {Stub[]}
 */
export const STUBS = [
  /*
   * epub-gen-memory's node-fetch (with whatwg-url and its Unicode tables), for downloads: our
   * writer (packages/render/src/epub/epub-writer.ts) overrides every image, font and cover
   * loader, so here fetch refuses, and "no network while rendering" holds by construction.
   */
  {
    from: 'epub-gen-memory',
    filter: /^node-fetch$/,
    version: '1.1.2',
    importer: { file: 'dist/lib/util/fetchable.js', sha256: '2e53f2df4e09c536' },
    path: 'node-fetch',
    contents:
      "module.exports = () => Promise.reject(new Error('the EPUB writer never fetches'));\n",
  },
  /*
   * epub-gen-memory's HTML clean-up (htmlparser2, css-select, entities, dom-serializer): the
   * writer hands it empty chapters and puts its own XHTML in afterwards; the clean-up of "" is "".
   */
  {
    from: 'epub-gen-memory',
    filter: /^\.\/html-parse$/,
    version: '1.1.2',
    importer: { file: 'dist/lib/util/html.js', sha256: '47a895b1dda78695' },
    path: 'html-parse',
    contents: `exports.fixHTML = (index, html) => {
  if (html === '') return '';
  throw new Error('epub-gen-memory got chapter markup; the EPUB writer passes empty chapters');
};\n`,
  },
  /*
   * fontkit's WOFF2 reader, the only user of the brotli package, whose decoder brings a 756 KB
   * dictionary literal that Node parses on every run (~100 ms) even though no font we embed is
   * WOFF2 (pdfkit cannot embed WOFF2; our faces are TrueType).
   */
  {
    from: 'fontkit',
    filter: /^brotli\/decompress(\.js)?$/,
    version: '2.0.4',
    importer: { file: 'dist/module.mjs', sha256: '3dde5aab2c79c239' },
    path: 'brotli-decompress',
    contents: `module.exports = () => {
  throw new Error('WOFF2 fonts are not supported: broadsheet-export leaves out the brotli decoder; use a TTF, OTF or WOFF font');
};\n`,
  },
  /*
   * pdfkit's AES (@noble/ciphers), used only to encrypt a PDF, which our renderer never asks
   * for (no passwords, and PDF/A forbids encryption). Importing it builds the S-boxes and
   * lookup tables on every run (~20-40 ms).
   */
  {
    from: 'pdfkit',
    filter: /^@noble\/ciphers\/aes(\.js)?$/,
    version: '0.20.2',
    importer: { file: 'js/pdfkit.node.mjs', sha256: 'f714efc70213fd5b' },
    path: 'noble-aes',
    contents: `const refuse = () => {
  throw new Error('PDF encryption is not supported: broadsheet-export leaves out the AES cipher');
};
export const cbc = refuse;
export const ecb = refuse;\n`,
  },
];

/** @type {import('esbuild').Plugin} */
export const unusedLibraryParts = {
  name: 'unused-library-parts',
  setup(b) {
    for (const stub of STUBS) {
      const inside = `${path.sep}${stub.from}${path.sep}`;
      b.onResolve({ filter: stub.filter }, (args) =>
        args.importer.includes(inside) ? { path: stub.path, namespace: 'unused' } : undefined,
      );
    }
    b.onLoad({ filter: /.*/, namespace: 'unused' }, (args) => {
      const stub = STUBS.find((s) => s.path === args.path);
      if (!stub) throw new Error(`no stub named ${args.path}`);
      return { contents: stub.contents, loader: 'js' };
    });
  },
};
