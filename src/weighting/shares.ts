/**
 * Population margins given as shares instead of counts (issue 13): weights would silently sum
 * to 1 (or 100). Without `shares` in the request a margin whose cells add up to 1 (or less), or
 * to 100 with more than 100 rows, is refused; with
 * `shares: sample` each margin's N are scaled to the sum of the base weights (the sample size
 * when there are none), with `shares: { population: N }` to a population of N. The scaled
 * targets are then treated as fixed population counts, as any margin is.
 */
import { WeightingError } from './errors.js';
import type { WeightingRequest } from './request.js';

export interface ResolvedShares {
  readonly request: WeightingRequest;
  /** A note for the weighting report, or null when the margins were counts. */
  readonly note: string | null;
}

function marginTotal(m: WeightingRequest['margins'][number]): number {
  let s = 0;
  for (const p of m.population) s += p.N;
  return s;
}

export function resolveShares(request: WeightingRequest, base: Float64Array): ResolvedShares {
  const shares = request.shares;
  if (shares === undefined) {
    request.margins.forEach((m, i) => {
      const total = marginTotal(m);
      const asPercent = Math.abs(total - 100) < 1e-9 && base.length > 100;
      const asShares = total < 1 || (Math.abs(total - 1) < 1e-9 && m.population.length > 1);
      if (asShares || asPercent) {
        throw new WeightingError(
          `the population N of this margin add up to ${total}, as ${asPercent ? 'percentages' : 'shares'} do, so the weights would sum to ${total}; ` +
            'give population counts, or say "shares: sample" (scale to the sample) or "shares: { population: N }" (scale to a population of N)',
          { field: `margins[${i}].population` },
        );
      }
    });
    return { request, note: null };
  }
  let target: number;
  let what: string;
  if (shares === 'sample') {
    target = 0;
    for (let i = 0; i < base.length; i++) target += base[i];
    what = `the sample (sum of the base weights, ${target})`;
  } else {
    target = shares.population;
    what = `a population of ${target}`;
  }
  const margins = request.margins.map((m, i) => {
    const total = marginTotal(m);
    if (!(total > 0)) throw new WeightingError('the shares of this margin add up to 0', { field: `margins[${i}].population` });
    return { ...m, population: m.population.map((p) => ({ ...p, N: (p.N * target) / total })) };
  });
  return { request: { ...request, margins }, note: `population N given as shares, scaled to ${what}` };
}
