const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const HAS_ZONE = /\b(?:GMT|UTC|UT|[ECMP][SD]T)\b|[+-]\d{2}:?\d{2}\b|\dZ\b/i;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Reads a date as pages write it (ISO 8601 with or without seconds or a colon in the offset,
 * RFC 2822, "5 March 2024") and returns what the model stores: a date-time with a UTC offset
 * when the page gave a time zone, else the calendar date alone, since a time without a zone
 * names no instant. Undefined when the text is not a date.
 */
export function normalizeDate(raw: string | null | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  const iso = ISO.exec(value);
  if (iso) {
    const [, ys, ms, ds, hh, mm, ss, frac, zone] = iso;
    const y = Number(ys);
    const m = Number(ms);
    const d = Number(ds);
    if (!validDate(y, m, d)) return undefined;
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
  // 2024年3月21日 (Japanese, Chinese), 2024년 3월 21일 (Korean)
  const cjk = /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]/.exec(value);
  if (cjk) {
    const [y, m, d] = [Number(cjk[1]), Number(cjk[2]), Number(cjk[3])];
    return validDate(y, m, d) ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : undefined;
  }
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
  return validDate(y, m, d) ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : undefined;
}
