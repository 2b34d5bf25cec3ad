import { LIMITS } from '../limits.js';
import { isAgency } from './agencies.js';

/** The dateline at the start of a story, and the text after it. */
export interface DatelineSplit {
  place: string;
  agency?: string;
  rest: string;
}

// A place in capitals: "ISLAMABAD", "NEW YORK", "WASHINGTON, D.C.", "МОСКВА", "ΑΘΗΝΑ".
const PLACE_CAPS = String.raw`\p{Lu}[\p{Lu}\p{M}'’.-]*(?: \p{Lu}[\p{Lu}\p{M}'’.-]*){0,3}(?:, ?\p{Lu}\.(?:\p{Lu}\.)+)?`;
// In a script without case a place is one to three words of that one script: "اسلام آباد",
// "ירושלים", "नई दिल्ली". Chinese and Japanese write no spaces, so a clause before a colon
// cannot be told from a place: they have rules of their own below.
const caseless = (script: string) =>
  String.raw`[\p{Script=${script}}\p{M}]+(?: [\p{Script=${script}}\p{M}]+){0,2}`;
const PLACE_CASELESS = ['Arabic', 'Hebrew', 'Devanagari'].map(caseless).join('|');
const TAIL = String.raw`(?:,\s*(?<date>[^():/–—\-\n]{1,40}?))?\s*(?:[(/（]\s*(?<agency>[^()/（）]{1,40}?)\s*[)/）])?\s*(?<sep>[:：]|\.|[-–—]{1,2}|(?<=[)）]))\s+(?<rest>[^\s(/].*)$`;
// With an agency named, a place may be in title case: "Berlin (dpa) –", "Moscow (Reuters) -".
const PLACE_TITLE = String.raw`\p{Lu}[\p{Ll}\p{M}'’.-]+(?: \p{Lu}[\p{Ll}\p{M}'’.-]+){0,2}`;
const CAPS = new RegExp(String.raw`^(?<place>${PLACE_CAPS})${TAIL}`, 'u');
const TITLE = new RegExp(String.raw`^(?<place>${PLACE_TITLE})${TAIL}`, 'u');
const CASELESS = new RegExp(String.raw`^(?<place>${PLACE_CASELESS})${TAIL}`, 'u');

// Chinese wire style: "新华社北京3月5日电（记者王明）…", "本报上海3月5日电 …", "中新网广州3月5日电 …".
const HAN_WIRE =
  /^(?<agency>新华社|新華社|中新社|中新网|中新網|本报|本報)?(?<place>\p{Script=Han}{2,8}?)(?<date>\d{1,2}月\d{1,2}日)?(?:电|電)(?:\s*[（(][^）)]{1,30}[）)])?\s*(?<rest>\S.*)$/u;
// Japanese: "【ワシントン共同】…", "【ロンドン=時事】…", "【北京=山田花子】…" (a reporter's name).
const JA_BRACKET =
  /^【(?<place>[^【】=＝]{1,12}?)(?:[=＝]?(?<agency>共同|時事|ロイター|AFP時事|新華社)|[=＝][^【】]{1,12})?】\s*(?<rest>\S.*)$/u;
// Korean: "(서울=연합뉴스) 홍길동 기자 = …".
const KO_PAREN =
  /^[(（](?<place>[\p{Script=Hangul}\s]{1,12}?)\s*[=＝]\s*(?<agency>[^)）]{1,20})[)）]\s*(?<rest>\S.*)$/u;

function cjkDateline(text: string): DatelineSplit | undefined {
  const g = (HAN_WIRE.exec(text) ?? JA_BRACKET.exec(text) ?? KO_PAREN.exec(text))?.groups;
  if (!g?.place || !g.rest) return undefined;
  const split: DatelineSplit = { place: g.place.trim(), rest: g.rest.trim() };
  const agency = g.agency === '本报' || g.agency === '本報' ? undefined : g.agency?.trim();
  if (agency) split.agency = agency;
  return split;
}

/**
 * Splits a dateline off the first paragraph: "ISLAMABAD: Pakistan-Russia relations…",
 * "MOSCOW (Reuters) - Russia said…", "LONDON, March 3 (AP) —", "МОСКВА, 3 марта. /ТАСС/. …",
 * "ΑΘΗΝΑ (ΑΠΕ) - …", "اسلام آباد: …", "ירושלים – …", "नई दिल्ली, 5 मार्च (भाषा) …",
 * "新华社北京3月5日电 …", "【ワシントン共同】…", "(서울=연합뉴스) …". Capitals are what mark a
 * cased place; a full stop only separates when a date or agency came first, so "U.S.
 * officials said" is no dateline.
 */
export function splitDateline(text: string): DatelineSplit | undefined {
  const cjk = cjkDateline(text);
  if (cjk) return cjk;
  const title = TITLE.exec(text);
  const m =
    CAPS.exec(text) ??
    CASELESS.exec(text) ??
    (title?.groups?.agency && isAgency(title.groups.agency) ? title : null);
  const g = m?.groups;
  if (!g?.place || !g.rest || g.sep === undefined) return undefined;
  // A place is a label (LIMITS.labelChars); checking it first keeps a long run of capitals
  // from reaching the letter counting below.
  if (g.place.length > LIMITS.labelChars) return undefined;
  const place = g.place.replace(/,\s*$/u, '');
  const letters = place.replace(/[^\p{L}]/gu, '');
  const hasCase = /[\p{Lu}\p{Ll}]/u.test(letters);
  if (hasCase ? letters.length < 3 : g.sep === '.') return undefined;
  if (g.sep === '.' && g.date === undefined && g.agency === undefined) return undefined;
  // "NEW DELHI, March 5 (PTI) The…": no separator after a known agency's name.
  if (g.sep === '' && !(g.agency !== undefined && isAgency(g.agency))) return undefined;
  if (g.date !== undefined && !/[\d\u0660-\u0669\u06F0-\u06F9\u0966-\u096F]/u.test(g.date))
    return undefined;
  const split: DatelineSplit = { place, rest: g.rest.trim() };
  if (g.agency) split.agency = g.agency.trim();
  return split;
}
