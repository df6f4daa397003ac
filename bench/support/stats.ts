/** Nearest-rank percentile (p in 0..100) of values already sorted ascending; NaN for none. */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Summary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  const total = list.reduce((sum, value) => sum + value, 0);
  return {
    count: list.length,
    p50: percentileOfSorted(list, 50),
    p90: percentileOfSorted(list, 90),
    p99: percentileOfSorted(list, 99),
    max: list.length ? list[list.length - 1]! : Number.NaN,
    mean: list.length ? total / list.length : Number.NaN,
  };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;

/** A benchmark's correctness check failed: its figures must not be trusted, and the run fails. */
export class BenchFailure extends Error {
  override name = 'BenchFailure';
}
