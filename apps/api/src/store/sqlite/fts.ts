const MAX_TERMS = 16;

/**
 * Turns what a person typed into a safe FTS5 query: words only (FTS5 syntax characters
 * are dropped rather than interpreted), each quoted, each matching as a prefix, all required.
 * Returns undefined when nothing searchable is left.
 */
export function toFtsQuery(q: string): string | undefined {
  const terms = q.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu);
  if (!terms) return undefined;
  return terms
    .slice(0, MAX_TERMS)
    .map((t) => `"${t}"*`)
    .join(' ');
}
