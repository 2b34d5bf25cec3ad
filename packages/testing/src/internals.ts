import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Checks for the library internals our code patches or leans on. Each workspace that does so
 * has one "pinned internals" test per library listing them; when an upgrade (or a patch to
 * node_modules) changes one, the test names the library, the version we pinned, the internal
 * and the file of ours that relies on it, instead of failing somewhere far away or, worse,
 * silently writing different bytes.
 */

/** One internal: what it is now, and the shape our code was written against. */
export interface InternalShape {
  /** How the library names it, e.g. "PDFDocument.prototype._write". */
  name: string;
  /** Our file that relies on it. */
  usedBy: string;
  value: unknown;
  type: 'function' | 'object' | 'number' | 'string' | 'boolean';
  /** For functions: the number of declared parameters. */
  arity?: number;
  /**
   * For functions whose body we reproduce or depend on, where type and arity cannot show a
   * change: sourceFingerprint() of the function as pinned.
   */
  source?: string;
}

export interface PinnedLibrary {
  /** The npm package name. */
  library: string;
  /** The exact version the internals were checked against. */
  version: string;
  /** import.meta.url of the caller, to resolve the package the caller's workspace gets. */
  from: string;
}

/** The version of `library` that code next to `from` loads, read from its package.json. */
export function installedVersion(library: string, from: string): string {
  const require = createRequire(from);
  // Not every package exports ./package.json: find it above the entry point instead.
  let dir = dirname(require.resolve(library));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === library && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // no package.json at this level
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json for ${library} above ${from}`);
    dir = parent;
  }
}

/** A short hash of a function's source text, whitespace runs folded. */
export function sourceFingerprint(fn: unknown): string {
  const text = typeof fn === 'function' ? Function.prototype.toString.call(fn) : String(fn);
  return createHash('sha256').update(text.replace(/\s+/g, ' ')).digest('hex').slice(0, 16);
}

function describe(value: unknown): string {
  if (typeof value === 'function') return `a function of ${value.length} parameter(s)`;
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * What no longer matches, one line each ("" when all holds): the installed version against
 * the pinned one, then each internal's type, arity and source fingerprint.
 */
export function internalsProblems(pin: PinnedLibrary, shapes: readonly InternalShape[]): string[] {
  const problems: string[] = [];
  const installed = installedVersion(pin.library, pin.from);
  if (installed !== pin.version) {
    const users = [...new Set(shapes.map((s) => s.usedBy))].join(', ');
    problems.push(
      `${pin.library} ${installed} is installed but ${pin.version} is pinned: ${users} rely on ` +
        `its internals (${shapes.map((s) => s.name).join(', ')}); check each, then update the pin`,
    );
  }
  for (const shape of shapes) {
    const where = `${pin.library} ${pin.version}: ${shape.name}, which ${shape.usedBy} relies on,`;
    const expected =
      shape.type === 'function' && shape.arity !== undefined
        ? `a function of ${shape.arity} parameter(s)`
        : shape.type === 'object'
          ? 'an object'
          : `a ${shape.type}`;
    const actualType =
      shape.value === null
        ? 'null'
        : typeof shape.value === 'object'
          ? 'object'
          : typeof shape.value;
    if (
      actualType !== shape.type ||
      (shape.arity !== undefined && (shape.value as { length: number }).length !== shape.arity)
    ) {
      problems.push(`${where} is now ${describe(shape.value)}, expected ${expected}`);
      continue;
    }
    if (shape.source !== undefined) {
      const now = sourceFingerprint(shape.value);
      if (now !== shape.source)
        problems.push(
          `${where} has changed its source (fingerprint ${now}, pinned ${shape.source}); ` +
            `check that the patch still does what it did, then update the fingerprint`,
        );
    }
  }
  return problems;
}
