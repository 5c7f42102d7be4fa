/**
 * Selection algorithms on row numbers. Each returns the chosen positions (0-based, into the list
 * it was given) and the inclusion probability of every unit of that list.
 */
import type { Xoshiro128 } from './rng.js';

/**
 * Simple random sampling without replacement: Floyd's algorithm (Bentley & Floyd, "Programming
 * pearls: a sample of brilliance", CACM 30(9), 1987): for j = N−n … N−1 draw t in [0, j]; take t,
 * or j if t was taken. O(n) time and memory, every n-subset equally likely; π = n/N.
 */
export function srs(N: number, n: number, rng: Xoshiro128): number[] {
  const taken = new Set<number>();
  for (let j = N - n; j < N; j++) {
    const t = rng.below(j + 1);
    taken.add(taken.has(t) ? j : t);
  }
  return [...taken].sort((a, b) => a - b);
}

/**
 * Systematic sampling with a fractional interval (Madow 1949): k = N/n, a random start
 * r in [0, k), take the units at positions ⌊r + i·k⌋, i = 0 … n−1, of the (sorted) list; π = n/N.
 */
export function systematic(N: number, n: number, rng: Xoshiro128): number[] {
  if (n === 0) return [];
  const k = N / n;
  const r = rng.uniform() * k;
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Math.min(N - 1, Math.floor(r + i * k)));
  return out;
}

export interface PpsResult {
  readonly chosen: number[];
  /** Inclusion probability of every unit in the list. */
  readonly pi: Float64Array;
  /** Units taken with certainty (their size is at least the interval). */
  readonly certainty: number;
}

/**
 * Systematic PPS (Madow 1949; Särndal, Swensson & Wretman 1992 §3.6): π_i = n·x_i / Σx. Units with
 * n·x_i/Σx ≥ 1 are certainty units (π = 1), removed, and the rule is applied again to the rest with
 * the reduced n, until no unit exceeds the interval. The rest is drawn systematically along the
 * cumulated sizes in list order: interval I = Σx/n', start r ∈ [0, I), the unit whose cumulative
 * range contains r + j·I is taken. Units of size 0 are never taken.
 */
export function ppsSystematic(sizes: Float64Array, n: number, rng: Xoshiro128): PpsResult {
  const N = sizes.length;
  const pi = new Float64Array(N);
  const certain = new Uint8Array(N);
  let nRest = n;
  let certaintyCount = 0;
  for (;;) {
    let total = 0;
    for (let i = 0; i < N; i++) if (!certain[i]) total += sizes[i];
    let moved = false;
    for (let i = 0; i < N; i++) {
      if (!certain[i] && nRest > 0 && (nRest * sizes[i]) / total >= 1) {
        certain[i] = 1;
        certaintyCount++;
        moved = true;
      }
    }
    if (!moved) {
      for (let i = 0; i < N; i++) pi[i] = certain[i] ? 1 : total > 0 ? (nRest * sizes[i]) / total : 0;
      break;
    }
    nRest = n - certaintyCount;
    if (nRest <= 0) {
      for (let i = 0; i < N; i++) pi[i] = certain[i] ? 1 : 0;
      break;
    }
  }
  const chosen: number[] = [];
  for (let i = 0; i < N; i++) if (certain[i]) chosen.push(i);
  if (nRest > 0) {
    let total = 0;
    for (let i = 0; i < N; i++) if (!certain[i]) total += sizes[i];
    const interval = total / nRest;
    let point = rng.uniform() * interval;
    let cum = 0;
    let taken = 0;
    for (let i = 0; i < N && taken < nRest; i++) {
      if (certain[i]) continue;
      cum += sizes[i];
      while (taken < nRest && point < cum) {
        chosen.push(i);
        taken++;
        point += interval;
      }
    }
  }
  chosen.sort((a, b) => a - b);
  return { chosen, pi, certainty: certaintyCount };
}
