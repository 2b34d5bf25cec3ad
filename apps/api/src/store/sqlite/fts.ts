import type { Run } from '@broadsheet/model';

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

/** Markers passed to snippet(); control characters cannot occur in stored text. */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

/** A snippet with markers → runs, matched terms `strong`. */
export function snippetRuns(snippet: string): Run[] {
  const runs: Run[] = [];
  let strong = false;
  for (const part of snippet.split(/([\u0002\u0003])/u)) {
    if (part === MATCH_START) strong = true;
    else if (part === MATCH_END) strong = false;
    else if (part !== '') runs.push(strong ? { text: part, strong: true } : { text: part });
  }
  return runs;
}
