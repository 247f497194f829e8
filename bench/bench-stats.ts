/** A figure measured several times: its median and spread. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** How many measurements. */
  readonly n: number;
}

/** The median of the values (mean of the middle two for an even count); 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The nearest-rank percentile (p in 0..100) of the values; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

/** Median, minimum and maximum of repeated measurements, rounded to `digits` decimals. */
export function spreadOf(values: readonly number[], digits = 2): Spread {
  if (values.length === 0) return { median: 0, min: 0, max: 0, n: 0 };
  return {
    median: round(median(values), digits),
    min: round(Math.min(...values), digits),
    max: round(Math.max(...values), digits),
    n: values.length,
  };
}

/** Rounds to `digits` decimals. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** "4 (4–4)": a spread as the table shows it. */
export function formatSpread(s: Spread, digits = 0): string {
  const f = (v: number): string => v.toFixed(digits);
  return s.min === s.max ? `${f(s.median)} (all ${s.n})` : `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}
