import { describe, expect, it } from 'vitest';
import { MAX_BASE_BYTES, OutputNames, safeBaseName } from './output-names.js';

describe('safeBaseName', () => {
  it.each([
    ['pakistan-russia-look-at', 'pakistan-russia-look-at'],
    ['путин-и-пакистан', 'путин-и-пакистан'],
    ['e\u0301te\u0301', 'été'], // NFC, as macOS would otherwise store it differently
    ['../../etc/passwd', 'etc-passwd'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a-b-c-d-e-f-g-h-i-j'],
    ['.hidden', 'hidden'],
    ['-rf', 'rf'],
    ['tab\there\nnewline', 'tab-here-newline'],
    ['evil\u202Egpj.exe', 'evil-gpj.exe'], // right-to-left override would disguise the name
    ['می\u200cخواهم', 'می\u200cخواهم'], // Persian needs its zero-width non-joiner
    ['trailing. . ', 'trailing'],
    ['CON', 'CON-file'],
    ['nul.txt', 'nul.txt-file'],
    ['', 'article'],
    ['...', 'article'],
    ['2018-05-02-morning:brief', '2018-05-02-morning-brief'],
  ])('%j → %j', (raw, expected) => {
    expect(safeBaseName(raw)).toBe(expected);
  });

  it('keeps long names within the byte budget without splitting a character', () => {
    const name = safeBaseName('日本語'.repeat(100));
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(MAX_BASE_BYTES);
    expect(name).toMatch(/^(?:日本語)+日?本?$/u);
  });

  it('never cuts an emoji sequence in half', () => {
    const family = '👨‍👩‍👧';
    const name = safeBaseName(family.repeat(40));
    expect(name.length % family.length).toBe(0);
  });

  it('uses the fallback for an empty result', () => {
    expect(safeBaseName('///', 'edition')).toBe('edition');
  });
});

describe('OutputNames', () => {
  it('numbers repeated names, ignoring case as macOS and Windows do', () => {
    const names = new OutputNames();
    expect(['a', 'b', 'a', 'A', 'a-2', 'a'].map((n) => names.claim(n))).toEqual([
      'a',
      'b',
      'a-2',
      'A-3',
      'a-2-2',
      'a-4',
    ]);
  });
});
