/**
 * R survey's svyciprop(method = "logit") interval reproduced exactly for linearization designs.
 *
 * R fits svyglm(y ~ 1, family = quasibinomial) by iteratively reweighted least squares
 * (glm.fit: start μ_i = (w_i·y_i + ½)/(w_i + 1) with weights normalised to mean 1 over the
 * domain design, stop when |dev − dev_old|/(|dev| + 0.1) < 1e-8) and uses the sandwich variance
 * of the intercept β, whose influence values are w_i (y_i − μ)/(μ(1 − μ) Σw) with μ = expit(β).
 * The stopping rule leaves β a few 1e-9 away from logit(p̂), so the closed form differs from
 * R in the ninth digit; this module follows the same iterations so the interval
 * expit(β ± t(df)·SE) agrees to rounding.
 */

import type { Design } from '../design/design.js';
import { tQuantile } from './ci.js';
import { estimateSmooth, totalStatistic } from './smooth.js';

function ylogy(y: number, mu: number): number {
  return y > 0 ? y * Math.log(y / mu) : 0;
}

/** Binomial deviance residual 2·w·(y log(y/μ) + (1−y) log((1−y)/(1−μ))). */
function devResid(y: number, mu: number, w: number): number {
  return 2 * w * (ylogy(y, mu) + ylogy(1 - y, 1 - mu));
}

/**
 * `y` holds 0/1 (NaN = missing) per row of the design; `domain` are the rows of the domain
 * design (R's nrow(design) rows; calibrated designs: every row, with `inDomain` marking the domain).
 */
export function svyglmLogitInterval(
  design: Design,
  y: Float64Array,
  domain: Int32Array,
  df: number,
  level: number,
): [number, number] | null {
  const w = design.weights;
  // Weights normalised to mean 1 over the rows of the domain design (R: (1/prob)/mean(1/prob)).
  const calibrated = design.calibration.length > 0;
  let sumAll = 0;
  for (const i of domain) sumAll += w[i];
  const meanW = sumAll / (calibrated ? design.nrow : domain.length);
  const rows = domain.filter((i) => !Number.isNaN(y[i]) && w[i] > 0);
  if (rows.length === 0) return null;
  const n = rows.length;
  const wn = new Float64Array(n);
  const yy = new Float64Array(n);
  const mu = new Float64Array(n);
  const eta = new Float64Array(n);
  let devold = 0;
  for (let q = 0; q < n; q++) {
    wn[q] = w[rows[q]] / meanW;
    yy[q] = y[rows[q]];
    mu[q] = (wn[q] * yy[q] + 0.5) / (wn[q] + 1);
    eta[q] = Math.log(mu[q] / (1 - mu[q]));
    devold += devResid(yy[q], mu[q], wn[q]);
  }
  let beta = NaN;
  let converged = false;
  for (let iter = 0; iter < 25; iter++) {
    let sw = 0;
    let swz = 0;
    for (let q = 0; q < n; q++) {
      const v = mu[q] * (1 - mu[q]);
      if (v === 0) continue;
      const W = wn[q] * v;
      const z = eta[q] + (yy[q] - mu[q]) / v;
      sw += W;
      swz += W * z;
    }
    beta = swz / sw;
    const m = 1 / (1 + Math.exp(-beta));
    let dev = 0;
    for (let q = 0; q < n; q++) {
      eta[q] = beta;
      mu[q] = m;
      dev += devResid(yy[q], m, wn[q]);
    }
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < 1e-8) {
      converged = true;
      break;
    }
    devold = dev;
  }
  if (!converged || !Number.isFinite(beta)) return null;
  const m = 1 / (1 + Math.exp(-beta));
  let sumW = 0;
  for (const i of rows) sumW += w[i];
  const v = new Float64Array(design.nrow).fill(NaN);
  for (const i of rows) v[i] = (y[i] - m) / (m * (1 - m) * sumW);
  const [res] = estimateSmooth(design, totalStatistic(v), [Int32Array.from(rows)]);
  const se = Math.sqrt(res.covariance[0]);
  const q = tQuantile(1 - (1 - level) / 2, df);
  const lo = 1 / (1 + Math.exp(-(beta - q * se)));
  const hi = 1 / (1 + Math.exp(-(beta + q * se)));
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}
