import { describe, expect, it } from 'vitest';
import { calendarDate, displayDate, latest, utcTimestamp, w3cDate } from './dates.js';

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
  ])('%s', (iso, date, w3c, utc) => {
    expect(calendarDate(iso)).toBe(date);
    expect(w3cDate(iso)).toBe(w3c);
    expect(utcTimestamp(iso)).toBe(utc);
  });

  it.each([['yesterday'], ['28/11/2026'], [''], ['2026-11-28 10:00']])('refuses %j', (iso) => {
    expect(w3cDate(iso)).toBeUndefined();
    expect(utcTimestamp(iso)).toBeUndefined();
  });

  it.each([
    ['2026-11-28', 'en', 'November 28, 2026'],
    ['2026-11-28T23:30:00-05:00', 'en', 'November 28, 2026, 23:30 UTC-05:00'],
    ['2026-11-28', 'ru', '28 ноября 2026 г.'],
  ])('shows %s in %s as %s', (iso, lang, shown) => {
    expect(displayDate(iso, lang)).toBe(shown);
  });

  it('picks the latest instant, not the latest string', () => {
    expect(
      latest(['2026-11-28T23:30:00-05:00', '2026-11-29T01:00:00+05:00', undefined, 'junk']),
    ).toBe('2026-11-29T04:30:00Z');
    expect(latest([undefined])).toBeUndefined();
  });
});
