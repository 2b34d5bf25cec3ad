export interface FoundDateline {
  place: string;
  agency?: string;
}

// "ISLAMABAD:", "BIRMINGHAM (Reuters) -", "NEW YORK, March 4 (AP) —", "LONDON —"
const DATELINE =
  /^([\p{Lu}][\p{Lu}\p{M} .'’-]{1,40}?)(?:,\s*[\p{Lu}][\p{L}.]+(?:\s+\d{1,2})?)?\s*(?:\(([^()]{2,40})\))?\s*[-–—:]\s/u;

/** The dateline that opens a story's first paragraph, if it has one (the text stays as written). */
export function findDateline(firstParagraph: string): FoundDateline | undefined {
  const m = DATELINE.exec(firstParagraph);
  const place = m?.[1]?.trim();
  // At least two capitals in a row: "The –" or "I –" are sentences, not places.
  if (!m || !place || !/\p{Lu}{2}/u.test(place)) return undefined;
  const agency = m[2]?.trim();
  return agency ? { place, agency } : { place };
}
