/** What a date line says: publication and/or update time as ISO 8601 strings. */
export interface DateInfo {
  publishedAt?: string;
  updatedAt?: string;
}

// Month names as news sites write them: English, Russian and Urdu by hand (with the short
// forms sites use), the other languages from the platform's CLDR data (Intl), in the forms
// dates are written with ("марта", "września", "Σεπτεμβρίου") and alone.
const WRITTEN_MONTHS: string[][] = [
  [
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
  ],
  [
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
  ],
  [
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
  ],
];
const CLDR_LOCALES = [
  'fr',
  'es',
  'de',
  'it',
  'pt',
  'nl',
  'tr',
  'pl',
  'uk',
  'el',
  'ar',
  'fa',
  'he',
  'hi',
];

let months: Map<string, number> | undefined;
/** Month name (lower case, no final full stop) → 1-12; built on first use. */
function monthTable(): Map<string, number> {
  if (months) return months;
  const table = new Map<string, number>();
  const add = (name: string, month: number) => {
    const key = name.toLowerCase().replace(/\.$/u, '');
    // A name two languages give to different months means neither (none known today).
    if (!table.has(key)) table.set(key, month);
    else if (table.get(key) !== month) table.set(key, 0);
  };
  for (const names of WRITTEN_MONTHS)
    names.forEach((name, i) => {
      for (const variant of name.split('|')) add(variant, i + 1);
    });
  const forms: Intl.DateTimeFormatOptions[] = [
    { month: 'long' },
    { month: 'short' },
    { day: 'numeric', month: 'long' },
    { day: 'numeric', month: 'short' },
  ];
  for (const locale of CLDR_LOCALES) {
    for (const form of forms) {
      const format = new Intl.DateTimeFormat(`${locale}-u-ca-gregory-nu-latn`, {
        ...form,
        timeZone: 'UTC',
      });
      for (let m = 0; m < 12; m++) {
        const name = format.formatToParts(Date.UTC(2021, m, 15)).find((p) => p.type === 'month');
        if (name) add(name.value, m + 1);
      }
    }
  }
  months = table;
  return table;
}

/** The month a written name means, or undefined. Hebrew writes "in" onto it: "בספטמבר". */
export function monthNumber(name: string): number | undefined {
  const key = name.toLowerCase().replace(/\.$/u, '');
  const table = monthTable();
  const month = table.get(key) ?? (key.startsWith('ב') ? table.get(key.slice(1)) : undefined);
  return month === 0 ? undefined : month;
}

// Arabic-Indic, Persian and Devanagari digits read as ASCII ones (one UTF-16 unit each, so
// indices into the text stay valid).
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x0966];
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9\u0966-\u096F]/gu, (d) => {
    const code = d.charCodeAt(0);
    const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9) ?? code;
    return String(code - zero);
  });
}

const MONTH = String.raw`([\p{L}\p{M}]+)\.?`;
// "3rd", "5." (German), and the Spanish and Portuguese "5 de marzo de 2024".
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th|\.)?`;
const OF = String.raw`(?:\s+de)?`;
// "2024 г." (Russian), "2024 р." (Ukrainian).
const YEAR = String.raw`(\d{4})(?:\s*[гр]\.|\s+(?:года|року))?`;
// "14:05", "14.05", "2:05 pm", "14:05:30 GMT", "14時05分"; a zone as "GMT+5", "+05:00", "UTC".
const TIME = String.raw`(?:,?\s*(?:at\s+|в\s+|о\s+|um\s+|à\s+|às\s+|alle\s+|a las\s+)?(\d{1,2})[:.時时시]\s*(\d{2})(?:[:.]\d{2}|\s*[分분])?(?:\s*([aApP])\.?[mM]\.?)?(?:\s*(GMT|UTC|Z(?![\p{L}])|[+-]\d{2}:?\d{2})(?:\s*([+-]\d{1,2})(?::?(\d{2}))?)?)?)?`;

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
    // 2019年3月3日 14:05, 2024년 3월 21일
    re: new RegExp(
      String.raw`(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]` + TIME,
      'u',
    ),
    pick: (m) => ({ y: +m[1]!, m: +m[2]!, d: +m[3]!, ...time(m[4], m[5], m[6], m[7], m[8], m[9]) }),
  },
  {
    // 02 May 2018, 3 March 2019 14:05, 3 марта 2019, 5 de marzo de 2024, 5 ستمبر، 2021
    re: new RegExp(
      DAY + OF + String.raw`\s+` + MONTH + OF + String.raw`[,،]?\s+` + YEAR + TIME,
      'u',
    ),
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
  const mon = monthNumber(month ?? '');
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
  const ascii = asciiDigits(text);
  for (const { re, pick } of PATTERNS) {
    const m = re.exec(ascii);
    if (!m) continue;
    const parsed = pick(m);
    const iso = parsed && toIso(parsed, defaultOffset);
    if (iso && (best === undefined || m.index < best.index))
      best = { iso, index: m.index, end: m.index + m[0].length };
  }
  return best;
}

const UPDATED = String.raw`(?:last\s+updated|updated(?:\s+on|\s+at)?|modified|edited|mis\s+à\s+jour(?:\s+le)?|actualizado(?:\s+el)?|aktualisiert(?:\s+am)?|aggiornato(?:\s+il)?|atualizado(?:\s+em)?|bijgewerkt|güncelleme|zaktualizowano|обновлено|обновлён|оновлено|ενημερώθηκε|עודכן|آخر\s+تحديث|تحديث|به‌روزرسانی|अपडेट(?:\s+किया\s+गया)?|更新(?:时间|時間|于|日時)?|수정|اپ\s?ڈیٹ|اپڈیٹ)`;
const PUBLISHED = String.raw`(?:first\s+published|published(?:\s+on|\s+at)?|posted(?:\s+on|\s+at)?|date|dated|publié(?:\s+le)?|publicado(?:\s+el|\s+em)?|veröffentlicht(?:\s+am)?|pubblicato(?:\s+il)?|gepubliceerd|yayınlanma|opublikowano|опубликовано|опубліковано|дата\s+публикации|δημοσιεύθηκε|δημοσίευση|פורסם|تاريخ\s+النشر|نشر(?:\s+في)?|تاریخ\s+انتشار|प्रकाशित|प्रकाशन|发布(?:时间|時間|于)?|發布(?:时间|時間)?|发表|公開(?:日時)?|配信|입력|شائع(?:\s+ہوا)?|تاریخ)`;
const WORDY = String.raw`\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{M}`;
const LABEL = new RegExp(
  String.raw`(?<![${WORDY}])(?:(${UPDATED})|(${PUBLISHED}))(?![${WORDY}])`,
  'giu',
);

const FILLERS = new Set([
  'on',
  'at',
  'le',
  'el',
  'em',
  'il',
  'am',
  'um',
  'uhr',
  'de',
  'à',
  'г',
  'р',
  'в',
  'о',
]);

let weekdays: Set<string> | undefined;
/** Weekday names, long and short, lower case, in the languages months are read in. */
function weekdayNames(): Set<string> {
  if (weekdays) return weekdays;
  const names = new Set<string>();
  for (const locale of ['en', 'ru', 'ur', ...CLDR_LOCALES])
    for (const weekday of ['long', 'short'] as const) {
      const format = new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, {
        weekday,
        timeZone: 'UTC',
      });
      // 4-10 January 2021 run from Monday to Sunday.
      for (let d = 4; d <= 10; d++)
        names.add(
          format
            .format(Date.UTC(2021, 0, d))
            .toLowerCase()
            .replace(/\.$/u, ''),
        );
    }
  for (const short of ['tues', 'wednes', 'thurs', 'tue', 'wed', 'thu']) names.add(short);
  weekdays = names;
  return names;
}

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
  // Only separators, weekday names and little words ("le", "am", "Uhr") may remain.
  const leftover = rest
    .toLowerCase()
    .split(/[\s:：|,，;·•/()（）\-–—.،]+/u)
    .filter((w) => w !== '' && !FILLERS.has(w) && !weekdayNames().has(w));
  return leftover.length === 0 ? info : undefined;
}

// A value in ISO 8601 (seconds, fractions and the offset's colon optional).
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/iu;
const HAS_ZONE = /\b(?:GMT|UTC|UT|[ECMP][SD]T)\b|[+-]\d{2}:?\d{2}\b|\dZ\b/iu;

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Reads a date value as pages and feeds write it (ISO 8601 with or without seconds or a colon
 * in the offset, RFC 2822, "5 March 2024", "Updated 3 марта 2019", "2024年3月21日") and
 * returns what the model stores: a date-time with its offset when a zone was given, else the
 * calendar date alone, since a time without a zone names no instant. Undefined when the text
 * is not a date.
 */
export function normalizeDate(raw: string | null | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  const iso = ISO.exec(value);
  if (iso) {
    const [, ys, ms, ds, hh, mm, ss, frac, zone] = iso;
    if (!validDate(Number(ys), Number(ms), Number(ds))) return undefined;
    const date = `${ys}-${ms}-${ds}`;
    if (hh === undefined || mm === undefined || zone === undefined) return date;
    if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) return date;
    let offset = zone.toUpperCase();
    if (offset !== 'Z') {
      const digits = offset.slice(1).replace(':', '');
      offset = `${offset[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
    }
    const fraction = frac ? `.${frac.slice(0, 3)}` : '';
    return `${date}T${hh}:${mm}:${ss ?? '00'}${fraction}${offset}`;
  }
  const line = parseDateLine(value);
  const written = line?.publishedAt ?? line?.updatedAt;
  if (written !== undefined) return written;
  // Anything else the platform reads (RFC 2822 with a zone name, say).
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  const parsed = new Date(ms);
  if (HAS_ZONE.test(value)) {
    if (!validDate(parsed.getUTCFullYear(), parsed.getUTCMonth() + 1, parsed.getUTCDate()))
      return undefined;
    return parsed.toISOString().replace('.000Z', 'Z');
  }
  // No zone: Date.parse read it in local time, so local fields give back the written date.
  const y = parsed.getFullYear();
  const m = parsed.getMonth() + 1;
  const d = parsed.getDate();
  return validDate(y, m, d) ? `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}` : undefined;
}
