import { isAgency } from './agencies.js';

/** A caption and the credit that followed it in parentheses or after "Photo:". */
export interface Credited {
  caption: string;
  credit: string;
}

// Words that introduce a picture credit, in the scripts we import.
const PHOTO_WORDS = String.raw`(?:file\s+)?(?:photographs?|photos?|images?|pictures?|pics?|credits?|courtesy|source|фото|снимок|источник|φωτογραφία|φωτό|צילום|صورة|تصویر|تصاویر|عکس|فوٹو|फोटो|फ़ोटो|तस्वीर|图片|圖片|图|圖|摄影|攝影|照片|写真|사진)`;
const PHOTO_PREFIX = new RegExp(
  String.raw`^(?:${PHOTO_WORDS}(\s+(?:courtesy|by|credit))?|(courtesy\s+of))`,
  'iu',
);

/**
 * "Photo: X", "Photo courtesy: X", "Photo by Jane Doe" → the credit. Without a colon the name must
 * follow "by" or "courtesy" and start with a capital (or a caseless script), so neither
 * "Photos of the protest" nor "Credit Suisse said" is a credit.
 * (Case-insensitive matching is kept to the prefix: with the i flag, \p{Lu} matches "a".)
 */
function photoCredit(text: string): string | undefined {
  const prefix = PHOTO_PREFIX.exec(text);
  if (!prefix) return undefined;
  const rest = text.slice(prefix[0].length);
  const connector = prefix[1] !== undefined || prefix[2] !== undefined;
  const m =
    /^\s*[:：/]\s*(\S.*)$/u.exec(rest) ??
    (connector ? /^\s+((?:\p{Lu}|\p{Lo}).*)$/u.exec(rest) : null);
  return m?.[1]?.trim();
}

/** "Photo: AFP", "Photo courtesy: X", "Image by X", "AP Photo/Jane Doe", "Reuters/Jane Doe" → the credit. */
export function creditOf(text: string, allowBareAgency: boolean): string | undefined {
  const t = text.trim();
  const photo = photoCredit(t);
  if (photo) return photo;
  if (/^[\p{L} .&-]{1,40}\s+photos?\s*\/\s*\S.{0,60}$/iu.test(t)) return t; // "AP Photo/Evan Vucci"
  const slash = /^([\p{L} .&-]{1,30})\s*\/\s*\S.{0,60}$/u.exec(t); // "Reuters/Jane Doe"
  if (slash?.[1] && isAgency(slash[1])) return t;
  if (allowBareAgency && isAgency(t)) return t;
  return undefined;
}

const TRAILING_PAREN = /^(.*\S)\s*[(（]\s*([^()（）]{1,120}?)\s*[)）]\s*$/u;
const TRAILING_PHOTO = new RegExp(
  String.raw`^(.*?\S)\s+(${PHOTO_WORDS}(?:(?:\s+(?:courtesy|credit))?\s*[:：]\s*|\s+by\s+)[^.:!?]{1,80})$`,
  'iu',
);

/**
 * A caption line ending in a credit: "… briefing. (Photo courtesy: Pakistan Foreign Office)",
 * "… (Photo: AFP)", "… Photo: AFP", "… Photo by Jane Doe", and, when `allowBareAgency`,
 * "… (Reuters)".
 */
export function splitCaptionCredit(text: string, allowBareAgency: boolean): Credited | undefined {
  for (const re of [TRAILING_PAREN, TRAILING_PHOTO]) {
    const m = re.exec(text);
    if (!m?.[1] || !m[2]) continue;
    const credit = creditOf(m[2], allowBareAgency);
    if (credit) return { caption: m[1].trim(), credit };
  }
  return undefined;
}

/** A line that is only a credit: "Photo: AFP", "(Photo: Reuters)". */
export function creditLine(text: string): string | undefined {
  if (text.length > 120) return undefined;
  const inner = /^[(（]\s*(.*?)\s*[)）]$/u.exec(text)?.[1] ?? text;
  return photoCredit(inner);
}
