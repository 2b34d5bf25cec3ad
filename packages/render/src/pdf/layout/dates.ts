/** ISO date or date-time → Date; a plain date is midnight UTC. */
export function parseIsoDate(value: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
}

/** "2 May 2018" in the article's language, in UTC so that the machine's time zone never shows. */
export function formatDate(value: string, language: string): string {
  const date = parseIsoDate(value);
  if (Number.isNaN(date.getTime())) return value;
  try {
    let format = formats.get(language);
    if (!format) {
      format = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
      formats.set(language, format);
    }
    return format.format(date);
  } catch {
    return value.slice(0, 10);
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();
