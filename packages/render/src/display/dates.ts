/**
 * Dates as the publisher wrote them. They are read from their ISO 8601 strings, never through
 * the machine's time zone: "2026-11-28T23:30:00-05:00" was published on the 28th, at 23:30 in
 * its own offset, wherever it is rendered. Words and digits come from CLDR through Intl in the
 * article's language.
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO 8601 value split as written. `zone` is absent for a zone-less date-time. */
export interface IsoParts {
  year: number;
  month: number;
  day: number;
  time?: { hour: number; minute: number; second: number; zone?: string };
}

/** The parts of an ISO date or date-time, or undefined for anything else. */
export function isoParts(iso: string): IsoParts | undefined {
  const m = ISO.exec(iso.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, z] = m;
  const p: IsoParts = { year: Number(y), month: Number(mo), day: Number(d) };
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31) return undefined;
  if (h !== undefined && mi !== undefined) {
    p.time = { hour: Number(h), minute: Number(mi), second: Number(s ?? '0') };
    if (z === 'Z' || z === '+00:00' || z === '+0000' || z === '-00:00' || z === '-0000')
      p.time.zone = 'Z';
    else if (z !== undefined) p.time.zone = z.length === 5 ? `${z.slice(0, 3)}:${z.slice(3)}` : z;
  }
  return p;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dayOf = (p: IsoParts) => `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;

/** The calendar date as written (YYYY-MM-DD), or undefined for anything that is not ISO 8601. */
export function calendarDate(iso: string | undefined): string | undefined {
  const p = iso === undefined ? undefined : isoParts(iso);
  return p ? dayOf(p) : undefined;
}

/**
 * A W3C-DTF value (EPUB `dc:date`): the date, plus the time with its own offset when one is
 * given; a zone-less time is read as UTC, as a value that must name an instant has to be.
 */
export function w3cDate(iso: string | undefined): string | undefined {
  const p = iso === undefined ? undefined : isoParts(iso);
  if (!p) return undefined;
  if (!p.time) return dayOf(p);
  const t = p.time;
  return `${dayOf(p)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${t.zone ?? 'Z'}`;
}

/** The instant a value names: a bare date is midnight UTC, a zone-less time is UTC. */
export function instantOf(iso: string | undefined): Date | undefined {
  const w = w3cDate(iso);
  if (w === undefined) return undefined;
  const ms = Date.parse(w.length === 10 ? `${w}T00:00:00Z` : w);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** CCYY-MM-DDThh:mm:ssZ in UTC (`dcterms:modified`, Atom `updated`), or undefined. */
export function utcTimestamp(iso: string | undefined): string | undefined {
  return instantOf(iso)
    ?.toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/**
 * An RFC 822 date-time (RSS 2.0 `pubDate`), with a four-digit year as RFC 2822 and the RSS
 * Best Practices Profile ask: `Sat, 28 Nov 2026 23:30:00 -0500`. The wall time and offset are
 * the publisher's, as written; a bare date is midnight and a zone-less time UTC (`+0000`), as
 * in w3cDate. The weekday is the one of the date as written (English names, as RFC 822 fixes).
 */
export function rfc822Date(iso: string | undefined): string | undefined {
  const p = iso === undefined ? undefined : isoParts(iso);
  if (!p || instantOf(iso) === undefined) return undefined;
  const t = p.time ?? { hour: 0, minute: 0, second: 0 };
  const zone = t.zone === undefined || t.zone === 'Z' ? '+0000' : t.zone.replace(':', '');
  const weekday = WEEKDAYS[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()];
  const month = MONTHS[p.month - 1];
  return `${weekday}, ${pad(p.day)} ${month} ${pad(p.year, 4)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)} ${zone}`;
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

/** A date as shown: the value for `<time datetime>` and the text in the content's language. */
export interface DisplayDate {
  iso: string;
  text: string;
}

/**
 * The language Intl will really use. An unknown tag would otherwise fall back to the machine's
 * default locale, and the same article would read differently on another server.
 */
export function intlLocale(language: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([language])[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/**
 * Intl (Node 20) takes no "-05:00" time zone, but Etc/GMT+5 is that offset (POSIX signs are
 * inverted) and the half- and quarter-hour offsets in use have a fixed-offset zone. Each is
 * checked against the wanted offset before use; an offset without one shows as written.
 */
const FRACTIONAL_ZONES: Record<string, string> = {
  '-09:30': 'Pacific/Marquesas',
  '+03:30': 'Asia/Tehran',
  '+04:30': 'Asia/Kabul',
  '+05:30': 'Asia/Kolkata',
  '+05:45': 'Asia/Kathmandu',
  '+06:30': 'Asia/Yangon',
  '+08:45': 'Australia/Eucla',
  '+09:30': 'Australia/Darwin',
};

/** The whole-hour Etc zones: from Etc/GMT-14 (UTC+14) to Etc/GMT+12 (UTC-12), no further. */
const ETC_EAST_HOURS = 14;
const ETC_WEST_HOURS = 12;

function zoneFor(offset: string): string | undefined {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!m) return undefined;
  const [, sign, hh, mm] = m;
  const hours = Number(hh);
  if (mm === '00' && hours <= (sign === '+' ? ETC_EAST_HOURS : ETC_WEST_HOURS))
    return `Etc/GMT${sign === '+' ? '-' : '+'}${hours}`;
  return FRACTIONAL_ZONES[offset];
}

/** True when `zone` is at `offset` (e.g. "+05:30") at that instant (zones change their rules). */
function zoneHasOffset(zone: string, offset: string, at: Date): boolean {
  const name = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return name === `GMT${offset}`;
}

// Building a formatter costs far more than using one, and an edition formats many dates.
const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: string, kind: 'date' | 'time' | 'zoned', timeZone: string) {
  const key = `${locale}|${kind}|${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone,
    };
    if (kind !== 'date') Object.assign(options, { hour: 'numeric', minute: '2-digit' });
    if (kind === 'zoned') options.timeZoneName = timeZone === 'UTC' ? 'short' : 'shortOffset';
    f = new Intl.DateTimeFormat(locale, options);
    formats.set(key, f);
  }
  return f;
}

/**
 * Human-readable date in `language`, as written: a date alone ("November 28, 2026"), a
 * zone-less time as its wall clock ("November 28, 2026 at 11:30 PM"), a time with an offset in
 * that offset, never converted ("November 28, 2026 at 11:30 PM GMT-5"); anything that is not
 * ISO 8601 as it is.
 */
export function formatDate(iso: string, language: string): DisplayDate {
  const p = isoParts(iso);
  if (!p) return { iso, text: iso };
  const locale = intlLocale(language);
  const t = p.time;
  // The wall clock as written, formatted in UTC so that no zone moves it.
  const wall = new Date(Date.UTC(p.year, p.month - 1, p.day, t?.hour ?? 0, t?.minute ?? 0));
  wall.setUTCFullYear(p.year); // years below 100 are not 19xx
  if (!t) return { iso, text: format(locale, 'date', 'UTC').format(wall) };
  if (t.zone === undefined) return { iso, text: format(locale, 'time', 'UTC').format(wall) };
  if (t.zone === 'Z') return { iso, text: format(locale, 'zoned', 'UTC').format(wall) };
  const instant = instantOf(iso);
  const zone = zoneFor(t.zone);
  if (instant && zone && zoneHasOffset(zone, t.zone, instant))
    return { iso, text: format(locale, 'zoned', zone).format(instant) };
  // No zone with that offset: the wall clock, then the offset as written.
  return { iso, text: `${format(locale, 'time', 'UTC').format(wall)} UTC${t.zone}` };
}
