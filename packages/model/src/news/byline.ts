import type { AUTHOR_ROLES } from '../schema.js';
import { isAgency, splitAgencySuffix } from './agencies.js';

type Role = (typeof AUTHOR_ROLES)[number];

/** An author as read from a byline. */
export interface BylineAuthor {
  name: string;
  role: Role;
  affiliation?: string;
}

// The word that opens a byline, in the languages we import.
const BY_WORDS = String.raw`by|written by|reporting by|words by|von|par|por|di|door|av|przez|от|автор(?:ы)?|текст|του|της|מאת|بقلم|كتب|लेखक|作者|记者|記者|撰文|تحریر|رپورٹ|از`;
const BY = new RegExp(String.raw`^\s*(?:${BY_WORDS})(?:\s*[:：]\s*|\s+)`, 'iu');

// Lower-case particles allowed inside personal names.
const PARTICLES = new Set([
  'de',
  'del',
  'della',
  'van',
  'von',
  'der',
  'den',
  'da',
  'di',
  'du',
  'la',
  'le',
  'al',
  'el',
  'bin',
  'ibn',
  'binti',
  'y',
  'dos',
  'das',
  'ter',
  'ten',
]);

const word = (alternatives: string) =>
  new RegExp(String.raw`(?<!\p{L})(?:${alternatives})(?!\p{L})`, 'iu');
const ROLE_WORDS: [RegExp, Role][] = [
  [
    word(
      'correspondents?|корреспондент|кореспондент|ανταποκριτής|כתב|مراسل|نامہ نگار|संवाददाता|特派员|特派員',
    ),
    'correspondent',
  ],
  [word('reporters?|staff writer|writer|journalist|репортёр|репортер|журналист'), 'reporter'],
  [word('editors?|редактор|مدیر|محرر|संपादक|编辑|編集'), 'editor'],
  [word('analyst|аналитик'), 'analyst'],
  [word('contributor|columnist|critic|producer|обозреватель|оглядач'), 'contributor'],
  [word('photographer|фотограф'), 'photographer'],
  [word('illustrator|иллюстратор'), 'illustrator'],
  [word('translat(?:or|ed by|ion)|переводчик|перекладач'), 'translator'],
];

// Parts of a byline line that name no one: its dates and "Updated …".
const TAIL =
  /\d|^(?:updated|published|posted|last|modified|photos?|video|in|at|from|on|staff)(?!\p{L})/iu;
// Credits for other work: "additional reporting by …", "Editing by …". A byline element on a
// page may carry them; in plain text such a line is the story's closing credits, not a byline.
const OTHER_CREDIT =
  /(?<!\p{L})(?:reporting|contributed|contributing|editing|additional)(?!\p{L})/iu;

// Between two authors, or an author and an affiliation.
const JOINERS =
  /\s*(?:[,;|/·•&]|(?<!\p{L})(?:and|und|et|with|и|і|та|και)(?!\p{L})|、|和|،|\sو\s|(?<!\p{L})اور(?!\p{L}))\s*/iu;
// "Jane Doe in Islamabad": the place is not part of the name.
const IN_PLACE = /\s+(?:in|from|в|из|у|з|σε|από|في|میں|से|में)\s+\p{L}[\p{L}\p{M} -]*$/u;

/** Looks like a personal or organisation name: short, no digits, capitalised words. */
function isName(text: string): boolean {
  const words = text.split(' ');
  if (words.length === 0 || words.length > 6 || /[\d@#]/u.test(text) || text.length > 80)
    return false;
  return words.every((w) => {
    const first = w.replace(/^[("'“‘]+/u, '');
    if (first === '') return false;
    if (PARTICLES.has(first.toLowerCase().replace(/[-'’].*$/u, ''))) return true;
    // Capitalised, or from a script without case (Arabic, Han...).
    return /^\p{Lu}/u.test(first) || (/^\p{L}/u.test(first) && !/^\p{Ll}/u.test(first));
  });
}

function roleOf(text: string): Role | undefined {
  for (const [re, role] of ROLE_WORDS) if (re.test(text)) return role;
  return undefined;
}

/**
 * Reads the people in a byline. With `strict`, a part that is neither a name, an agency, a
 * role nor a date makes the whole text no byline, so prose is never taken for one;
 * otherwise such parts are dropped.
 */
function readAuthors(body: string, strict: boolean): BylineAuthor[] | undefined {
  const parts = body
    .replace(/\s+/gu, ' ')
    .split(JOINERS)
    .map((p) =>
      p
        .trim()
        .replace(/^(?:by|and)\s+/iu, '')
        .replace(/[.:;\s]+$/u, ''),
    )
    .filter((p) => p !== '');
  const authors: BylineAuthor[] = [];
  let affiliation: string | undefined;
  for (const part of parts) {
    // "Reuters staff": the agency wrote it.
    const agency = isAgency(part) ? part : /^(.+?)\s+staff$/iu.exec(part)?.[1];
    if (agency !== undefined && isAgency(agency)) {
      affiliation ??= agency;
      continue;
    }
    const role = roleOf(part);
    if (role !== undefined) {
      // "Jane Doe, Moscow correspondent": the role is the last author's.
      const last = authors.at(-1);
      if (last) last.role = role;
      continue;
    }
    if (TAIL.test(part)) continue;
    if (OTHER_CREDIT.test(part)) {
      if (strict) return undefined;
      continue;
    }
    const name = part.replace(IN_PLACE, '');
    const suffixed = splitAgencySuffix(name);
    if (suffixed && isName(suffixed.name)) {
      authors.push({ name: suffixed.name, role: 'author' });
      affiliation ??= suffixed.agency;
      continue;
    }
    if (isName(name)) {
      if (!authors.some((a) => a.name === name)) authors.push({ name, role: 'author' });
    } else if (strict) return undefined;
  }
  // "By Reuters": the agency is the author.
  if (authors.length === 0 && affiliation !== undefined)
    return [{ name: affiliation, role: 'author' }];
  if (authors.length === 0) return undefined;
  if (affiliation !== undefined) for (const a of authors) a.affiliation = affiliation;
  return authors;
}

// Korean writes the title after the name: "홍길동 기자", "홍길동 특파원".
const KOREAN_TITLE = /^(\p{Script=Hangul}{2,5})\s*(기자|특파원)$/u;

function titleAfterName(text: string): BylineAuthor | undefined {
  const m = KOREAN_TITLE.exec(text.trim());
  if (!m?.[1]) return undefined;
  return { name: m[1], role: m[2] === '특파원' ? 'correspondent' : 'reporter' };
}

/**
 * Reads a line of text that may be a byline: "By Jane Doe", "By Jane Doe and John Roe,
 * Reuters", "By Jane Doe, Moscow correspondent", "By ALICE SMITH Associated Press", "Von …",
 * "Автор: Иван Петров", "Του Γιώργου Παπαδόπουλου", "מאת …", "بقلم …", "लेखक: …", "记者 王明".
 * It must open with such a word; undefined when the line is prose ("By the end of the day…").
 */
export function parseByline(text: string): BylineAuthor[] | undefined {
  if (text.length > 200) return undefined;
  const after = titleAfterName(text);
  if (after) return [after];
  const by = BY.exec(text);
  if (!by) return undefined;
  return readAuthors(text.slice(by[0].length), true);
}

/**
 * Reads a value known to name the authors (a page's author meta tag, the byline element a
 * reader view found): "Jane Doe and John Roe, Reuters", "By Jane Doe | Updated March 4",
 * "Jane Doe in Islamabad". "By" is optional and parts that name no one are dropped. Empty
 * when no one is named.
 */
export function parseAuthorNames(text: string): BylineAuthor[] {
  if (text.length > 300) return [];
  const after = titleAfterName(text);
  if (after) return [after];
  const by = BY.exec(text);
  return readAuthors(by ? text.slice(by[0].length) : text, false) ?? [];
}
