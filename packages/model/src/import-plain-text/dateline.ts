import { LIMITS } from '../limits.js';
import { isAgency } from './credit.js';

/** The dateline at the start of a story, and the text after it. */
export interface DatelineSplit {
  place: string;
  agency?: string;
  rest: string;
}

// A place in capitals: "ISLAMABAD", "NEW YORK", "WASHINGTON, D.C.", "МОСКВА".
const PLACE_CAPS = String.raw`\p{Lu}[\p{Lu}\p{M}'’.-]*(?: \p{Lu}[\p{Lu}\p{M}'’.-]*){0,3}(?:, ?\p{Lu}\.(?:\p{Lu}\.)+)?`;
// In Arabic script (no case) a place is one to three words. Chinese writes no spaces, so a
// clause before a colon cannot be told from a place: no caseless rule for Han.
const PLACE_CASELESS = String.raw`[\p{Script=Arabic}\p{M}]+(?: [\p{Script=Arabic}\p{M}]+){0,2}`;
const TAIL = String.raw`(?:,\s*(?<date>[^():/–—\-\n]{1,40}?))?\s*(?:[(/（]\s*(?<agency>[^()/（）]{1,40}?)\s*[)/）])?\s*(?<sep>[:：]|\.|[-–—]{1,2})\s+(?<rest>[^\s(/].*)$`;
// With an agency named, a place may be in title case: "Berlin (dpa) –", "Moscow (Reuters) -".
const PLACE_TITLE = String.raw`\p{Lu}[\p{Ll}\p{M}'’.-]+(?: \p{Lu}[\p{Ll}\p{M}'’.-]+){0,2}`;
const CAPS = new RegExp(String.raw`^(?<place>${PLACE_CAPS})${TAIL}`, 'u');
const TITLE = new RegExp(String.raw`^(?<place>${PLACE_TITLE})${TAIL}`, 'u');
const CASELESS = new RegExp(String.raw`^(?<place>${PLACE_CASELESS})${TAIL}`, 'u');

/**
 * Splits a dateline off the first paragraph: "ISLAMABAD: Pakistan-Russia relations…",
 * "MOSCOW (Reuters) - Russia said…", "LONDON, March 3 (Reuters) - …", "МОСКВА, 3 марта. /ТАСС/. …",
 * "اسلام آباد: …". Capitals are what mark a Latin or Cyrillic place; a full stop only separates
 * when a date or agency came first, so "U.S. officials said" is no dateline.
 */
export function splitDateline(text: string): DatelineSplit | undefined {
  const title = TITLE.exec(text);
  const m =
    CAPS.exec(text) ??
    CASELESS.exec(text) ??
    (title?.groups?.agency && isAgency(title.groups.agency) ? title : null);
  const g = m?.groups;
  if (!g?.place || !g.rest || !g.sep) return undefined;
  // A place is a label (LIMITS.labelChars); checking it first keeps a long run of capitals
  // from reaching the letter counting below.
  if (g.place.length > LIMITS.labelChars) return undefined;
  const place = g.place.replace(/,\s*$/u, '');
  const letters = place.replace(/[^\p{L}]/gu, '');
  const caseless = !/[\p{Lu}\p{Ll}]/u.test(letters);
  if (caseless ? g.sep === '.' : letters.length < 3) return undefined;
  if (g.sep === '.' && g.date === undefined && g.agency === undefined) return undefined;
  if (g.date !== undefined && !/\d/u.test(g.date)) return undefined;
  const split: DatelineSplit = { place, rest: g.rest.trim() };
  if (g.agency) split.agency = g.agency.trim();
  return split;
}
