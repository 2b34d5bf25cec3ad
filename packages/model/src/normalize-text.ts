// C0 and C1 controls, DEL, and the Unicode non-characters: never meaningful in article text.
// Tab, line feed and carriage return are white space and are folded below instead.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]/g;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// All Unicode white space, including no-break and zero-width-free spaces used by CMSs.
const WHITE_SPACE = /[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+/g;

/**
 * Normalises a piece of text the way every string in the model is stored: lone surrogates
 * become U+FFFD, control characters are dropped, runs of white space become one space, the
 * ends are trimmed and the result is in Unicode NFC.
 */
export function normalizeText(value: string): string {
  return value
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(CONTROL, '')
    .replace(WHITE_SPACE, ' ')
    .trim()
    .normalize('NFC');
}

/**
 * Like normalizeText but keeps the leading and trailing space of an inline run, since
 * "word " + "emphasis" must not become "wordemphasis".
 */
export function normalizeRunText(value: string): string {
  const cleaned = value
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(CONTROL, '')
    .replace(WHITE_SPACE, ' ')
    .normalize('NFC');
  return cleaned;
}
