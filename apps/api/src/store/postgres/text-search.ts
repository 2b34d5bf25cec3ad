import type { Run } from '@broadsheet/model';
import { CJK, matchesAsPrefix, searchTerms } from '../search-terms.js';

/**
 * Full-text search on PostgreSQL. Each article's tsvector is built with the text-search
 * configuration of its language (`broadsheet_<name>`: PostgreSQL's own stemmer and stop words,
 * with accents folded by `unaccent`, see migrations.ts), `broadsheet_simple` where PostgreSQL
 * has no stemmer. Chinese, Japanese and Korean are written without spaces between words, so a
 * run of their characters is also indexed as overlapping two-character pieces (bigrams), and a
 * word typed in a query is found anywhere inside a run as the phrase of its bigrams.
 */

/** BCP 47 primary language subtag → PostgreSQL's configuration name (its `<name>_stem` dictionary). */
const LANGUAGES: Record<string, string> = {
  ar: 'arabic',
  ca: 'catalan',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  eu: 'basque',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hi: 'hindi',
  hu: 'hungarian',
  hy: 'armenian',
  id: 'indonesian',
  it: 'italian',
  lt: 'lithuanian',
  nb: 'norwegian',
  ne: 'nepali',
  nl: 'dutch',
  nn: 'norwegian',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
  yi: 'yiddish',
};

export const SIMPLE_CONFIG = 'broadsheet_simple';

/**
 * The configuration an article in `language` is indexed with, among those the database has
 * (`available`, read at start: older PostgreSQL versions lack some stemmers).
 */
export function textSearchConfig(language: string, available: ReadonlySet<string>): string {
  const name = LANGUAGES[language.split('-')[0]?.toLowerCase() ?? ''];
  const config = name === undefined ? SIMPLE_CONFIG : `broadsheet_${name}`;
  return available.has(config) ? config : SIMPLE_CONFIG;
}

/**
 * The bigrams of every CJK run in `text`, space-separated, for the simple configuration: a run
 * gives each pair of neighbours, then its last character alone, so a one-character query (a
 * prefix) finds every character, and consecutive bigrams keep consecutive positions for phrases.
 */
export function cjkBigrams(text: string): string {
  const out: string[] = [];
  for (const [run] of text.matchAll(CJK)) {
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
    out.push(chars.at(-1) ?? '');
  }
  return out.join(' ');
}

/** A query as the database runs it; see `searchQuery`. */
export interface SearchQuery {
  /** `to_tsquery` text for the article's configuration: `'word':* & …`; '' when none. */
  words: string;
  /** `to_tsquery` text for the simple configuration: bigram phrases of CJK words; '' when none. */
  cjk: string;
  /** The CJK words as typed, marked in snippets by `markTerms` (ts_headline cannot see them). */
  cjkTerms: string[];
}

/**
 * What a person typed → a query with the store's contract: words only (tsquery syntax is never
 * interpreted: only letters, digits and marks reach to_tsquery, each quoted), every word
 * required, repeats dropped, each matching as a prefix from two characters on (search-terms.ts).
 * Undefined when nothing searchable is left.
 */
export function searchQuery(q: string): SearchQuery | undefined {
  const terms = searchTerms(q);
  if (terms.length === 0) return undefined;
  // Sets: a word may come back from two terms (`a中` and `a`).
  const words = new Set<string>();
  const cjk = new Set<string>();
  const cjkTerms = new Set<string>();
  for (const term of terms) {
    const rest = term.replace(CJK, ' ').trim();
    for (const word of rest.split(/\s+/))
      if (word !== '') words.add(matchesAsPrefix(word) ? `'${word}':*` : `'${word}'`);
    for (const [run] of term.matchAll(CJK)) {
      cjkTerms.add(run);
      const chars = Array.from(run);
      if (chars.length === 1) cjk.add(`'${run}':*`);
      else
        cjk.add(
          `(${chars
            .slice(0, -1)
            .map((c, i) => `'${c}${chars[i + 1]}'`)
            .join(' <-> ')})`,
        );
    }
  }
  return {
    words: [...words].join(' & '),
    cjk: [...cjk].join(' & '),
    cjkTerms: [...cjkTerms],
  };
}

/** Marks occurrences of `terms` in the runs `strong` (for CJK words, which ts_headline misses). */
export function markTerms(runs: Run[], terms: readonly string[]): Run[] {
  if (terms.length === 0) return runs;
  const pattern = new RegExp(
    terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
    'gu',
  );
  return runs.flatMap((run): Run[] => {
    if (run.strong) return [run];
    const out: Run[] = [];
    let last = 0;
    for (const match of run.text.matchAll(pattern)) {
      if (match.index > last) out.push({ text: run.text.slice(last, match.index) });
      out.push({ text: match[0], strong: true });
      last = match.index + match[0].length;
    }
    if (last < run.text.length) out.push({ text: run.text.slice(last) });
    return out;
  });
}
