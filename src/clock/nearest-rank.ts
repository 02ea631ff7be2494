/**
 * The `percent`-th percentile of `values` by the nearest-rank method: the smallest value
 * such that at least `percent`% of the values are at or below it, i.e. the value at rank
 * ceil(percent / 100 × n) of the sorted values. It is always one of the values (no
 * interpolation): p90 of 1…10 is 9, p50 of 1…10 is 5, p50 of [1, 2, 3] is 2. Null for no values.
 */
export function nearestRank(values: readonly number[], percent: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((percent * sorted.length) / 100));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}
