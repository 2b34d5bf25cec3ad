/**
 * The words of a search, as both backends read them (SQLite FTS5, PostgreSQL to_tsquery).
 *
 * Search work must not grow with what a client types: a repeated word adds nothing to which
 * articles match but multiplies the matches every ranking and snippet walks, and a
 * one-letter prefix (`a*`) matches a large share of every text. So words are deduplicated
 * (case-insensitively) before the first MAX_TERMS are kept, and a word matches as a prefix
 * only from PREFIX_MIN_CHARS characters on; a shorter one matches exactly, except in scripts
 * written without spaces (Chinese, Japanese, Korean), where one character is a word.
 */

/** Distinct words of a query kept; the rest are ignored. */
export const MAX_TERMS = 16;

/** Characters (code points) from which a word matches as a prefix. */
export const PREFIX_MIN_CHARS = 2;

/**
 * Characters of each field (headline, standfirst, highlights, body) a result's snippet is
 * taken from: the snippet functions (FTS5 snippet(), ts_headline) take time that grows
 * faster than the text they read, so they never read more than this.
 */
export const SNIPPET_SOURCE_CHARS = 1_000;

/** Han, kana (with the prolonged sound mark) and Hangul: scripts written without word spaces. */
export const CJK =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]+/gu;
/** One character of those scripts (CJK without its global flag, so `test` keeps no state). */
const CJK_CHAR = new RegExp(CJK.source, 'u');

/**
 * The searchable words of `q` (letters, digits and marks; everything else separates words),
 * NFC, the first spelling of each distinct word kept, at most MAX_TERMS. Empty when none.
 */
export function searchTerms(q: string): string[] {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const [term] of q.normalize('NFC').matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const key = term.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
    if (terms.length === MAX_TERMS) break;
  }
  return terms;
}

/** Whether `word` matches as a prefix (see PREFIX_MIN_CHARS), rather than only exactly. */
export function matchesAsPrefix(word: string): boolean {
  const chars = Array.from(word);
  return chars.length >= PREFIX_MIN_CHARS || chars.some((c) => CJK_CHAR.test(c));
}
