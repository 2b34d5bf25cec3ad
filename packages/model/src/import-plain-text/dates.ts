/** What a date line says: publication and/or update time as ISO 8601 strings. */
export interface DateInfo {
  publishedAt?: string;
  updatedAt?: string;
}

const MONTHS: Record<string, number> = {};
function addMonths(names: string[]): void {
  names.forEach((name, i) => {
    for (const variant of name.split('|')) MONTHS[variant] = i + 1;
  });
}
addMonths([
  'january|jan',
  'february|feb',
  'march|mar',
  'april|apr',
  'may',
  'june|jun',
  'july|jul',
  'august|aug',
  'september|sep|sept',
  'october|oct',
  'november|nov',
  'december|dec',
]);
addMonths([
  'января|январь|янв',
  'февраля|февраль|фев',
  'марта|март|мар',
  'апреля|апрель|апр',
  'мая|май',
  'июня|июнь|июн',
  'июля|июль|июл',
  'августа|август|авг',
  'сентября|сентябрь|сен',
  'октября|октябрь|окт',
  'ноября|ноябрь|ноя',
  'декабря|декабрь|дек',
]);
addMonths([
  'جنوری',
  'فروری',
  'مارچ',
  'اپریل',
  'مئی',
  'جون',
  'جولائی',
  'اگست',
  'ستمبر',
  'اکتوبر',
  'نومبر',
  'دسمبر',
]);

const MONTH = String.raw`(\p{L}+)\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(\d{4})`;
const TIME = String.raw`(?:,?\s*(?:at\s+|в\s+)?(\d{1,2})[:.](\d{2})(?:\s*([aApP])\.?[mM]\.?)?(?:\s*(GMT|UTC|Z(?![\p{L}])|[+-]\d{2}:?\d{2})(?:\s*([+-]\d{1,2})(?::?(\d{2}))?)?)?)?`;

interface Parsed {
  y: number;
  m: number;
  d: number;
  hh?: number;
  mm?: number;
  ampm?: string;
  zone?: string;
  zoneH?: string;
  zoneM?: string;
}

const PATTERNS: { re: RegExp; pick: (m: RegExpExecArray) => Parsed | undefined }[] = [
  {
    // 2018-05-02, 2018-05-02T10:00:00+05:00, 2018-05-02 10:00
    re: new RegExp(
      String.raw`(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?`,
      'u',
    ),
    pick: (m) => ({ y: +m[1]!, m: +m[2]!, d: +m[3]!, ...time(m[4], m[5], undefined, m[6]) }),
  },
  {
    // 2019年3月3日 14:05
    re: new RegExp(String.raw`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日` + TIME, 'u'),
    pick: (m) => ({ y: +m[1]!, m: +m[2]!, d: +m[3]!, ...time(m[4], m[5], m[6], m[7], m[8], m[9]) }),
  },
  {
    // 02 May 2018, 3 March 2019 14:05, 3 марта 2019
    re: new RegExp(DAY + String.raw`\s+` + MONTH + String.raw`,?\s+` + YEAR + TIME, 'u'),
    pick: (m) => named(m[1], m[2], m[3], m, 4),
  },
  {
    // May 2, 2018; Sunday, March 3, 2019 2:05 pm
    re: new RegExp(MONTH + String.raw`\s+` + DAY + String.raw`,?\s+` + YEAR + TIME, 'u'),
    pick: (m) => named(m[2], m[1], m[3], m, 4),
  },
];

function time(
  hh?: string,
  mm?: string,
  ampm?: string,
  zone?: string,
  zoneH?: string,
  zoneM?: string,
): Partial<Parsed> {
  if (hh === undefined || mm === undefined) return {};
  const t: Partial<Parsed> = { hh: +hh, mm: +mm };
  if (ampm) t.ampm = ampm;
  if (zone) t.zone = zone;
  if (zoneH) t.zoneH = zoneH;
  if (zoneM) t.zoneM = zoneM;
  return t;
}

function named(
  day: string | undefined,
  month: string | undefined,
  year: string | undefined,
  m: RegExpExecArray,
  t: number,
): Parsed | undefined {
  const mon = MONTHS[(month ?? '').toLowerCase()];
  if (mon === undefined) return undefined;
  return {
    y: +year!,
    m: mon,
    d: +day!,
    ...time(m[t], m[t + 1], m[t + 2], m[t + 3], m[t + 4], m[t + 5]),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

function offsetOf(p: Parsed, defaultOffset: string | undefined): string | undefined {
  if (p.zone === undefined) return defaultOffset;
  if (p.zone === 'Z') return 'Z';
  if (p.zone === 'GMT' || p.zone === 'UTC') {
    if (p.zoneH === undefined) return 'Z';
    const h = Number(p.zoneH);
    return `${h < 0 ? '-' : '+'}${pad(Math.abs(h))}:${p.zoneM ?? '00'}`;
  }
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(p.zone);
  return m ? `${m[1]}${m[2]}:${m[3]}` : undefined;
}

/**
 * An ISO 8601 value for a parsed date: a date-time with an offset when the text gives a time
 * and a zone (or the caller gives a default offset), else the calendar date alone; a time
 * without a zone is dropped rather than guessed.
 */
function toIso(p: Parsed, defaultOffset: string | undefined): string | undefined {
  if (p.m < 1 || p.m > 12 || p.d < 1 || p.y < 1000) return undefined;
  const probe = new Date(Date.UTC(p.y, p.m - 1, p.d));
  if (probe.getUTCMonth() !== p.m - 1 || probe.getUTCDate() !== p.d) return undefined;
  const date = `${p.y}-${pad(p.m)}-${pad(p.d)}`;
  if (p.hh === undefined || p.mm === undefined) return date;
  let hh = p.hh;
  if (p.ampm) {
    if (hh < 1 || hh > 12) return date;
    hh = (hh % 12) + (p.ampm.toLowerCase() === 'p' ? 12 : 0);
  }
  if (hh > 23 || p.mm > 59) return date;
  const offset = offsetOf(p, defaultOffset);
  if (offset === undefined) return date;
  return `${date}T${pad(hh)}:${pad(p.mm)}:00${offset}`;
}

/** Finds the first date in a piece of text and returns it as ISO 8601, or undefined. */
export function findDate(
  text: string,
  defaultOffset?: string,
): { iso: string; index: number; end: number } | undefined {
  let best: { iso: string; index: number; end: number } | undefined;
  for (const { re, pick } of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const parsed = pick(m);
    const iso = parsed && toIso(parsed, defaultOffset);
    if (iso && (best === undefined || m.index < best.index))
      best = { iso, index: m.index, end: m.index + m[0].length };
  }
  return best;
}

const UPDATED = String.raw`(?:last\s+updated|updated(?:\s+on|\s+at)?|modified|edited|обновлено|обновлён|更新(?:时间|時間|于)?|اپ\s?ڈیٹ|اپڈیٹ)`;
const PUBLISHED = String.raw`(?:first\s+published|published(?:\s+on|\s+at)?|posted(?:\s+on|\s+at)?|date|dated|опубликовано|дата\s+публикации|发布(?:时间|時間|于)?|發布(?:时间|時間)?|发表|شائع(?:\s+ہوا)?|تاریخ)`;
const WORDY = String.raw`\p{Script=Latin}\p{Script=Cyrillic}`;
const LABEL = new RegExp(
  String.raw`(?<![${WORDY}])(?:(${UPDATED})|(${PUBLISHED}))(?![${WORDY}])`,
  'giu',
);

/**
 * Reads a line that is only dates ("Updated 02 May 2018", "Published 3 March 2019 14:05 |
 * Updated 4 March 2019", "2018-05-02"). Returns undefined for any line with other words, so
 * prose that mentions a date is never taken for metadata.
 */
export function parseDateLine(text: string, defaultOffset?: string): DateInfo | undefined {
  if (text.length > 160) return undefined;
  const info: DateInfo = {};
  let rest = text;
  const labels = [...text.matchAll(LABEL)];
  if (labels.length === 0) {
    const found = findDate(text, defaultOffset);
    if (!found) return undefined;
    rest = text.slice(0, found.index) + text.slice(found.end);
    info.publishedAt = found.iso;
  } else {
    // The text of each label runs to the next label.
    rest = text.slice(0, labels[0]!.index);
    labels.forEach((label, i) => {
      const start = label.index + label[0].length;
      const end = labels[i + 1]?.index ?? text.length;
      const segment = text.slice(start, end);
      const found = findDate(segment, defaultOffset);
      if (!found) {
        rest += segment;
        return;
      }
      rest += segment.slice(0, found.index) + segment.slice(found.end);
      if (label[1] !== undefined) info.updatedAt ??= found.iso;
      else info.publishedAt ??= found.iso;
    });
  }
  if (info.publishedAt === undefined && info.updatedAt === undefined) return undefined;
  // Only separators and weekday names may remain.
  const leftover = rest
    .toLowerCase()
    .replace(/\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(mon|tue|wed|thu|fri|sat|sun)\b/gu, '')
    .replace(/[\s:：|,，;·•/()（）\-–—.]+/gu, '');
  return leftover === '' ? info : undefined;
}
