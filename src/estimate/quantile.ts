/**
 * Quantiles as R survey 4.1 `svyquantile` with its defaults (qrule = "math",
 * interval.type = "mean"; Woodruff 1952):
 * - estimate: the smallest x whose cumulative weight share reaches p (R qrule_math: with the
 *   values sorted and cumulative weights c, pos = last index with c ≤ p·W; the quantile is x[pos]
 *   when c[pos] = p·W exactly, else x[pos + 1]);
 * - CI: the share F̂ = mean(x ≤ q̂) with its linearization SE gives F̂ ± t(df)·SE, mapped back
 *   through the same quantile rule (NaN when outside [0, 1]); df = degf of the rows with valid x;
 * - SE = (upper − lower) / (2·t(df)).
 * Replicate designs: as svyquantile.svyrep.design's default (interval.type "mean"): the same
 * Woodruff interval with the replicate SE of F̂ and df = degf of the rows with valid x.
 */

import type { Design } from '../design/design.js';
import { degreesOfFreedom } from '../design/linearization.js';
import { replicateDegf } from '../design/replicates.js';
import { InvalidInputError } from '../errors.js';
import { tQuantile } from './ci.js';
import { type Estimate, type EstimateOptions, ciOptions, prepareDomains } from './estimators.js';
import { estimateSmooth, meanStatistic } from './domain-estimates.js';
import { numericValues } from './variables.js';

/** R qrule_math on values sorted ascending with their weights. */
function mathRule(sortedX: Float64Array, cumw: Float64Array, total: number, p: number): number {
  const target = p * total;
  // last position with cumw ≤ p·W (cumw is non-decreasing)
  let lo = 0;
  let hi = cumw.length - 1;
  let pos = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cumw[mid] <= target) {
      pos = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (pos < 0) pos = 0; // R survey's last(): 1 when no cumulative weight is ≤ p·W
  const posNext = pos === sortedX.length - 1 ? pos : pos + 1;
  const wlow = p - cumw[pos] / total;
  return wlow === 0 ? sortedX[pos] : sortedX[posNext];
}

export function svyQuantile(design: Design, variable: string, probs: readonly number[], opts: EstimateOptions = {}): Estimate[] {
  const field = opts.field ?? 'estimate';
  for (const [j, p] of probs.entries()) {
    if (!(p >= 0 && p <= 1)) throw new InvalidInputError('probabilities must be between 0 and 1', { field: `${field}.probs[${j}]` });
  }
  const ci = ciOptions(opts, false);
  if (ci.method !== 'wald' && ci.method !== 'mean') {
    throw new InvalidInputError('quantile intervals use the Woodruff method ("wald")', { field: `${field}.ci.method` });
  }
  const y = numericValues(design.data, variable, `${field}.variable`);
  const prepared = prepareDomains(design, opts);
  const w = design.weights;
  const out: Estimate[] = [];
  const alpha = 1 - ci.level;
  prepared.rows.forEach((domainRows, d) => {
    const rows = domainRows.filter((i) => !Number.isNaN(y[i]) && w[i] !== 0);
    const by = prepared.domains[d].by;
    // R: degf after removing missing values (design[nas == 0, ]) of the domain design.
    const df = design.replicates !== null ? replicateDegf(design.replicates.weights, rows) : degreesOfFreedom(design, rows);
    let sw = 0;
    for (const i of rows) sw += w[i];
    if (rows.length === 0) {
      const reason = domainRows.length === 0 ? 'the domain has no rows' : `"${variable}" has no valid value in this domain`;
      for (const p of probs) {
        out.push({ statistic: 'quantile', variable, level: p, by, estimate: null, se: null, ci: null, deff: null, kishDeff: null, df, n: 0, weightedN: 0, estimable: false, reason });
      }
      return;
    }
    let sw2 = 0;
    for (const i of rows) sw2 += w[i] * w[i];
    const order = Array.from(rows).sort((a, b) => y[a] - y[b] || a - b);
    const sx = Float64Array.from(order, (i) => y[i]);
    // R's cumsum and sum accumulate in extended precision; compensated (Neumaier) summation
    // reproduces their rounding, which decides ties between cumulative shares and p.
    const cumw = new Float64Array(order.length);
    let hi = 0;
    let lo = 0;
    order.forEach((i, k) => {
      const v = w[i];
      const t = hi + v;
      lo += Math.abs(hi) >= Math.abs(v) ? hi - t + v : v - t + hi;
      hi = t;
      cumw[k] = hi + lo;
    });
    const c = hi + lo;
    const q = tQuantile(1 - alpha / 2, df);
    for (const p of probs) {
      const qhat = mathRule(sx, cumw, c, p);
      // Share at or below the estimate, with its design-based SE (R woodruffCI: svymean(x <= qhat)).
      const below = new Float64Array(design.nrow).fill(NaN);
      for (const i of rows) below[i] = y[i] <= qhat ? 1 : 0;
      const [share] = estimateSmooth(design, meanStatistic(below), [Int32Array.from(rows)]);
      const f = share.estimate[0];
      const se = Math.sqrt(share.covariance[0]);
      const plo = f - q * se;
      const phi = f + q * se;
      const lower = Number.isNaN(plo) || plo < 0 ? NaN : mathRule(sx, cumw, c, plo);
      const upper = Number.isNaN(phi) || phi > 1 ? NaN : mathRule(sx, cumw, c, phi);
      const qse = (upper - lower) / (2 * q);
      const ok = Number.isFinite(lower) && Number.isFinite(upper);
      out.push({
        statistic: 'quantile',
        variable,
        level: p,
        by,
        estimate: qhat,
        se: Number.isFinite(qse) ? qse : null,
        ci: ok ? [lower, upper] : null,
        deff: null,
        kishDeff: (rows.length * sw2) / (sw * sw),
        df,
        n: rows.length,
        weightedN: sw,
        estimable: true,
      });
    }
  });
  return out;
}
