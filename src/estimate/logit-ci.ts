/**
 * R survey's svyciprop(method = "logit") interval reproduced exactly, for linearization and
 * replicate designs.
 *
 * R fits svyglm(y ~ 1, family = quasibinomial) by iteratively reweighted least squares
 * (stats::glm.fit: start μ_i = (w_i·y_i + ½)/(w_i + 1) with weights normalised to mean 1 over the
 * domain design, stop when |dev − dev_old|/(|dev| + 0.1) < 1e-8, at most 25 iterations). The
 * stopping rule leaves β a few 1e-9 away from logit(p̂), so the closed form differs from R in the
 * ninth digit; this module runs the same iterations so expit(β ± t(df)·SE) agrees to rounding.
 *
 * Linearization designs: SE is the sandwich variance of the intercept, whose influence values are
 * w_i (y_i − μ)/(μ(1 − μ) Σw) with μ = expit(β).
 *
 * Replicate designs (survey:::svyglm.svyrep.design): every replicate is refitted by glm.fit with
 * weights w_ri/Σ_i w_ri, starting from the full-sample coefficient (start = coef(full), so
 * η = β_full, μ = expit(β_full), dev_old = deviance there) under the same stopping rule; the
 * replicate coefficients are the iterates R stops at, not the exact roots, so using the closed form
 * logit(p̂_r) leaves 1e-7 differences. Var(β) is svrVar of the β_r (src/design/replicate-variance.ts).
 */

import type { Design } from '../design/design.js';
import { svrVar } from '../design/replicate-variance.js';
import { tQuantile } from './ci.js';
import { estimateSmooth, totalStatistic } from './domain-estimates.js';

function ylogy(y: number, mu: number): number {
  return y > 0 ? y * Math.log(y / mu) : 0;
}

/** Binomial deviance residual 2·w·(y log(y/μ) + (1−y) log((1−y)/(1−μ))). */
function devResid(y: number, mu: number, w: number): number {
  return 2 * w * (ylogy(y, mu) + ylogy(1 - y, 1 - mu));
}

/** One IRLS fit of logit(μ) = β with prior weights `wn` (stats::glm.fit for an intercept-only model). */
interface LogitFit {
  readonly beta: number;
  readonly converged: boolean;
}

function expit(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * glm.fit iterations for y ~ 1, binomial family, logit link. `start` null: start from
 * μ_i = (w_i y_i + ½)/(w_i + 1) (binomial initialize); otherwise η_i = start for every row.
 * Returns the last iterate, converged or not (R keeps it and warns).
 */
function fitLogitIntercept(yy: Float64Array, wn: Float64Array, start: number | null): LogitFit {
  const n = yy.length;
  const mu = new Float64Array(n);
  const eta = new Float64Array(n);
  let devold = 0;
  for (let q = 0; q < n; q++) {
    if (start === null) {
      mu[q] = (wn[q] * yy[q] + 0.5) / (wn[q] + 1);
      eta[q] = Math.log(mu[q] / (1 - mu[q]));
    } else {
      eta[q] = start;
      mu[q] = expit(start);
    }
    devold += devResid(yy[q], mu[q], wn[q]);
  }
  let beta = NaN;
  for (let iter = 0; iter < 25; iter++) {
    let sw = 0;
    let swz = 0;
    for (let q = 0; q < n; q++) {
      // glm.fit's `good`: positive prior weight and μ'(η) ≠ 0.
      const v = mu[q] * (1 - mu[q]);
      if (!(wn[q] > 0) || v === 0) continue;
      const W = wn[q] * v;
      const z = eta[q] + (yy[q] - mu[q]) / v;
      sw += W;
      swz += W * z;
    }
    beta = swz / sw;
    const m = expit(beta);
    let dev = 0;
    for (let q = 0; q < n; q++) {
      eta[q] = beta;
      mu[q] = m;
      dev += devResid(yy[q], m, wn[q]);
    }
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < 1e-8) return { beta, converged: true };
    devold = dev;
  }
  return { beta, converged: false };
}

/** Variance of the intercept from replicate refits (svyglm.svyrep.design, then svrVar: failed refits dropped). */
function replicateVariance(design: Design, rows: Int32Array, yy: Float64Array, beta0: number): number {
  const reps = design.replicates!;
  const R = reps.weights.length;
  const betas = new Float64Array(R);
  const wr = new Float64Array(rows.length);
  for (let r = 0; r < R; r++) {
    const col = reps.weights[r];
    let sum = 0;
    for (let q = 0; q < rows.length; q++) sum += col[rows[q]];
    for (let q = 0; q < rows.length; q++) wr[q] = col[rows[q]] / sum;
    betas[r] = fitLogitIntercept(yy, wr, beta0).beta;
  }
  return svrVar(betas, R, 1, reps, [beta0])[0];
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
  for (let q = 0; q < n; q++) {
    wn[q] = w[rows[q]] / meanW;
    yy[q] = y[rows[q]];
  }
  const { beta, converged } = fitLogitIntercept(yy, wn, null);
  if (!converged || !Number.isFinite(beta)) return null;
  let variance: number;
  if (design.replicates !== null) {
    variance = replicateVariance(design, rows, yy, beta);
  } else {
    const m = expit(beta);
    let sumW = 0;
    for (const i of rows) sumW += w[i];
    const v = new Float64Array(design.nrow).fill(NaN);
    for (const i of rows) v[i] = (y[i] - m) / (m * (1 - m) * sumW);
    const [res] = estimateSmooth(design, totalStatistic(v), [Int32Array.from(rows)]);
    variance = res.covariance[0];
  }
  const se = Math.sqrt(variance);
  const q = tQuantile(1 - (1 - level) / 2, df);
  const lo = expit(beta - q * se);
  const hi = expit(beta + q * se);
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}
