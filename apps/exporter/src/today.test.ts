import { describe, expect, it } from 'vitest';
import { todayFrom } from './today.js';

describe('todayFrom', () => {
  it('is the local calendar date of the given moment', () => {
    const now = new Date(2026, 10, 28, 23, 59);
    expect(todayFrom({}, now)).toBe('2026-11-28');
  });

  it.each([
    ['1525219200', '2018-05-02'],
    [' 0 ', '1970-01-01'],
  ])('follows SOURCE_DATE_EPOCH=%j → %s', (epoch, expected) => {
    expect(todayFrom({ SOURCE_DATE_EPOCH: epoch }, new Date(2026, 0, 1))).toBe(expected);
  });

  it('ignores a SOURCE_DATE_EPOCH that is not a number of seconds', () => {
    expect(todayFrom({ SOURCE_DATE_EPOCH: 'yesterday' }, new Date(2026, 0, 2, 12))).toBe(
      '2026-01-02',
    );
  });
});
