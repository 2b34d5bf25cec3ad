import { matchesAsPrefix, searchTerms } from '../search-terms.js';

/**
 * Turns what a person typed into safe FTS5 phrases: words only (FTS5 syntax characters are
 * dropped rather than interpreted), each quoted, matching as a prefix from two characters on
 * (see search-terms.ts), repeats dropped. Undefined when nothing searchable is left.
 */
function ftsPhrases(q: string): string[] | undefined {
  const terms = searchTerms(q);
  if (terms.length === 0) return undefined;
  return terms.map((t) => (matchesAsPrefix(t) ? `"${t}"*` : `"${t}"`));
}

/** The FTS5 query of a search: every word required. Undefined when nothing is searchable. */
export function toFtsQuery(q: string): string | undefined {
  return ftsPhrases(q)?.join(' ');
}

/**
 * The FTS5 query a snippet is made with: any of the words. A result matches every word, but
 * its snippet source holds only the start of each field, which may hold only some of them.
 */
export function toFtsAnyQuery(q: string): string | undefined {
  return ftsPhrases(q)?.join(' OR ');
}

/** Tokens in a snippet, as snippet() is asked for. */
export const SNIPPET_TOKENS = 24;

/**
 * The snippet of a result none of whose words lie in its snippet source: the first
 * SNIPPET_TOKENS words of `text` (the start of its body), nothing marked, '…' when cut.
 */
export function leadSnippet(text: string | undefined): string {
  if (text === undefined) return '';
  let end = 0;
  let count = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    if (count === SNIPPET_TOKENS) return `${text.slice(0, end)}…`;
    end = match.index + match[0].length;
    count++;
  }
  return text;
}
