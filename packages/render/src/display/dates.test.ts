import { describe, expect, it } from 'vitest';
import {
  calendarDate,
  formatDate,
  instantOf,
  intlLocale,
  latest,
  rfc822Date,
  utcTimestamp,
  w3cDate,
} from './dates.js';

describe('dates are read from the string, never through the machine time zone', () => {
  it.each([
    ['2026-11-28', '2026-11-28', '2026-11-28', '2026-11-28T00:00:00Z'],
    [
      '2026-11-28T23:30:00-05:00',
      '2026-11-28',
      '2026-11-28T23:30:00-05:00',
      '2026-11-29T04:30:00Z',
    ],
    [
      '2026-11-28T00:15:00+05:00',
      '2026-11-28',
      '2026-11-28T00:15:00+05:00',
      '2026-11-27T19:15:00Z',
    ],
    ['2026-11-28T10:00Z', '2026-11-28', '2026-11-28T10:00:00Z', '2026-11-28T10:00:00Z'],
    [
      '2026-11-28T10:00:00.250+0530',
      '2026-11-28',
      '2026-11-28T10:00:00+05:30',
      '2026-11-28T04:30:00Z',
    ],
    ['2026-11-28T10:00:00', '2026-11-28', '2026-11-28T10:00:00Z', '2026-11-28T10:00:00Z'],
  ])('%s', (iso, date, w3c, utc) => {
    expect(calendarDate(iso)).toBe(date);
    expect(w3cDate(iso)).toBe(w3c);
    expect(utcTimestamp(iso)).toBe(utc);
    expect(instantOf(iso)?.toISOString().replace('.000', '')).toBe(utc);
  });

  it.each(['yesterday', '2026-13-01', '2026-11-28T25', ''])('rejects %j', (value) => {
    expect(calendarDate(value)).toBeUndefined();
    expect(utcTimestamp(value)).toBeUndefined();
    expect(formatDate(value, 'en').text).toBe(value);
  });

  it('picks the latest instant, not the latest string', () => {
    expect(latest(['2026-11-28T23:30:00-05:00', '2026-11-29T01:00:00Z', undefined, 'x'])).toBe(
      '2026-11-29T04:30:00Z',
    );
    expect(latest([undefined])).toBeUndefined();
  });
});

describe('formatDate shows the date as the publisher wrote it', () => {
  it.each([
    [
      'instant with an offset keeps its day and hour',
      '2026-11-28T23:30:00-05:00',
      'en',
      'November 28, 2026 at 11:30 PM GMT-5',
    ],
    [
      'half-hour offsets too',
      '2026-11-28T23:30:00+05:30',
      'en',
      'November 28, 2026 at 11:30 PM GMT+5:30',
    ],
    ['UTC instant', '2026-11-28T23:30:00Z', 'en', 'November 28, 2026 at 11:30 PM UTC'],
    ['+00:00 is UTC', '2026-11-28T23:30:00+00:00', 'en', 'November 28, 2026 at 11:30 PM UTC'],
    ['date only', '2026-11-28', 'en', 'November 28, 2026'],
    [
      'zone-less: the wall clock, no zone claimed',
      '2026-11-28T23:30:00',
      'en',
      'November 28, 2026 at 11:30 PM',
    ],
    [
      'in the article language',
      '2026-11-28T23:30:00-05:00',
      'fr',
      '28 novembre 2026 à 23:30 UTC−5',
    ],
    ['Russian date only', '2026-11-28', 'ru', '28 ноября 2026 г.'],
    ['Chinese', '2026-11-28', 'zh', '2026年11月28日'],
    ['Arabic', '2026-05-03', 'ar', '3 مايو 2026'],
    [
      'an unknown language is English, not the machine locale',
      '2026-11-28',
      'xx',
      'November 28, 2026',
    ],
    [
      'an offset no zone has is written as is',
      '2026-11-28T23:30:00+01:23',
      'en',
      'November 28, 2026 at 11:30 PM UTC+01:23',
    ],
    // Etc/GMT+13 and +14 do not exist: Intl threw, and every page showing the date failed.
    [
      'offsets west of UTC-12 are written as is',
      '2024-01-01T10:00:00-13:00',
      'en',
      'January 1, 2024 at 10:00 AM UTC-13:00',
    ],
    [
      'as far west as ISO allows',
      '2024-01-01T10:00:00-23:59',
      'en',
      'January 1, 2024 at 10:00 AM UTC-23:59',
    ],
    ['UTC-12 is a zone', '2024-01-01T10:00:00-12:00', 'en', 'January 1, 2024 at 10:00 AM GMT-12'],
    ['UTC+14 is a zone', '2024-01-01T10:00:00+14:00', 'en', 'January 1, 2024 at 10:00 AM GMT+14'],
  ])('%s', (_name, iso, language, text) => {
    // CLDR puts narrow no-break spaces before AM/PM; compare words, not space characters.
    expect(formatDate(iso, language).text.replace(/\s+/gu, ' ')).toBe(text);
    expect(formatDate(iso, language).iso).toBe(iso);
  });

  it('never depends on the machine time zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      expect(formatDate('2026-11-28T23:30:00-05:00', 'en').text).toMatch(/^November 28, 2026/);
    } finally {
      process.env.TZ = before;
    }
  });

  it('resolves unknown and bad language tags to English', () => {
    expect(intlLocale('ar-EG')).toBe('ar-EG');
    expect(intlLocale('xx')).toBe('en');
    expect(intlLocale('not a tag')).toBe('en');
  });
});

describe("rfc822Date (RSS pubDate): the publisher's wall time and offset, as RFC 822 writes them", () => {
  it.each([
    ['2026-11-28T23:30:00-05:00', 'Sat, 28 Nov 2026 23:30:00 -0500'],
    ['2026-11-28T00:15:00+05:30', 'Sat, 28 Nov 2026 00:15:00 +0530'],
    ['2026-11-28T10:00Z', 'Sat, 28 Nov 2026 10:00:00 +0000'],
    ['2026-11-28T10:00:00', 'Sat, 28 Nov 2026 10:00:00 +0000'],
    ['2018-05-02', 'Wed, 02 May 2018 00:00:00 +0000'],
    ['2024-02-29T07:05:09.5+01:00', 'Thu, 29 Feb 2024 07:05:09 +0100'],
  ])('%s → %s', (iso, rfc822) => {
    expect(rfc822Date(iso)).toBe(rfc822);
    // The same instant, read back by the parser feed readers use.
    expect(Date.parse(rfc822)).toBe(instantOf(iso)?.getTime());
  });

  it.each([['yesterday'], ['2026-13-01'], [''], [undefined]])('%s → undefined', (value) => {
    expect(rfc822Date(value)).toBeUndefined();
  });
});
