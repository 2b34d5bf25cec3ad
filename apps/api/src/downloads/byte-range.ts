/** One satisfiable byte range, both ends inclusive, within the representation. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * What a `Range` header asks of a representation of `size` bytes (RFC 9110 §14.1.2, §14.2):
 * `ignore` (not a byte range, or invalid: send the whole representation with 200),
 * `unsatisfiable` (416), or the satisfiable ranges, clamped to the file and merged where
 * they overlap or touch, in ascending order.
 */
export type RangeRequest =
  { kind: 'ignore' } | { kind: 'unsatisfiable' } | { kind: 'ranges'; ranges: ByteRange[] };

const IGNORE: RangeRequest = { kind: 'ignore' };

// `bytes=` (the unit is case-insensitive), then a list whose elements may be empty (RFC 9110 §5.6.1).
const BYTES_UNIT = /^[ \t]*bytes[ \t]*=/i;
const INT_RANGE = /^(\d+)-(\d*)$/;
const SUFFIX_RANGE = /^-(\d+)$/;

/**
 * Parses the header by the RFC's grammar rather than `range-parser` (Express's req.range),
 * which answers 416 to a suffix longer than the file (`bytes=-30000` on 25,439 bytes) where
 * the RFC asks for the whole file, and treats `bytes=5-2` as unsatisfiable where the RFC calls
 * it invalid (ignored).
 */
export function parseRange(header: string, size: number): RangeRequest {
  const unit = BYTES_UNIT.exec(header);
  // An empty representation has nothing a range could select.
  if (!unit || size <= 0) return IGNORE;
  const ranges: ByteRange[] = [];
  let specs = 0;
  for (const element of header.slice(unit[0].length).split(',')) {
    const spec = element.trim();
    if (spec === '') continue;
    specs++;
    const int = INT_RANGE.exec(spec);
    if (int) {
      const first = Number(int[1]);
      const last = int[2] === '' ? Infinity : Number(int[2]);
      if (last < first) return IGNORE;
      // §14.1.1: an int-range is satisfiable when its first position is inside the file.
      if (first < size) ranges.push({ start: first, end: Math.min(last, size - 1) });
      continue;
    }
    const suffix = SUFFIX_RANGE.exec(spec);
    if (!suffix) return IGNORE;
    const length = Number(suffix[1]);
    // §14.1.2: a suffix longer than the file selects the whole file; a zero suffix selects nothing.
    if (length > 0) ranges.push({ start: Math.max(0, size - length), end: size - 1 });
  }
  if (specs === 0) return IGNORE;
  if (ranges.length === 0) return { kind: 'unsatisfiable' };
  return { kind: 'ranges', ranges: merge(ranges) };
}

function merge(ranges: ByteRange[]): ByteRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: ByteRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start <= last.end + 1) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}
