import { sha256Hex } from './hash.js';

const MAX_SLUG_CHARS = 80;

// Letters that do not decompose into a base letter plus a mark.
const LATIN_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŋ: 'n',
};

/**
 * A URL slug that stays readable in every script: Latin diacritics are folded (é → e,
 * ß → ss), other scripts are kept as they are (lower-cased where they have case), and
 * anything that is not a letter, mark or digit becomes a single hyphen. Never empty: text
 * with no letters or digits gets a stable `item-<hash>` slug.
 */
export function slugify(text: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[ßæœøđðłþıħŋ]/g, (c) => LATIN_FOLDS[c] ?? c);
  let slug = folded.replace(/[^\p{L}\p{M}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  if (slug.length > MAX_SLUG_CHARS) {
    const cut = slug.slice(0, MAX_SLUG_CHARS);
    const lastHyphen = cut.lastIndexOf('-');
    slug = (lastHyphen > MAX_SLUG_CHARS / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
  }
  return slug || `item-${sha256Hex(text).slice(0, 8)}`;
}

/** What a slug may look like: the output alphabet of slugify. */
export const SLUG_PATTERN =
  /^[\p{Ll}\p{Lm}\p{Lo}\p{M}\p{N}]+(?:-[\p{Ll}\p{Lm}\p{Lo}\p{M}\p{N}]+)*$/u;
