import { describe, expect, it } from 'vitest';
import { installedVersion, internalsProblems, sourceFingerprint } from './internals.js';

const pin = {
  library: 'fflate',
  version: installedVersion('fflate', import.meta.url),
  from: import.meta.url,
};
function twoArgs(a: number, b: number) {
  return a + b;
}

describe('internalsProblems', () => {
  it('finds nothing when version, type, arity and source hold', () => {
    expect(
      internalsProblems(pin, [
        {
          name: 'f',
          usedBy: 'x.ts',
          value: twoArgs,
          type: 'function',
          arity: 2,
          source: sourceFingerprint(twoArgs),
        },
        { name: 'n', usedBy: 'x.ts', value: 1, type: 'number' },
      ]),
    ).toEqual([]);
  });

  it.each([
    [
      'a missing function',
      undefined,
      'function',
      2,
      undefined,
      'is now a undefined, expected a function of 2',
    ],
    [
      'a changed arity',
      (a: number) => a,
      'function',
      2,
      undefined,
      'is now a function of 1 parameter(s)',
    ],
    [
      'an object become null',
      null,
      'object',
      undefined,
      undefined,
      'is now null, expected an object',
    ],
    [
      'a changed source',
      (a: number, b: number) => a - b,
      'function',
      2,
      sourceFingerprint(twoArgs),
      'has changed its source',
    ],
  ] as const)(
    'names library, pinned version, internal and user for %s',
    (_, value, type, arity, source, message) => {
      const problems = internalsProblems(pin, [
        {
          name: 'Thing.prototype.f',
          usedBy: 'ours.ts',
          value,
          type,
          ...(arity !== undefined && { arity }),
          ...(source !== undefined && { source }),
        },
      ]);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(
        `fflate ${pin.version}: Thing.prototype.f, which ours.ts relies on,`,
      );
      expect(problems[0]).toContain(message);
    },
  );

  it('names the installed and pinned versions when they differ', () => {
    const problems = internalsProblems({ ...pin, version: '0.0.1' }, [
      { name: 'f', usedBy: 'ours.ts', value: twoArgs, type: 'function', arity: 2 },
    ]);
    expect(problems).toEqual([
      `fflate ${pin.version} is installed but 0.0.1 is pinned: ours.ts rely on its internals (f); check each, then update the pin`,
    ]);
  });
});
