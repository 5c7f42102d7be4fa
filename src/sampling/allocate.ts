/**
 * Allocation of a total sample size over strata (Cochran 1977, §5.5 proportional, §5.9 Neyman).
 *
 * Ideal allocations a_h ∝ p_h (p_h = N_h for proportional, N_h·S_h for Neyman, S_h the standard
 * deviation of the allocation variable in stratum h, divisor N_h − 1) are fixed in two steps:
 *  1. a stratum whose ideal exceeds N_h is taken whole (n_h = N_h), and a stratum below the minimum
 *     gets min(minimum, N_h); the remaining n is re-allocated over the other strata, repeated until
 *     no stratum moves;
 *  2. the remaining ideals are rounded by largest remainders (Hamilton's method): every stratum
 *     gets ⌊a_h⌋, and the units still missing go, one each, to the largest fractional parts (ties:
 *     the first stratum in order), so the sizes add up exactly to n.
 */
import { SamplingError } from './errors.js';

export function allocate(
  n: number,
  populations: readonly number[],
  weights: readonly number[],
  minimum: number,
  names: readonly string[],
): number[] {
  const H = populations.length;
  const N = populations.reduce((a, b) => a + b, 0);
  if (n > N) throw new SamplingError(`sample size ${n} is larger than the eligible population (${N})`, { field: 'allocation.n' });
  const needMin = populations.reduce((a, Nh) => a + Math.min(minimum, Nh), 0);
  if (needMin > n) {
    throw new SamplingError(`a minimum of ${minimum} per stratum over ${H} strata needs ${needMin} units, more than n = ${n}`, {
      field: 'allocation.minimum',
    });
  }
  const fixed: (number | null)[] = populations.map((Nh) => (Nh === 0 ? 0 : null));
  const ideal = new Array<number>(H).fill(0);
  for (let round = 0; round <= H; round++) {
    let rest = n;
    let pw = 0;
    for (let h = 0; h < H; h++) {
      if (fixed[h] !== null) rest -= fixed[h] as number;
      else pw += weights[h];
    }
    let moved = false;
    for (let h = 0; h < H; h++) {
      if (fixed[h] !== null) continue;
      ideal[h] = pw > 0 ? (rest * weights[h]) / pw : 0;
    }
    // Cap at the stratum size first, then raise to the minimum.
    for (let h = 0; h < H; h++) {
      if (fixed[h] === null && ideal[h] >= populations[h]) {
        fixed[h] = populations[h];
        moved = true;
      }
    }
    if (!moved) {
      for (let h = 0; h < H; h++) {
        const lo = Math.min(minimum, populations[h]);
        if (fixed[h] === null && ideal[h] < lo) {
          fixed[h] = lo;
          moved = true;
        }
      }
    }
    if (!moved) break;
  }
  const out = new Array<number>(H).fill(0);
  let assigned = 0;
  const frac: { h: number; f: number }[] = [];
  for (let h = 0; h < H; h++) {
    if (fixed[h] !== null) out[h] = fixed[h] as number;
    else {
      out[h] = Math.floor(ideal[h]);
      frac.push({ h, f: ideal[h] - out[h] });
    }
    assigned += out[h];
  }
  frac.sort((a, b) => b.f - a.f || a.h - b.h);
  let missing = n - assigned;
  for (const { h } of frac) {
    if (missing <= 0) break;
    if (out[h] < populations[h]) {
      out[h]++;
      missing--;
    }
  }
  if (missing !== 0) throw new SamplingError(`cannot allocate ${n} units over strata ${names.join(', ')}`, { field: 'allocation' });
  return out;
}
