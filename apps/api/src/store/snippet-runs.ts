import type { Run } from '@broadsheet/model';

/** Markers around matched terms in a snippet (SQLite snippet(), PostgreSQL ts_headline); control characters cannot occur in stored text. */
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
