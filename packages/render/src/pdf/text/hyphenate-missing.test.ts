import type * as NodeModule from 'node:module';
import { describe, expect, it, vi } from 'vitest';

/**
 * An installed copy without the `hyphen` package (the exporter's tarball once shipped so):
 * each pattern module is missing. The renderer must say so, not set the text unhyphenated,
 * which silently changed the line breaks and the PDF's bytes.
 */
vi.mock('node:module', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeModule>();
  const createRequire: typeof actual.createRequire = (from) => {
    const real = actual.createRequire(from);
    const missing = (id: string): unknown => {
      if (id.startsWith('hyphen/')) {
        throw Object.assign(
          new Error(`Cannot find module '${id}'\nRequire stack:\n- ${String(from)}`),
          {
            code: 'MODULE_NOT_FOUND',
          },
        );
      }
      return real(id);
    };
    return Object.assign(missing, real) as NodeJS.Require;
  };
  return { ...actual, createRequire, default: { ...actual, createRequire } };
});

const { canHyphenate, hyphenationPoints } = await import('./hyphenate.js');

describe('hyphenation patterns that cannot be loaded', () => {
  it('fail loudly, naming the language and the module', () => {
    expect(() => hyphenationPoints('characteristically', 'en')).toThrow(
      /cannot load the hyphenation patterns for "en" \(hyphen\/en\): Cannot find module 'hyphen\/en'; the "hyphen" package must be installed/,
    );
    expect(() => canHyphenate('de-AT')).toThrow(/"de-AT" \(hyphen\/de\)/);
  });

  it('leave languages without patterns alone', () => {
    expect(canHyphenate('ja')).toBe(false);
    expect(hyphenationPoints('characteristically', 'zz')).toEqual([]);
  });
});
