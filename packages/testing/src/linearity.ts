import { expect } from 'vitest';

/** Largest growth of time per doubling of the input that still counts as linear (or n log n). */
export const MAX_GROWTH_PER_DOUBLING = 2.5;

/**
 * CPU time of this process (every thread, so garbage collection counts) spent in `work`.
 * CPU time rather than wall time: on a busy shared machine the wall clock mostly measures
 * waiting for a core. Vitest runs each test file in a process of its own. (Shared by the
 * model's and the web-page importer's linearity tests: one rule for every input path.)
 */
function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export interface Growth {
  sizes: number[];
  /** Fastest CPU milliseconds per size. */
  ms: number[];
  /** ms[i + 1] / ms[i]: about 2 for linear work, 4 for quadratic. */
  ratios: number[];
}

/**
 * Runs `work` on inputs of size n, 2n and 4n and reports how its CPU time grew per doubling.
 * Each size is timed `runs` times, interleaved so that a burst of load hits every size alike,
 * and its fastest time kept; one untimed run per size first warms up the JIT.
 */
export function measureGrowth<T>(
  make: (n: number) => T,
  work: (input: T) => unknown,
  n: number,
  runs = 3,
): Growth {
  const sizes = [n, 2 * n, 4 * n];
  const inputs = sizes.map(make);
  for (const input of inputs) work(input);
  const ms = sizes.map(() => Infinity);
  for (let r = 0; r < runs; r++) {
    inputs.forEach((input, i) => {
      ms[i] = Math.min(
        ms[i]!,
        cpuMs(() => work(input)),
      );
    });
  }
  return { sizes, ms, ratios: [ms[1]! / ms[0]!, ms[2]! / ms[1]!] };
}

/** A readable line for a failed expectation: sizes, times and ratios. */
export function describeGrowth(g: Growth): string {
  return g.sizes
    .map(
      (s, i) =>
        `${s}: ${g.ms[i]!.toFixed(1)} ms${i > 0 ? ` (×${g.ratios[i - 1]!.toFixed(2)})` : ''}`,
    )
    .join(', ');
}

/**
 * Fails unless `work` grows by less than MAX_GROWTH_PER_DOUBLING per doubling of its input.
 * A measurement over the bound is taken again (up to `attempts` in all): a burst of load on a
 * shared machine can spoil one, but quadratic work (×4 per doubling) fails every one.
 */
export function expectLinear<T>(
  make: (n: number) => T,
  work: (input: T) => unknown,
  n: number,
  attempts = 5,
): Growth {
  // Judged over both doublings together (the geometric mean of the two steps): a burst of load
  // or a major GC that lands on one size spoils one step but hardly the pair, while quadratic
  // work grows ×4 per doubling in every measurement.
  const perDoubling = (g: Growth) => Math.sqrt(g.ms[2]! / g.ms[0]!);
  let growth = measureGrowth(make, work, n, 5);
  for (let a = 1; a < attempts && perDoubling(growth) >= MAX_GROWTH_PER_DOUBLING; a++)
    growth = measureGrowth(make, work, n, 5);
  // LINEARITY_REPORT=1 prints every measurement (for the numbers in a report or a PR).
  if (process.env.LINEARITY_REPORT)
    console.log(`${expect.getState().currentTestName}: ${describeGrowth(growth)}`);
  expect(perDoubling(growth), describeGrowth(growth)).toBeLessThan(MAX_GROWTH_PER_DOUBLING);
  return growth;
}
