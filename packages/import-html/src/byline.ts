export interface BylineAuthor {
  name: string;
  affiliation?: string;
}

// News agencies that appear in bylines as the author's affiliation, not as a person.
const AGENCIES =
  /^(reuters|ap|associated press|afp|agence france-presse|bloomberg|dpa|efe|ansa|pti|ani|xinhua|tass|anadolu|kyodo|yonhap|app|bbc news|cnn|staff|the associated press)$/i;

const BY = /^\s*(?:written\s+)?(?:by|von|par|por|di|door|av|przez|от)[\s:]+/i;
const JOINERS = /\s*(?:,|;|\||\/|·|•|&|\band\b|\bund\b|\bet\b|\bwith\b|،|\sو\s)\s*/i;
// "Updated", "Published", times, dates: the tail of a byline line, not a name.
const NOT_A_NAME =
  /\d|^(updated|published|posted|last|modified|photo|photos|video|in|at|from)\b|\b(reporting|contributed|contributing|editing|additional|reporter|correspondent|editor|writer|columnist|contributor|analyst|photographer|critic|producer|journalist|staff writer)\b/i;

/**
 * Splits a byline ("By Jane Doe and John Roe, Reuters | 5 March 2024") into people. Agency
 * names become every person's affiliation; an agency alone becomes the author.
 */
export function parseByline(text: string): BylineAuthor[] {
  const line = text.replace(/\s+/g, ' ').replace(BY, '').trim();
  if (line === '' || line.length > 300) return [];
  const names: string[] = [];
  let agency: string | undefined;
  for (const raw of line.split(JOINERS)) {
    const part = raw
      .replace(/^(?:by|and)\s+/i, '')
      .replace(/[.:\s]+$/, '')
      .trim();
    if (part === '') continue;
    if (AGENCIES.test(part)) {
      agency ??= part;
      continue;
    }
    if (NOT_A_NAME.test(part) || part.split(' ').length > 5 || part.length > 80) continue;
    // "Jane Doe in Islamabad": keep the person, drop the place.
    names.push(part.replace(/\s+in\s+\p{Lu}[\p{L} ]*$/u, ''));
  }
  if (names.length === 0) return agency ? [{ name: agency }] : [];
  return [...new Set(names)].map((name) => (agency ? { name, affiliation: agency } : { name }));
}

/** True when a short line of text is a byline ("By Jane Doe", "By Reuters staff"). */
export function looksLikeByline(text: string): boolean {
  const t = text.trim();
  return t.length > 3 && t.length < 200 && BY.test(t) && parseByline(t).length > 0;
}
