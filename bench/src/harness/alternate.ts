import { performance } from 'node:perf_hooks';
import { median, spread } from './stats.js';

export interface Contender {
  label: string;
  /** One measured run; resolves to the milliseconds it took, or nothing to be timed from outside. */
  run: () => Promise<number | void>;
}

export interface Sample {
  label: string;
  samples: number[];
  median: number;
  spread: number;
}

/**
 * Runs every contender once per round, rotating who goes first (ABC, BCA, CAB...), after
 * `warmup` unmeasured rounds. Load from other processes on a shared machine then falls on all
 * contenders alike, so the ratio of medians stays meaningful when the absolute figures are not.
 */
export async function interleave(
  contenders: readonly Contender[],
  { rounds, warmup = 1 }: { rounds: number; warmup?: number },
): Promise<Sample[]> {
  const samples = contenders.map(() => [] as number[]);
  for (let i = 0; i < warmup; i++) for (const c of contenders) await c.run();
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const index = (round + k) % contenders.length;
      const contender = contenders[index] as Contender;
      const start = performance.now();
      const reported = await contender.run();
      (samples[index] as number[]).push(
        typeof reported === 'number' ? reported : performance.now() - start,
      );
    }
  }
  return contenders.map((c, i) => summarise(c.label, samples[i] as number[]));
}

/** Baseline and candidate, alternating; see interleave. */
export async function alternate(
  baseline: Contender,
  candidate: Contender,
  options: { rounds: number; warmup?: number },
): Promise<{ baseline: Sample; candidate: Sample }> {
  const [b, c] = await interleave([baseline, candidate], options);
  return { baseline: b as Sample, candidate: c as Sample };
}

export function summarise(label: string, samples: number[]): Sample {
  return { label, samples, median: median(samples), spread: spread(samples) };
}
