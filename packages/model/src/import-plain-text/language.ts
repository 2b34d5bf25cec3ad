// Letters only found in Urdu (not Arabic or Persian): ٹ ڈ ڑ ں ھ ے ۓ ۂ.
const URDU = /[\u0679\u0688\u0691\u06BA\u06BE\u06D2\u06D3\u06C2]/u;
// Persian letters that Arabic lacks (Urdu has them too, but is caught first).
const PERSIAN = /[\u067E\u0686\u0698\u06AF\u06A9\u06CC]/u;
// Ukrainian letters that Russian lacks.
const UKRAINIAN = /[іїєґІЇЄҐ]/u;

/**
 * A best guess at the language of a text from its script: Cyrillic → ru (uk with Ukrainian
 * letters), Arabic script → ur when Urdu letters appear (fa for Persian ones, else ar),
 * Han → zh (ja with kana), Hangul → ko, Hebrew → he, Greek → el, Devanagari → hi, else en.
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
  const weight = (k: string) => (counts.get(k) ?? 0) * (k === 'han' || k === 'kana' || k === 'hangul' ? 3 : 1);
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
      return 'en';
  }
}
