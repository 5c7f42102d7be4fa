/**
 * Rounding conventions of the seed: whole percentages ("0%" printed), means with one decimal,
 * optionally largest-remainder rounding so a set of shares sums to exactly 100, and N in the
 * title rounded to tens from 100 upward.
 */
import type { NRoundingSpec } from '../spec/schema.js';

/**
 * Round half away from zero at `decimals`, after removing binary representation error
 * (0.285 × 100 = 28.499999999999996 must round as 28.5 → 29, as SPSS and a reader would).
 */
export function roundHalfUp(x: number, decimals = 0): number {
  const f = 10 ** decimals;
  const scaled = Number((Math.abs(x) * f).toPrecision(12));
  return (Math.sign(x) * Math.floor(scaled + 0.5)) / f;
}

/** A proportion (0–1) as a whole percentage. */
export function wholePercent(p: number): number {
  return roundHalfUp(p * 100, 0);
}

/**
 * Largest-remainder (Hamilton) rounding of proportions that sum to 1 into whole percentages
 * that sum to exactly 100: floor every share, then give the missing points one by one to the
 * shares with the largest remainders (ties: the earlier share). Shares given as null (not
 * shown) are left out. When the shares do not sum to 1 (within 1e-9) plain rounding is used.
 */
export function largestRemainder(shares: readonly (number | null)[], total = 100): (number | null)[] {
  const present = shares.map((s, i) => ({ s, i })).filter((x): x is { s: number; i: number } => x.s !== null);
  const sum = present.reduce((a, x) => a + x.s, 0);
  if (present.length === 0 || Math.abs(sum - 1) > 1e-9) return shares.map((s) => (s === null ? null : wholePercent(s)));
  const scaled = present.map((x) => ({ i: x.i, v: Number((x.s * total).toPrecision(12)) }));
  // remainders rounded to 1e-9 so that equal remainders (1/12 and 4/12 of 100) tie exactly
  const floors = scaled.map((x) => ({ i: x.i, f: Math.floor(x.v), r: Math.round((x.v - Math.floor(x.v)) * 1e9) / 1e9 }));
  let missing = total - floors.reduce((a, x) => a + x.f, 0);
  const order = [...floors].sort((a, b) => b.r - a.r || a.i - b.i);
  const out: (number | null)[] = shares.map(() => null);
  for (const x of floors) out[x.i] = x.f;
  for (const x of order) {
    if (missing <= 0) break;
    out[x.i] = (out[x.i] as number) + 1;
    missing--;
  }
  return out;
}

/** N as printed in a title: exact, to tens, or to tens from a threshold upward (default 100). */
export function roundN(n: number, mode: NRoundingSpec | undefined): number {
  if (mode === 'exact') return n;
  if (mode === 'tens') return roundHalfUp(n / 10) * 10;
  const from = mode === undefined ? 100 : mode.tensFrom;
  return n >= from ? roundHalfUp(n / 10) * 10 : n;
}
