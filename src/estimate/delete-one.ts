/** Delete-one (JK1) replicate designs: all replicate totals from one pass over a domain's rows. */

import type { Design } from '../design/design.js';
import { svrVar } from '../design/replicate-variance.js';
import { type DeleteOneStructure, replicateDegf } from '../design/replicates.js';
import { type DomainEstimate, notEstimable, srsDeff } from './domain-estimate.js';
import type { SmoothStatistic } from './statistics.js';

/**
 * estimateDomain for delete-one replicate weights (JK1) without per-row arrays: the same sums
 * in the same order (totals, replicate totals T' − T'_{dropped}, influence values for the design
 * effect), each row's components recomputed in a small scratch instead of stored.
 */
export function estimateDomainDeleteOne(design: Design, stat: SmoothStatistic, domain: Int32Array, del: DeleteOneStructure): DomainEstimate {
  const rep = design.replicates!;
  const { m, p } = stat;
  const R = rep.weights.length;
  const w = design.weights;
  const df = domain.length === design.nrow ? rep.degf : replicateDegf(rep.weights, domain);
  const designRows = design.calibration.length > 0 ? design.nrow : domain.length;
  const c = new Float64Array(m);
  const T = new Float64Array(m);
  const full = new Float64Array(m);
  const dropped = new Float64Array(R * m);
  let count = 0;
  let sw = 0;
  let sw2 = 0;
  const y = stat.meanOf;
  if (y !== undefined) {
    // the mean (c = (1, y)) inline: the same sums as the general loop below
    let t0 = 0;
    let t1 = 0;
    let f0 = 0;
    let f1 = 0;
    for (let r = 0; r < domain.length; r++) {
      const i = domain[r];
      const yi = y[i];
      if (Number.isNaN(yi)) continue;
      count++;
      const wi = w[i];
      sw += wi;
      sw2 += wi * wi;
      t0 += wi * 1;
      t1 += wi * yi;
      const ki = del.kept[i];
      if (ki === 0) continue;
      f0 += ki * 1;
      f1 += ki * yi;
      const d = del.drop[i];
      if (d >= 0) {
        dropped[d * 2] += ki * 1;
        dropped[d * 2 + 1] += ki * yi;
      }
    }
    T[0] = t0;
    T[1] = t1;
    full[0] = f0;
    full[1] = f1;
  } else for (let r = 0; r < domain.length; r++) {
    const i = domain[r];
    if (!stat.valid(i)) continue;
    count++;
    for (let j = 0; j < m; j++) c[j] = 0;
    stat.components(i, c, 0);
    const wi = w[i];
    sw += wi;
    sw2 += wi * wi;
    for (let j = 0; j < m; j++) T[j] += wi * c[j];
    const ki = del.kept[i];
    if (ki === 0) continue;
    for (let j = 0; j < m; j++) full[j] += ki * c[j];
    const d = del.drop[i];
    if (d >= 0) for (let j = 0; j < m; j++) dropped[d * m + j] += ki * c[j];
  }
  if (count === 0) return notEstimable(p, df, designRows);
  const theta = new Float64Array(p);
  stat.estimate(T, theta);
  const G = new Float64Array(p * m);
  stat.gradient(T, G);
  const thetas = new Float64Array(R * p);
  const Tr = new Float64Array(m);
  const out = new Float64Array(p);
  for (let r = 0; r < R; r++) {
    for (let j = 0; j < m; j++) Tr[j] = full[j] - dropped[r * m + j];
    stat.estimate(Tr, out);
    thetas.set(out, r * p);
  }
  const cov = svrVar(thetas, R, p, rep, theta);
  const logitVariance = new Float64Array(p);
  const l0 = theta.map((v) => Math.log(v / (1 - v)));
  const col = new Float64Array(R);
  for (let k = 0; k < p; k++) {
    for (let r = 0; r < R; r++) col[r] = Math.log(thetas[r * p + k] / (1 - thetas[r * p + k]));
    logitVariance[k] = svrVar(col, R, 1, rep, l0.subarray(k, k + 1))[0];
  }
  // Design effect as estimateDomain: u = G·c per row, mean and sum of squares around it.
  const Gt = new Float64Array(m * p);
  for (let k = 0; k < p; k++) for (let j = 0; j < m; j++) Gt[j * p + k] = G[k * m + j];
  const u = new Float64Array(p);
  let ss0 = 0;
  const influence = (i: number): void => {
    for (let j = 0; j < m; j++) c[j] = 0;
    if (y !== undefined) {
      c[0] = 1;
      c[1] = y[i];
    } else stat.components(i, c, 0);
    for (let k = 0; k < p; k++) u[k] = 0;
    for (let j = 0; j < m; j++) {
      const cj = c[j];
      if (cj === 0) continue;
      for (let k = 0; k < p; k++) u[k] += Gt[j * p + k] * cj;
    }
  };
  const mean = new Float64Array(p);
  if (y !== undefined) {
    // the mean inline: u = G₀·1 + G₁·y (p = 1)
    const g0 = Gt[0];
    const g1 = Gt[1];
    let s1 = 0;
    for (let r = 0; r < domain.length; r++) {
      const i = domain[r];
      const yi = y[i];
      if (Number.isNaN(yi)) continue;
      s1 += w[i] * (yi === 0 ? g0 * 1 : g0 * 1 + g1 * yi);
    }
    const mu = s1 / sw;
    let q = 0;
    for (let r = 0; r < domain.length; r++) {
      const i = domain[r];
      const yi = y[i];
      if (Number.isNaN(yi)) continue;
      const d = (yi === 0 ? g0 * 1 : g0 * 1 + g1 * yi) - mu;
      q += w[i] * d * d;
    }
    mean[0] = s1; // divided by sw below, as in the general loop
    ss0 = q;
  } else for (let r = 0; r < domain.length; r++) {
    const i = domain[r];
    if (!stat.valid(i)) continue;
    influence(i);
    for (let k = 0; k < p; k++) mean[k] += w[i] * u[k];
  }
  for (let k = 0; k < p; k++) mean[k] /= sw;
  const ss = new Float64Array(p);
  if (y !== undefined) ss[0] = ss0;
  else for (let r = 0; r < domain.length; r++) {
    const i = domain[r];
    if (!stat.valid(i)) continue;
    influence(i);
    for (let k = 0; k < p; k++) {
      const d = u[k] - mean[k];
      ss[k] += w[i] * d * d;
    }
  }
  const deff = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    deff[k] = srsDeff(cov[k * p + k], ss[k], sw, count);
  }
  return {
    estimable: true,
    estimate: theta,
    covariance: cov,
    deff,
    n: count,
    weightedN: sw,
    kishDeff: (count * sw2) / (sw * sw),
    df,
    designRows,
    replicateEstimates: thetas,
    logitVariance,
  };
}
