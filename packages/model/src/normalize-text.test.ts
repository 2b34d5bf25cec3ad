import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeRunText, normalizeText, normalizeUrl } from './normalize-text.js';

// The chained regexes normalizeText was before it became one pass: the reference it must equal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const WHITE_SPACE = /[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+/g;
const folded = (value: string) =>
  value.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '').replace(WHITE_SPACE, ' ');
const referenceText = (value: string) => folded(value).trim().normalize('NFC');
const referenceRun = (value: string) => folded(value).normalize('NFC');

// Characters where the rules differ: every kind of white space, control, surrogate half,
// non-character, combining mark and line break, mixed with letters and emoji.
const tricky = fc.string({
  unit: fc.constantFrom(
    ...'a é\u0301\t\n\r\v\f\u0000\u0001\u001f\u007f\u0085\u009f\u00a0\u1680\u2000\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff\ud800\udbff\udc00\udfff\ufdd0\ufdef\ufffe\uffff\ufffd😀中'.split(
      '',
    ),
  ),
  maxLength: 40,
});

describe('normalizeText', () => {
  it('equals the chained regex normalisation on any text', () => {
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 40 })), (value) => {
        expect(normalizeText(value)).toBe(referenceText(value));
        expect(normalizeRunText(value)).toBe(referenceRun(value));
      }),
      { numRuns: 3_000 },
    );
  });

  it('normalises text longer than one NFC piece the same as in one go', () => {
    const long = `${'e\u0301 Ж中 '.repeat(300_000)}\u0001x`;
    expect(normalizeText(long)).toBe(referenceText(long));
  });
});

describe('normalizeUrl', () => {
  it.each([
    ['drops C0 controls', 'https://example.com/a\u0001b', 'https://example.com/ab'],
    ['drops DEL and C1', 'https://example.com/a\u007fb\u0085c', 'https://example.com/abc'],
    ['drops tab and line breaks', 'https://example.com/a\tb\r\nc', 'https://example.com/abc'],
    ['drops non-characters', 'https://example.com/\ufffe\uffff\ufdd0a', 'https://example.com/a'],
    ['replaces lone surrogates', 'https://example.com/\ud800', 'https://example.com/\ufffd'],
    ['trims', '  https://example.com/ ', 'https://example.com/'],
    ['keeps inner spaces and pairs', 'images/my photo 😀.png', 'images/my photo 😀.png'],
    [
      'does not compose (paths are bytes)',
      'https://example.com/e\u0301',
      'https://example.com/e\u0301',
    ],
    [
      'keeps base64 data, line breaks out',
      'data:image/png;base64,iVBO\r\nRw0K',
      'data:image/png;base64,iVBORw0K',
    ],
  ])('%s', (_name, given, expected) => {
    expect(normalizeUrl(given)).toBe(expected);
  });
});
