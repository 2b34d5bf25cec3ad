import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** TeX's \lefthyphenmin and \righthyphenmin: letters kept before and after a hyphen. */
export const LEFT_MIN = 2;
export const RIGHT_MIN = 3;

type HyphenateSync = (
  text: string,
  options?: { hyphenChar?: string; minWordLength?: number },
) => string;

/**
 * Languages whose TeX patterns the `hyphen` package carries under a module of the same name.
 * Its `en` is US English; regional variants fall back to their language. Not `cu` (Church
 * Slavonic): hyphen 1.14's module for it is not valid JavaScript (a bare `ⸯ` key), so it is set
 * unhyphenated, as it always was.
 */
const MODULES: ReadonlySet<string> = new Set(
  (
    'af as be bg bn ca cop cs cy da de de-1901 de-1996 de-ch-1901 el el-monoton el-polyton en ' +
    'en-gb en-us es et eu fi fr fur ga gl grc gu hi hr hsb hu hy ia id is it ka kmr kn la lt lv ' +
    'mk ml mn mn-cyrl mr nb nl nn no oc or pa pi pl pms pt rm ro ru sa sh sh-cyrl sh-latn sk sl ' +
    'sq sr sr-cyrl sv ta te th tk tr uk'
  ).split(' '),
);

const loaded = new Map<string, HyphenateSync>();
const words = new Map<string, Map<string, readonly number[]>>();

function moduleFor(language: string): string | undefined {
  const tag = language.toLowerCase();
  if (MODULES.has(tag)) return tag;
  const primary = tag.split('-')[0] ?? '';
  return MODULES.has(primary) ? primary : undefined;
}

/**
 * The pattern hyphenator of a language, loaded on first use (each language's patterns are a
 * module of their own, tens to hundreds of kilobytes), or null when there are none.
 *
 * A language in MODULES whose patterns cannot be loaded is a packaging bug (`hyphen` missing
 * from an installed copy, say), not a property of the document: it throws rather than quietly
 * setting the text without hyphenation, which would change the line breaks and the PDF's bytes.
 */
function hyphenator(language: string): HyphenateSync | null {
  const name = moduleFor(language);
  if (name === undefined) return null;
  let h = loaded.get(name);
  if (h === undefined) {
    const id = `hyphen/${name}`;
    let patterns: { hyphenateSync?: unknown };
    try {
      patterns = require(id) as typeof patterns;
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new Error(
        `cannot load the hyphenation patterns for "${language}" (${id}): ${reason}; the "hyphen" package must be installed beside @broadsheet/render`,
        { cause: error },
      );
    }
    if (typeof patterns.hyphenateSync !== 'function') {
      throw new Error(`the hyphenation patterns for "${language}" (${id}) have no hyphenateSync`);
    }
    h = patterns.hyphenateSync as HyphenateSync;
    loaded.set(name, h);
  }
  return h;
}

/** The language tags with patterns of their own (others fall back to their primary subtag). */
export const HYPHENATION_MODULES: ReadonlySet<string> = MODULES;

export function canHyphenate(language: string): boolean {
  return hyphenator(language) !== null;
}

const SOFT = '\u00ad';
/** A word the patterns may split: letters (and combining marks) only. */
const WORD = /^\p{L}[\p{L}\p{M}]*$/u;

/**
 * Offsets (UTF-16, inside `word`) where the word may take a hyphen, by Liang's patterns for the
 * language, keeping LEFT_MIN letters before and RIGHT_MIN after every break.
 */
export function hyphenationPoints(word: string, language: string): readonly number[] {
  if (word.length < LEFT_MIN + RIGHT_MIN || !WORD.test(word)) return [];
  const h = hyphenator(language);
  if (!h) return [];
  let cache = words.get(language);
  if (!cache) {
    cache = new Map();
    words.set(language, cache);
  }
  let points = cache.get(word);
  if (points === undefined) {
    const marked = h(word, { hyphenChar: SOFT, minWordLength: LEFT_MIN + RIGHT_MIN });
    const found: number[] = [];
    let at = 0;
    for (const ch of marked) {
      if (ch === SOFT) found.push(at);
      else at += ch.length;
    }
    const letters = Array.from(word);
    // Code point counts, not UTF-16 units, decide the minimums.
    points = found.filter((p) => {
      const before = Array.from(word.slice(0, p)).length;
      return before >= LEFT_MIN && letters.length - before >= RIGHT_MIN;
    });
    if (cache.size > 50_000) cache.clear();
    cache.set(word, points);
  }
  return points;
}

/**
 * Stretches of text never hyphenated: URLs, e-mail addresses, domain names and paths, and
 * anything with digits, as [start, end) offsets.
 */
export function unhyphenatable(text: string): [number, number][] {
  const out: [number, number][] = [];
  const token = /\S+/g;
  for (let m = token.exec(text); m; m = token.exec(text)) {
    const t = m[0];
    if (/[@/\\]|:\/\/|^www\.|\p{L}\.\p{L}|\d/u.test(t)) out.push([m.index, m.index + t.length]);
  }
  return out;
}
