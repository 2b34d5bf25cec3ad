// Letters only found in Urdu (not Arabic or Persian): ٹ ڈ ڑ ں ھ ے ۓ ۂ.
const URDU = /[\u0679\u0688\u0691\u06BA\u06BE\u06D2\u06D3\u06C2]/u;
// Persian letters that Arabic lacks (Urdu has them too, but is caught first).
const PERSIAN = /[\u067E\u0686\u0698\u06AF\u06A9\u06CC]/u;
// Ukrainian letters that Russian lacks.
const UKRAINIAN = /[іїєґІЇЄҐ]/u;

/**
 * A best guess at the language of a text from its script: Cyrillic → ru (uk with Ukrainian
 * letters), Arabic script → ur when Urdu letters appear (fa for Persian ones, else ar),
 * Han → zh (ja with kana), Hangul → ko, Hebrew → he, Greek → el, Devanagari → hi; Latin
 * script by common function words (de, fr, es, it, pt, nl, tr), else en.
 */
export function detectLanguage(text: string): string {
  const counts = new Map<string, number>();
  const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const ch of text.slice(0, 20_000)) {
    if (/\p{Script=Latin}/u.test(ch)) add('latin');
    else if (/\p{Script=Cyrillic}/u.test(ch)) add('cyrillic');
    else if (/\p{Script=Arabic}/u.test(ch)) add('arabic');
    else if (/\p{Script=Han}/u.test(ch)) add('han');
    else if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)) add('kana');
    else if (/\p{Script=Hangul}/u.test(ch)) add('hangul');
    else if (/\p{Script=Hebrew}/u.test(ch)) add('hebrew');
    else if (/\p{Script=Greek}/u.test(ch)) add('greek');
    else if (/\p{Script=Devanagari}/u.test(ch)) add('devanagari');
  }
  // CJK characters carry about a word each, so they weigh more than alphabetic letters.
  const weight = (k: string) =>
    (counts.get(k) ?? 0) * (k === 'han' || k === 'kana' || k === 'hangul' ? 3 : 1);
  let best = 'latin';
  for (const k of counts.keys()) if (weight(k) > weight(best)) best = k;
  switch (best) {
    case 'cyrillic':
      return UKRAINIAN.test(text) ? 'uk' : 'ru';
    case 'arabic':
      return URDU.test(text) ? 'ur' : PERSIAN.test(text) ? 'fa' : 'ar';
    case 'han':
      return (counts.get('kana') ?? 0) > 0 ? 'ja' : 'zh';
    case 'kana':
      return 'ja';
    case 'hangul':
      return 'ko';
    case 'hebrew':
      return 'he';
    case 'greek':
      return 'el';
    case 'devanagari':
      return 'hi';
    default:
      return latinLanguage(text);
  }
}

// The commonest short function words of languages written in Latin script. A text is taken
// for one of them only on clear evidence; English is the default.
const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'was', 'with', 'said', 'on'],
  de: [
    'der',
    'die',
    'das',
    'und',
    'ist',
    'nicht',
    'mit',
    'von',
    'sich',
    'auf',
    'ein',
    'eine',
    'dem',
    'den',
  ],
  fr: [
    'le',
    'la',
    'les',
    'et',
    'est',
    'des',
    'une',
    'dans',
    'pour',
    'que',
    'qui',
    'du',
    'pas',
    'sur',
  ],
  es: ['el', 'los', 'las', 'y', 'es', 'una', 'por', 'con', 'para', 'que', 'del', 'se', 'en', 'su'],
  it: [
    'il',
    'di',
    'che',
    'è',
    'per',
    'una',
    'con',
    'non',
    'sono',
    'della',
    'gli',
    'nel',
    'anche',
    'ha',
  ],
  pt: ['o', 'os', 'e', 'é', 'não', 'uma', 'com', 'para', 'que', 'do', 'da', 'em', 'dos', 'ao'],
  nl: [
    'de',
    'het',
    'een',
    'en',
    'van',
    'is',
    'niet',
    'met',
    'op',
    'dat',
    'voor',
    'zijn',
    'ook',
    'er',
  ],
  tr: ['ve', 'bir', 'bu', 'da', 'de', 'için', 'ile', 'olarak', 'çok', 'daha', 'gibi', 'olan'],
};

function latinLanguage(text: string): string {
  const words =
    text
      .slice(0, 20_000)
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  const scores = new Map<string, number>();
  const sets = Object.entries(STOPWORDS).map(([lang, list]) => [lang, new Set(list)] as const);
  for (const word of words)
    for (const [lang, set] of sets)
      if (set.has(word)) scores.set(lang, (scores.get(lang) ?? 0) + 1);
  const english = scores.get('en') ?? 0;
  let best = 'en';
  let bestScore = english;
  for (const [lang, score] of scores) if (score > bestScore) [best, bestScore] = [lang, score];
  // At least a few hits and clearly ahead of English.
  return best !== 'en' && bestScore >= 3 && bestScore >= english * 1.5 ? best : 'en';
}

/** A BCP 47 tag from what pages write (`en_GB`, `en-gb, fr`, `EN`); undefined when unusable. */
export function normalizeLanguage(raw: string | null | undefined): string | undefined {
  const first = raw?.split(/[,;]/u)[0]?.trim().replace(/_/gu, '-');
  if (!first || /^(x-default|und|mul|zxx)$/iu.test(first)) return undefined;
  try {
    return Intl.getCanonicalLocales(first)[0];
  } catch {
    return undefined;
  }
}
