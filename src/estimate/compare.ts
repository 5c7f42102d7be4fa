/**
 * Comparisons across independent samples and over families of tests.
 *
 * - `waveDifference(previous, current)`: change between two independently drawn samples (waves):
 *   d = θ₂ − θ₁, SE = √(SE₁² + SE₂²) because the samples are independent; t test with the
 *   Welch–Satterthwaite degrees of freedom ν = (V₁ + V₂)² / (V₁²/df₁ + V₂²/df₂) (Satterthwaite 1946).
 * - `benjaminiHochberg(p)`: adjusted p-values controlling the false discovery rate, as R's
 *   p.adjust(p, "BH"): p_(i) · m / i, made monotone from the largest p down, capped at 1.
 */

import { InvalidInputError } from '../errors.js';
import { tPValue, tQuantile } from './ci.js';

export interface WaveEstimate {
  readonly estimate: number | null;
  readonly se: number | null;
  readonly df: number;
}

export interface DifferenceResult {
  readonly estimate: number | null;
  readonly se: number | null;
  readonly ci: readonly [number, number] | null;
  /** t statistic. */
  readonly statistic: number | null;
  readonly df: number;
  readonly p: number | null;
}

export function waveDifference(previous: WaveEstimate, current: WaveEstimate, level = 0.95): DifferenceResult {
  if (previous.estimate === null || current.estimate === null || previous.se === null || current.se === null) {
    return { estimate: null, se: null, ci: null, statistic: null, df: NaN, p: null };
  }
  const v1 = previous.se * previous.se;
  const v2 = current.se * current.se;
  const d = current.estimate - previous.estimate;
  const se = Math.sqrt(v1 + v2);
  const df = (v1 + v2) ** 2 / ((v1 * v1) / previous.df + (v2 * v2) / current.df);
  const t = d / se;
  const q = tQuantile(1 - (1 - level) / 2, df);
  const ok = (x: number): number | null => (Number.isFinite(x) ? x : null);
  return {
    estimate: d,
    se,
    ci: Number.isFinite(q * se) ? [d - q * se, d + q * se] : null,
    statistic: ok(t),
    df,
    p: ok(tPValue(t, df)),
  };
}

/** Benjamini–Hochberg adjusted p-values (R p.adjust(p, "BH")); null stays null and is not counted. */
export function benjaminiHochberg(p: readonly (number | null)[]): (number | null)[] {
  const idx: number[] = [];
  p.forEach((v, i) => {
    if (v !== null) {
      if (!(v >= 0 && v <= 1)) throw new InvalidInputError(`p-value ${v} at position ${i} is not between 0 and 1`);
      idx.push(i);
    }
  });
  const m = idx.length;
  const order = [...idx].sort((a, b) => (p[b] as number) - (p[a] as number)); // decreasing
  const out: (number | null)[] = p.map(() => null);
  let running = Infinity;
  order.forEach((i, k) => {
    const rank = m - k; // rank in increasing order
    running = Math.min(running, ((p[i] as number) * m) / rank);
    out[i] = Math.min(1, running);
  });
  return out;
}
