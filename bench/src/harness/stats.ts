/** Median of a non-empty sample; the middle pair's mean for even sizes. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Linear-interpolated percentile (0-100) of a non-empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty sample');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

/** Ratio candidate / baseline; Infinity-safe so a zero baseline never crashes a report. */
export function ratio(candidate: number, baseline: number): number {
  return baseline === 0 ? Number.POSITIVE_INFINITY : candidate / baseline;
}

/** Spread of a sample as (max - min) / median, to flag figures too noisy to trust. */
export function spread(values: readonly number[]): number {
  const m = median(values);
  return m === 0 ? 0 : (Math.max(...values) - Math.min(...values)) / m;
}

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatRatio(r: number): string {
  return Number.isFinite(r) ? `${r.toFixed(2)}×` : '∞';
}

export function formatMb(mb: number): string {
  return `${mb.toFixed(0)} MB`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
