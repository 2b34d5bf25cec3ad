import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './retry-after.js';

const NOW = new Date('2026-12-04T09:00:00Z');

describe('retryAfterMs', () => {
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Fri, 04 Dec 2026 09:01:30 GMT', 90_000],
    ['Fri, 04 Dec 2026 08:00:00 GMT', 0], // in the past: now
    [undefined, undefined],
    ['-5', undefined],
    ['soon', undefined],
    ['1.5', undefined],
  ])('%j → %j', (value, ms) => {
    expect(retryAfterMs(value, NOW)).toBe(ms);
  });
});
