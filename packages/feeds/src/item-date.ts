/** How far ahead of `now` a date may be (clock skew, time zones) before it counts as wrong. */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

// RFC 3339 / ISO 8601 (date, or date-time with an optional zone) and RFC 822 (RSS pubDate,
// with or without the weekday and seconds, zone as offset or name). Date.parse alone accepts
// far too much ("1" is 2001-01-01 in V8), so the shape is checked first.
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const RFC822 =
  /^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{4}|[A-Za-z]{1,5})?$/;

export type ItemDate = { iso: string } | { problem: string } | undefined;

/**
 * A feed date as ISO 8601 in UTC, or why it is not used: unparseable, or later than
 * now + 1 day. A date-time without a zone is read as UTC, so the result never depends on the
 * machine's time zone.
 */
export function itemDate(raw: string | undefined, now: Date): ItemDate {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (text === '') return undefined;
  let ms = NaN;
  const iso = ISO.exec(text);
  if (iso) ms = Date.parse(iso[1] === undefined && text.length > 10 ? `${text}Z` : text);
  else if (RFC822.test(text)) ms = Date.parse(text);
  if (!Number.isFinite(ms) || !realDay(text)) return { problem: `"${clip(text)}" is not a date` };
  if (ms > now.getTime() + FUTURE_TOLERANCE_MS)
    return { problem: `${new Date(ms).toISOString()} is in the future` };
  return { iso: new Date(ms).toISOString() };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Date.parse rolls 31 February over into March; a feed that says so has a broken date. */
function realDay(text: string): boolean {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  const rfc = /(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2,4})/.exec(text);
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : rfc
      ? [Number(rfc[3]), MONTHS.indexOf(rfc[2]?.toLowerCase() ?? '') + 1, Number(rfc[1])]
      : [NaN, NaN, NaN];
  if (y < 100) return m >= 1 && d >= 1 && d <= 31; // two-digit RFC 822 years: the month is enough
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
