/**
 * The general path: influence values row by row (R svymean/svytotal/svyratio), then the design's
 * variance: linearization (svyrecvar, after the calibration steps) or replicates (svrVar).
 * Every design takes this path when the faster ones do not apply; `keep` returns the influence
 * values for joint variances.
 */

import { applyCalibrationSteps } from '../design/calibration-variance.js';
import type { Design } from '../design/design.js';
import { VarianceWorkspace, degreesOfFreedom, linearizationCovariance } from '../design/linearization.js';
import { svrVar } from '../design/replicate-variance.js';
import { deleteOneStructure, replicateDegf } from '../design/replicates.js';
import { type DomainEstimate, notEstimable, srsDeff } from './domain-estimate.js';
import type { SmoothStatistic } from './statistics.js';


export function estimateDomain(design: Design, stat: SmoothStatistic, domain: Int32Array, ws: VarianceWorkspace | null, keep: boolean): DomainEstimate {
  const { m, p } = stat;
  const w = design.weights;
  let count = 0;
  for (let r = 0; r < domain.length; r++) if (stat.valid(domain[r])) count++;
  const rows = new Int32Array(count);
  {
    let j = 0;
    for (let r = 0; r < domain.length; r++) if (stat.valid(domain[r])) rows[j++] = domain[r];
  }
  const df =
    design.replicates !== null
      ? domain.length === design.nrow
        ? design.replicates.degf
        : replicateDegf(design.replicates.weights, domain)
      : degreesOfFreedom(design, domain);
  const designRows = design.calibration.length > 0 ? design.nrow : domain.length;
  if (count === 0) return notEstimable(p, df, designRows);
  // Totals and the weight sums.
  const C = new Float64Array(count * m);
  const T = new Float64Array(m);
  let sw = 0;
  let sw2 = 0;
  for (let r = 0; r < count; r++) {
    const i = rows[r];
    stat.components(i, C, r * m);
    const wi = w[i];
    sw += wi;
    sw2 += wi * wi;
    const o = r * m;
    for (let j = 0; j < m; j++) T[j] += wi * C[o + j];
  }
  const theta = new Float64Array(p);
  stat.estimate(T, theta);
  const G = new Float64Array(p * m);
  stat.gradient(T, G);
  // Influence per unit weight u and weighted z = w·u.
  // (components are mostly zero for categories: only their non-zero entries are multiplied)
  const u = new Float64Array(count * p);
  const Gt = new Float64Array(m * p);
  for (let k = 0; k < p; k++) for (let j = 0; j < m; j++) Gt[j * p + k] = G[k * m + j];
  for (let r = 0; r < count; r++) {
    const o = r * m;
    const ou = r * p;
    for (let j = 0; j < m; j++) {
      const cj = C[o + j];
      if (cj === 0) continue;
      const og = j * p;
      for (let k = 0; k < p; k++) u[ou + k] += Gt[og + k] * cj;
    }
  }
  let cov: Float64Array;
  let replicateEstimates: Float64Array | undefined;
  let logitVariance: Float64Array | undefined;
  if (design.replicates !== null) {
    replicateEstimates = replicateThetas(design, stat, rows, C);
    const rep = design.replicates;
    cov = svrVar(replicateEstimates, rep.weights.length, p, rep, theta);
    const R = rep.weights.length;
    const lt = replicateEstimates.map((v) => Math.log(v / (1 - v)));
    const l0 = theta.map((v) => Math.log(v / (1 - v)));
    logitVariance = new Float64Array(p);
    for (let k = 0; k < p; k++) {
      const col = new Float64Array(R);
      for (let r = 0; r < R; r++) col[r] = lt[r * p + k];
      logitVariance[k] = svrVar(col, R, 1, rep, l0.subarray(k, k + 1))[0];
    }
  } else if (design.calibration.length > 0) {
    const n = design.nrow;
    const zd = new Float64Array(n * p);
    for (let r = 0; r < count; r++) for (let k = 0; k < p; k++) zd[rows[r] * p + k] = w[rows[r]] * u[r * p + k];
    applyCalibrationSteps(design.calibration, zd, n, p);
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    cov = linearizationCovariance(design, all, p, zd, ws ?? undefined);
  } else {
    const z = new Float64Array(count * p);
    for (let r = 0; r < count; r++) for (let k = 0; k < p; k++) z[r * p + k] = w[rows[r]] * u[r * p + k];
    cov = linearizationCovariance(design, rows, p, z, ws ?? undefined);
  }
  // Design effect (R svymean/svytotal deff = TRUE): V / (svyvar(u)·N̂²·(N̂ − n)/(N̂·n)).
  const deff = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    let mean = 0;
    for (let r = 0; r < count; r++) mean += w[rows[r]] * u[r * p + k];
    mean /= sw;
    let ss = 0;
    for (let r = 0; r < count; r++) {
      const d = u[r * p + k] - mean;
      ss += w[rows[r]] * d * d;
    }
    deff[k] = srsDeff(cov[k * p + k], ss, sw, count);
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
    ...(keep ? { influence: { rows, u } } : {}),
    ...(replicateEstimates !== undefined ? { replicateEstimates } : {}),
    ...(logitVariance !== undefined ? { logitVariance } : {}),
  };
}

/** Replicate estimates θ_r (R × p) of a statistic, from the rows' components C. */
function replicateThetas(design: Design, stat: SmoothStatistic, rows: Int32Array, C: Float64Array): Float64Array {
  const rep = design.replicates!;
  const { m, p } = stat;
  const R = rep.weights.length;
  const thetas = new Float64Array(R * p);
  const T = new Float64Array(m);
  const out = new Float64Array(p);
  const nr = rows.length;
  const del = deleteOneStructure(rep.weights);
  if (del !== null) {
    // Delete-one replicates (JK1): T_r = T' − T'_{rows dropped by r}, one pass over the rows.
    const full = new Float64Array(m);
    const dropped = new Float64Array(R * m);
    for (let q = 0; q < nr; q++) {
      const i = rows[q];
      const wi = del.kept[i];
      if (wi === 0) continue;
      const o = q * m;
      for (let j = 0; j < m; j++) full[j] += wi * C[o + j];
      const r = del.drop[i];
      if (r >= 0) for (let j = 0; j < m; j++) dropped[r * m + j] += wi * C[o + j];
    }
    for (let r = 0; r < R; r++) {
      for (let j = 0; j < m; j++) T[j] = full[j] - dropped[r * m + j];
      stat.estimate(T, out);
      thetas.set(out, r * p);
    }
    return thetas;
  }
  // rows are increasing, so all rows of the design means rows[q] = q
  const identity = nr === design.nrow;
  let c0: Float64Array | null = null;
  let c1: Float64Array | null = null;
  if (m === 2) {
    c0 = new Float64Array(nr);
    c1 = new Float64Array(nr);
    for (let q = 0; q < nr; q++) {
      c0[q] = C[2 * q];
      c1[q] = C[2 * q + 1];
    }
  }
  // Mean and ratio (m = 2): the rows are visited in blocks so that the two component arrays stay
  // in cache while every replicate column streams past once (the work is memory-bound).
  const sums0 = new Float64Array(R);
  const sums1 = new Float64Array(R);
  if (m === 2 && c0 !== null && c1 !== null) {
    const BLOCK = 4096;
    for (let b = 0; b < nr; b += BLOCK) {
      const end = Math.min(nr, b + BLOCK);
      for (let r = 0; r < R; r++) {
        const wr = rep.weights[r];
        let t0 = 0;
        let t1 = 0;
        if (identity) {
          for (let q = b; q < end; q++) {
            const wi = wr[q];
            t0 += wi * c0[q];
            t1 += wi * c1[q];
          }
        } else {
          for (let q = b; q < end; q++) {
            const wi = wr[rows[q]];
            t0 += wi * c0[q];
            t1 += wi * c1[q];
          }
        }
        sums0[r] += t0;
        sums1[r] += t1;
      }
    }
  }
  for (let r = 0; r < R; r++) {
    const wr = rep.weights[r];
    T.fill(0);
    if (m === 2 && c0 !== null && c1 !== null) {
      T[0] = sums0[r];
      T[1] = sums1[r];
    } else {
      for (let q = 0; q < nr; q++) {
        const wi = wr[rows[q]];
        if (wi === 0) continue;
        for (let j = 0; j < m; j++) T[j] += wi * C[q * m + j];
      }
    }
    stat.estimate(T, out);
    thetas.set(out, r * p);
  }
  return thetas;
}
