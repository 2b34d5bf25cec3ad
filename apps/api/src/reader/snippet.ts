/** Search-result snippets as plain segments; the template escapes each and marks the matches. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** Words of a query worth highlighting: letters and digits of any script, two or more long. */
export function queryTerms(query: string): string[] {
  const words = query.toLocaleLowerCase().match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= 2))];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A window of `text` around the first query term, with every term occurrence marked. Without
 * a match it returns the start of the text, so a result never shows an empty snippet.
 */
export function snippet(text: string, query: string, radius = 90): SnippetPart[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const terms = queryTerms(query);
  if (terms.length === 0) return flat ? [{ text: cut(flat, 0, radius * 2), match: false }] : [];
  const pattern = new RegExp(`(${terms.map(escapeRegExp).join('|')})`, 'giu');
  const first = flat.search(pattern);
  const start = first < 0 ? 0 : Math.max(0, first - radius);
  const window = cut(flat, start, radius * 2);
  const parts: SnippetPart[] = [];
  let last = 0;
  for (const m of window.matchAll(pattern)) {
    const at = m.index;
    if (at > last) parts.push({ text: window.slice(last, at), match: false });
    parts.push({ text: m[0], match: true });
    last = at + m[0].length;
  }
  if (last < window.length) parts.push({ text: window.slice(last), match: false });
  return parts;
}

/** `length` characters from `start`, widened to whole words, with ellipses where text was cut. */
function cut(text: string, start: number, length: number): string {
  let from = start;
  if (from > 0) {
    const space = text.indexOf(' ', from);
    from = space >= 0 && space - from < 20 ? space + 1 : from;
  }
  let to = Math.min(text.length, from + length);
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    to = space > from ? space : to;
  }
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
}
