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
  let text = '';
  const flush = () => {
    if (text !== '') runs.push(strong ? { text, strong: true } : { text });
    text = '';
  };
  for (const char of snippet) {
    if (char === MATCH_START || char === MATCH_END) {
      flush();
      strong = char === MATCH_START;
    } else {
      text += char;
    }
  }
  flush();
  return runs;
}
