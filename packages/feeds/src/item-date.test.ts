import { describe, expect, it } from 'vitest';
import { itemDate } from './item-date.js';

const NOW = new Date('2026-12-04T09:00:00Z');

describe('itemDate', () => {
  it.each([
    ['Thu, 03 Dec 2026 16:05:00 +0000', '2026-12-03T16:05:00.000Z'],
    ['03 Dec 2026 16:05 GMT', '2026-12-03T16:05:00.000Z'],
    ['Thu, 3 Dec 2026 11:05:00 EST', '2026-12-03T16:05:00.000Z'],
    ['2026-12-03T17:05:00+01:00', '2026-12-03T16:05:00.000Z'],
    ['2026-12-03T16:05:00.250Z', '2026-12-03T16:05:00.250Z'],
    ['2026-12-03T16:05:00', '2026-12-03T16:05:00.000Z'], // no zone: UTC, whatever the machine's
    ['2026-12-03', '2026-12-03T00:00:00.000Z'],
    ['  2026-12-03  ', '2026-12-03T00:00:00.000Z'],
    ['2026-12-05T08:00:00Z', '2026-12-05T08:00:00.000Z'], // within a day ahead: clock skew
  ])('accepts %s', (raw, iso) => {
    expect(itemDate(raw, NOW)).toEqual({ iso });
  });

  it.each([
    ['1', /"1" is not a date/],
    ['{{post_date}}', /is not a date/],
    ['yesterday', /is not a date/],
    ['2026-02-31', /is not a date/],
    ['Tue, 31 Feb 2026 10:00:00 GMT', /is not a date/],
    ['2026-13-01', /is not a date/],
    ['2026-12-05T10:00:00Z', /2026-12-05T10:00:00.000Z is in the future/],
    ['Fri, 01 Jan 2100 00:00:00 +0000', /is in the future/],
  ])('refuses %s', (raw, problem) => {
    const date = itemDate(raw, NOW);
    expect(date !== undefined && 'problem' in date ? date.problem : '').toMatch(problem);
  });

  it.each([[undefined], [''], ['   ']])('no date for %j', (raw) => {
    expect(itemDate(raw, NOW)).toBeUndefined();
  });
});
