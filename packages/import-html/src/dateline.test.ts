import { describe, expect, it } from 'vitest';
import { findDateline } from './dateline.js';

describe('findDateline', () => {
  it.each([
    [
      'BIRMINGHAM (Reuters) - Thieves who stripped copper cable',
      { place: 'BIRMINGHAM', agency: 'Reuters' },
    ],
    ['ISLAMABAD: The government said on Monday', { place: 'ISLAMABAD' }],
    ['NEW YORK, March 4 (AP) — Stocks fell', { place: 'NEW YORK', agency: 'AP' }],
    ['LONDON — The Bank of England held rates', { place: 'LONDON' }],
  ])('%j', (text, expected) => {
    expect(findDateline(text)).toEqual(expected);
  });

  it.each([
    'The council said - on Monday - that',
    'I - for one - disagree',
    'Harbour towns along the Tamar estuary',
    'کراچی میں اتوار کی صبح',
  ])('%j has none', (text) => {
    expect(findDateline(text)).toBeUndefined();
  });
});
