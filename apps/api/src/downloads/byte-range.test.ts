import { describe, expect, it } from 'vitest';
import { parseRange, type RangeRequest } from './byte-range.js';

const SIZE = 25_439;
const ranges = (...r: [number, number][]): RangeRequest => ({
  kind: 'ranges',
  ranges: r.map(([start, end]) => ({ start, end })),
});
const IGNORE: RangeRequest = { kind: 'ignore' };
const UNSATISFIABLE: RangeRequest = { kind: 'unsatisfiable' };

describe('parseRange (RFC 9110 §14.1.2, §14.2) on a 25,439-byte file', () => {
  it.each<[string, RangeRequest]>([
    ['bytes=0-99', ranges([0, 99])],
    ['bytes=0-', ranges([0, SIZE - 1])],
    ['bytes=25438-', ranges([25438, 25438])],
    ['bytes=100-999999', ranges([100, SIZE - 1])],
    ['bytes=-500', ranges([SIZE - 500, SIZE - 1])],
    // A suffix longer than the file selects all of it.
    ['bytes=-30000', ranges([0, SIZE - 1])],
    [`bytes=-${SIZE}`, ranges([0, SIZE - 1])],
    ['bytes=-99999999999999999999999', ranges([0, SIZE - 1])],
    ['Bytes = 0-9', ranges([0, 9])],
    ['bytes=0-9, 5-20 ,30-40', ranges([0, 20], [30, 40])],
    ['bytes=0-9,10-19', ranges([0, 19])],
    ['bytes=,0-9,', ranges([0, 9])],
    // Unsatisfiable ranges beside a satisfiable one are dropped.
    ['bytes=99999-,0-9', ranges([0, 9])],
  ])('%s is satisfiable', (header, expected) => {
    expect(parseRange(header, SIZE)).toEqual(expected);
  });

  it.each([['bytes=25439-'], ['bytes=99999999-'], ['bytes=-0'], ['bytes=25439-30000,-0']])(
    '%s is unsatisfiable (416)',
    (header) => {
      expect(parseRange(header, SIZE)).toEqual(UNSATISFIABLE);
    },
  );

  it.each([
    ['items=0-9'],
    ['bytes=5-2'],
    ['bytes=0-9,5-2'],
    ['bytes=abc'],
    ['bytes=1-2-3'],
    ['bytes=-'],
    ['bytes='],
    ['bytes=0x10-'],
    ['bytes=+1-2'],
    ['0-9'],
  ])('%s is invalid or not bytes, so ignored (whole file)', (header) => {
    expect(parseRange(header, SIZE)).toEqual(IGNORE);
  });

  it('ignores ranges on an empty file', () => {
    expect(parseRange('bytes=-10', 0)).toEqual(IGNORE);
  });
});
