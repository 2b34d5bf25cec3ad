import { describe, expect, it } from 'vitest';
import { normalizeDate } from './dates.js';

describe('normalizeDate', () => {
  it.each([
    ['2024-03-09T06:30:00+00:00', '2024-03-09T06:30:00+00:00'],
    ['2024-03-09T06:30:00+0000', '2024-03-09T06:30:00+00:00'],
    ['2024-03-09T06:30+01', '2024-03-09T06:30:00+01:00'],
    ['2024-03-09T06:30:00.123456Z', '2024-03-09T06:30:00.123Z'],
    ['2024-03-09 06:30:00-05:00', '2024-03-09T06:30:00-05:00'],
    // A time without a zone names no instant: the date alone is kept.
    ['2024-03-09T06:30:00', '2024-03-09'],
    ['2024-03-09', '2024-03-09'],
    ['Sat, 09 Mar 2024 06:30:00 GMT', '2024-03-09T06:30:00Z'],
    ['March 4, 2024', '2024-03-04'],
    ['4 March 2024', '2024-03-04'],
    ['2024年3月21日 14時00分', '2024-03-21'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });

  it.each(['', 'yesterday', '2024-02-30', '2024-13-01', '17.48 GMT', 'Updated 3 hours ago'])(
    '%j is not a date',
    (input) => {
      expect(normalizeDate(input)).toBeUndefined();
    },
  );
});
