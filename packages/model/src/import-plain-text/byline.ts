import type { AUTHOR_ROLES } from '../schema.js';
import { AGENCIES, isAgency } from './credit.js';

type Role = (typeof AUTHOR_ROLES)[number];

/** An author as read from a byline. */
export interface BylineAuthor {
  name: string;
  role: Role;
  affiliation?: string;
}

const BY =
  /^(?:by|written by|reporting by|words by|von|par|por|автор(?:ы)?|текст|作者|记者|記者|撰文|تحریر|رپورٹ|از)\s*[:：]?\s+(.+)$/iu;

const ROLE_WORDS: [RegExp, Role][] = [
  [/correspondent|корреспондент|نامہ نگار/iu, 'correspondent'],
  [/reporter|staff writer|репортёр|репортер/iu, 'reporter'],
  [/editor|редактор|مدیر/iu, 'editor'],
  [/analyst|аналитик/iu, 'analyst'],
  [/contributor|columnist|обозреватель/iu, 'contributor'],
  [/photographer|фотограф/iu, 'photographer'],
  [/translat|переводчик/iu, 'translator'],
];

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
 * Reads a byline: "By Jane Doe", "By Jane Doe and John Roe, Reuters", "By Jane Doe, Moscow
 * correspondent", "Автор: Иван Петров", "记者 王明". Undefined when the line is prose
 * ("By the end of the day…").
 */
export function parseByline(text: string): BylineAuthor[] | undefined {
  if (text.length > 200) return undefined;
  const m = BY.exec(text);
  if (!m?.[1]) return undefined;
  const body = m[1].replace(/[.;]$/u, '').replace(/\s+(?:in|from|в|из)\s+\p{Lu}[\p{L} -]*$/u, '');
  const parts = body
    .split(/\s*(?:,|;|\||&|\band\b|\bи\b|、|和|،|اور)\s*/u)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const authors: BylineAuthor[] = [];
  let affiliation: string | undefined;
  for (const part of parts) {
    const role = roleOf(part);
    if (role !== undefined && authors.length > 0) {
      const last = authors.at(-1);
      if (last) last.role = role;
      continue;
    }
    if (isAgency(part)) {
      affiliation = part;
      continue;
    }
    // AP style: "By ALICE SMITH Associated Press".
    const suffix = AGENCIES.find((a) => part.endsWith(` ${a}`) && part.length > a.length + 1);
    if (suffix !== undefined && isName(part.slice(0, -suffix.length - 1))) {
      authors.push({ name: part.slice(0, -suffix.length - 1), role: 'author' });
      affiliation = suffix;
      continue;
    }
    if (!isName(part)) return undefined;
    authors.push({ name: part, role: 'author' });
  }
  // "By Reuters": the agency is the author.
  if (authors.length === 0 && affiliation !== undefined)
    return [{ name: affiliation, role: 'author' }];
  if (authors.length === 0) return undefined;
  if (affiliation !== undefined) for (const a of authors) a.affiliation = affiliation;
  return authors;
}
