/**
 * What every string of the model may not contain: C0 and C1 controls, DEL, lone surrogates and
 * the Unicode non-characters (U+FDD0–U+FDEF, U+FFFE, U+FFFF). Most of them are not allowed in
 * XML 1.0 at all, so one of them in any field made every Atom feed and OPDS catalog holding it
 * malformed; none is meaningful in article text or in a URL.
 *
 * The functions below walk the text once, by code unit. They used to be chained global
 * `replace` calls, which on text with hundreds of thousands of matches (a control character or
 * a tab after every letter) spent time super-linear in the input, mostly in garbage collection.
 */

const SPACE = 0x20;
const REPLACEMENT = 0xfffd;

/** Tab, line feed and carriage return are white space (folded); \v and \f are controls. */
function isControl(c: number): boolean {
  return (
    c <= 0x08 ||
    c === 0x0b ||
    c === 0x0c ||
    (c >= 0x0e && c <= 0x1f) ||
    (c >= 0x7f && c <= 0x9f) ||
    (c >= 0xfdd0 && c <= 0xfdef) ||
    c === 0xfffe ||
    c === 0xffff
  );
}

/** JavaScript's `\s` minus \v and \f (controls, dropped): every Unicode space separator and line break. */
function isWhiteSpace(c: number): boolean {
  return (
    c === SPACE ||
    c === 0x09 ||
    c === 0x0a ||
    c === 0x0d ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

// Anything the walk would change. Text without any is returned as it is (after NFC), which is
// the common case and costs one regex test.
const NEEDS_TEXT_WORK =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001F\u007F-\u009F\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]| {2}/;
// eslint-disable-next-line no-control-regex
const NEEDS_URL_WORK = /[\u0000-\u001F\u007F-\u009F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/;

type Mode = 'text' | 'run' | 'url';

/** Code units to a string, in slices small enough for String.fromCharCode's argument list. */
function decode(units: Uint16Array, length: number): string {
  const parts: string[] = [];
  for (let i = 0; i < length; i += 8192)
    parts.push(String.fromCharCode(...units.subarray(i, Math.min(length, i + 8192))));
  return parts.join('');
}

// Short strings (most of them: one per field or line) share one buffer instead of allocating
// their own; long ones get a buffer that is dropped afterwards.
const SCRATCH_UNITS = 1 << 16;
const scratch = new Uint16Array(SCRATCH_UNITS);

/**
 * One pass: lone surrogates become U+FFFD, controls are dropped; in text, runs of white space
 * become one space (and `text` mode trims the ends); in URLs tab, line feed and carriage return
 * are dropped (as the WHATWG URL parser does) and other white space is kept.
 */
function clean(value: string, mode: Mode): string {
  const n = value.length;
  const out = n <= SCRATCH_UNITS ? scratch : new Uint16Array(n);
  let length = 0;
  let pendingSpace = false;
  const flushSpace = () => {
    if (pendingSpace && (length > 0 || mode !== 'text')) out[length++] = SPACE;
    pendingSpace = false;
  };
  for (let i = 0; i < n; i++) {
    let c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? value.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        flushSpace();
        out[length++] = c;
        out[length++] = next;
        i += 1;
        continue;
      }
      c = REPLACEMENT;
    } else if (isControl(c)) {
      continue;
    } else if (mode === 'url') {
      if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
    } else if (isWhiteSpace(c)) {
      pendingSpace = true;
      continue;
    }
    flushSpace();
    out[length++] = c;
  }
  if (mode === 'run') flushSpace();
  return decode(out, length);
}

// Characters before which NFC never changes anything: starters that never combine with the
// character before them (ASCII and Latin-1, basic Greek, Cyrillic, Hebrew and Arabic letters,
// kana, Han, Hangul syllables). Long text is normalised in pieces cut before one of them.
const NFC_SAFE_CUT =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u02FF\u0391-\u03A9\u03B1-\u03C9\u0410-\u044F\u05D0-\u05EA\u0621-\u064A\u3041-\u3096\u30A1-\u30FA\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3]/;
const NFC_PIECE = 1 << 20;

/**
 * `value.normalize('NFC')`, in pieces of about a million characters: V8's normalize costs time
 * super-linear in the length beyond a few million characters (measured on Node 20: 7 M
 * characters 4 ms, 14 M 115 ms, 29 M 450 ms).
 */
function nfc(value: string): string {
  if (value.length <= NFC_PIECE) return value.normalize('NFC');
  const parts: string[] = [];
  let start = 0;
  while (value.length - start > NFC_PIECE) {
    let cut = start + NFC_PIECE;
    while (cut < value.length && !NFC_SAFE_CUT.test(value.charAt(cut))) cut += 1;
    parts.push(value.slice(start, cut).normalize('NFC'));
    start = cut;
  }
  parts.push(value.slice(start).normalize('NFC'));
  return parts.join('');
}

/**
 * Normalises a piece of text the way every string in the model is stored: lone surrogates
 * become U+FFFD, control characters are dropped, runs of white space become one space, the
 * ends are trimmed and the result is in Unicode NFC.
 */
export function normalizeText(value: string): string {
  const cleaned = NEEDS_TEXT_WORK.test(value) ? clean(value, 'text') : value.trim();
  return nfc(cleaned);
}

/**
 * Like normalizeText but keeps the leading and trailing space of an inline run, since
 * "word " + "emphasis" must not become "wordemphasis".
 */
export function normalizeRunText(value: string): string {
  return nfc(NEEDS_TEXT_WORK.test(value) ? clean(value, 'run') : value);
}

/**
 * A URL or image source as stored: lone surrogates become U+FFFD (what the URL parser reads
 * them as), controls, tab and line breaks are dropped, the ends are trimmed. Not NFC: that
 * could change which resource a path names.
 */
export function normalizeUrl(value: string): string {
  return (NEEDS_URL_WORK.test(value) ? clean(value, 'url') : value).trim();
}
