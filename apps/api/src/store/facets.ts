import type { FacetValue } from './types.js';
import { filterKey } from './article-row.js';

/** Raw counts per spelling, as a backend's GROUP BY returns them. */
export interface FacetRow {
  value: string | null;
  count: number | string;
}

/**
 * Merges spellings that filter alike (`World`, `world`) when `merge` is set, keeping the most
 * used one, then keeps the `limit` most used values (ties by value, byte-wise: the same order
 * on every backend).
 */
export function topFacets(rows: readonly FacetRow[], limit: number, merge: boolean): FacetValue[] {
  const byKey = new Map<string, { best: FacetValue; count: number }>();
  for (const row of rows) {
    if (row.value === null || row.value === '') continue;
    const count = Number(row.count);
    const key = merge ? filterKey(row.value) : row.value;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { best: { value: row.value, count }, count });
    else {
      seen.count += count;
      if (count > seen.best.count || (count === seen.best.count && row.value < seen.best.value))
        seen.best = { value: row.value, count };
    }
  }
  return [...byKey.values()]
    .map((e) => ({ value: e.best.value, count: e.count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, limit);
}
