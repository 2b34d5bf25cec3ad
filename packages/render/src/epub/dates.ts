// Dates are read from their ISO strings, never through the machine's time zone: an article
// published "2026-11-28T23:30:00-05:00" was published on the 28th wherever it is rendered.

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

interface Parts {
  year: number;
  month: number;
  day: number;
  time?: { hour: string; minute: string; second: string; zone: string };
}

function parts(iso: string): Parts | undefined {
  const m = ISO.exec(iso.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, z] = m;
  const p: Parts = { year: Number(y), month: Number(mo), day: Number(d) };
  if (h !== undefined && mi !== undefined) {
    let zone = z ?? 'Z';
    if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
    p.time = { hour: h, minute: mi, second: s ?? '00', zone };
  }
  return p;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar date as written (YYYY-MM-DD), or undefined for anything that is not ISO 8601. */
export function calendarDate(iso: string | undefined): string | undefined {
  if (iso === undefined) return undefined;
  const p = parts(iso);
  return p ? `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}` : undefined;
}

/** A W3C-DTF value for dc:date: the date, plus the time with its own offset when one is given. */
export function w3cDate(iso: string | undefined): string | undefined {
  if (iso === undefined) return undefined;
  const p = parts(iso);
  if (!p) return undefined;
  const date = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  if (!p.time) return date;
  return `${date}T${p.time.hour}:${p.time.minute}:${p.time.second}${p.time.zone}`;
}

/**
 * `dcterms:modified` wants CCYY-MM-DDThh:mm:ssZ in UTC. An explicit offset makes the instant
 * absolute (converting it does not depend on the machine); a bare date means midnight UTC.
 */
export function utcTimestamp(iso: string | undefined): string | undefined {
  const w = w3cDate(iso);
  if (w === undefined) return undefined;
  const ms = Date.parse(w.length === 10 ? `${w}T00:00:00Z` : w);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// One formatter per language: building one costs far more than formatting with it, and an
// edition formats several dates per article. `null` remembers a language Intl refuses.
const formats = new Map<string, Intl.DateTimeFormat | null>();

function dateFormat(language: string): Intl.DateTimeFormat | null {
  let format = formats.get(language);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
    } catch {
      format = null;
    }
    formats.set(language, format);
  }
  return format;
}

/** Human-readable date in the article's language, e.g. "28 November 2026" or "28 ноября 2026 г.". */
export function displayDate(iso: string, language: string): string {
  const p = parts(iso);
  if (!p) return iso;
  const format = dateFormat(language);
  const formatted = format
    ? format.format(new Date(Date.UTC(p.year, p.month - 1, p.day)))
    : `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  if (!p.time) return formatted;
  const zone = p.time.zone === 'Z' ? 'UTC' : `UTC${p.time.zone}`;
  return `${formatted}, ${p.time.hour}:${p.time.minute} ${zone}`;
}

/** The latest of some ISO dates by instant, or undefined if none parse. */
export function latest(isos: readonly (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const iso of isos) {
    const t = utcTimestamp(iso);
    if (t !== undefined && (best === undefined || t > best)) best = t;
  }
  return best;
}

/** When nothing in the input carries a date: fixed, so output stays reproducible. */
export const FALLBACK_MODIFIED = '2000-01-01T00:00:00Z';
