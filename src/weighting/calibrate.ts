/**
 * Calibration estimators (Deville & Särndal 1992), as R survey 4.1 `calibrate` for a design
 * without replicate weights, stage 0:
 *
 * - linear without bounds (GREG; R `regcalibrate`): g = 1 + X (XᵀWX)⁻¹ (T − Xᵀw);
 * - linear with bounds and logit (R `grake`): Newton–Raphson on the calibration equations
 *   Σ w_i F(x_iᵀη) x_i = T with the distance function's inverse derivative F, where
 *     linear:  F(u) = clamp(1 + u, L, U),
 *     logit:   F(u) = [L(U−1) + U(1−L)e^{Au}] / [U−1 + (1−L)e^{Au}],  A = (U−L)/((U−1)(1−L)),
 *   each step solving with the Moore–Penrose inverse (MASS::ginv), halving steps that give
 *   non-finite g, and stopping when every |misfit| / (1 + |T|) < epsilon.
 *   As in R, when every T/t̂ exceeds 20 the base weights are first scaled by mean(T/t̂) and the
 *   bounds apply to g relative to the scaled weights.
 */
import { WeightingError } from './errors.js';
import { choleskySolve, pseudoSolve } from './linalg.js';

export interface CalibrationProblem {
  /** Columns of the model matrix X (one Float64Array per calibration total). */
  readonly x: readonly Float64Array[];
  /** Population totals T, one per column. */
  readonly totals: Float64Array;
  /** Names of the totals, for messages. */
  readonly names: readonly string[];
}

export interface CalibrationOptions {
  readonly calfun: 'linear' | 'logit';
  readonly bounds: readonly [number, number];
  readonly epsilon: number;
  readonly maxIterations: number;
}

export interface CalibrationResult {
  /** g-weights: final weight / base weight. */
  readonly g: Float64Array;
  readonly converged: boolean;
  readonly iterations: number;
  /** Largest |misfit| / (1 + |T|) at the end. */
  readonly achieved: number;
}

function crossprodWeighted(x: readonly Float64Array[], d: Float64Array): Float64Array[] {
  const p = x.length;
  const n = d.length;
  const t = Array.from({ length: p }, () => new Float64Array(p));
  for (let a = 0; a < p; a++) {
    const xa = x[a];
    for (let b = a; b < p; b++) {
      const xb = x[b];
      let s = 0;
      for (let i = 0; i < n; i++) s += xa[i] * d[i] * xb[i];
      t[a][b] = s;
      t[b][a] = s;
    }
  }
  return t;
}

function linearPredictor(x: readonly Float64Array[], eta: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let k = 0; k < x.length; k++) {
    const e = eta[k];
    if (e === 0) continue;
    const xk = x[k];
    for (let i = 0; i < n; i++) out[i] += xk[i] * e;
  }
  return out;
}

/** Linear calibration without bounds (R regcalibrate). */
export function gregCalibrate(problem: CalibrationProblem, w: Float64Array): CalibrationResult {
  const n = w.length;
  const tmat = crossprodWeighted(problem.x, w);
  const diff = new Float64Array(problem.x.length);
  problem.x.forEach((xk, k) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += xk[i] * w[i];
    diff[k] = problem.totals[k] - s;
  });
  const lambda = choleskySolve(tmat, diff);
  if (lambda === null) {
    throw new WeightingError(
      `calibration totals are not linearly independent in the data (${problem.names.join(', ')}); remove a redundant total or combine categories`,
      { field: 'margins' },
    );
  }
  const u = linearPredictor(problem.x, lambda, n);
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) g[i] = 1 + u[i];
  return { g, converged: true, iterations: 1, achieved: 0 };
}

type Fm1 = (u: number) => number;

function distance(calfun: 'linear' | 'logit', lower: number, upper: number): { fm1: Fm1; df: Fm1 } {
  if (calfun === 'linear') {
    return {
      fm1: (u) => Math.min(Math.max(u + 1, lower), upper) - 1,
      df: (u) => (u < upper - 1 && u > lower - 1 ? 1 : 0),
    };
  }
  const L = lower;
  const U = upper;
  const A = (U - L) / ((U - 1) * (1 - L));
  return {
    fm1: (u) => {
      const e = Math.exp(A * u);
      return (L * (U - 1) + U * (1 - L) * e) / (U - 1 + (1 - L) * e) - 1;
    },
    df: (u) => {
      const e = Math.exp(A * u);
      const den = U - 1 + (1 - L) * e;
      return (U * (1 - L) * e * A) / den - ((L * (U - 1) + U * (1 - L) * e) * ((1 - L) * e * A)) / (den * den);
    },
  };
}

/** Bounded linear or logit calibration (R grake). */
export function boundedCalibrate(problem: CalibrationProblem, w0: Float64Array, opts: CalibrationOptions): CalibrationResult {
  const { x, totals } = problem;
  const p = x.length;
  const n = w0.length;
  const { fm1, df } = distance(opts.calfun, opts.bounds[0], opts.bounds[1]);
  let ww = w0;
  const sampleTotal = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[k][i] * ww[i];
    sampleTotal[k] = s;
  }
  let eta: Float64Array = new Float64Array(p);
  let xeta: Float64Array = new Float64Array(n);
  const g = new Float64Array(n);
  const deriv = new Float64Array(n);
  const evaluate = (): boolean => {
    let finite = true;
    for (let i = 0; i < n; i++) {
      g[i] = 1 + fm1(xeta[i]);
      deriv[i] = df(xeta[i]);
      if (!Number.isFinite(g[i]) || !Number.isFinite(deriv[i])) finite = false;
    }
    return finite;
  };
  evaluate();
  let iter = 1;
  let scale: number | null = null;
  let minScale = Infinity;
  let sumScale = 0;
  for (let k = 0; k < p; k++) {
    const s = totals[k] / sampleTotal[k];
    minScale = Math.min(minScale, s);
    sumScale += s;
  }
  if (minScale > 20) {
    scale = sumScale / p;
    ww = Float64Array.from(w0, (v) => v * (scale as number));
    for (let k = 0; k < p; k++) sampleTotal[k] *= scale;
  }
  const misfitOf = (): Float64Array => {
    const m = new Float64Array(p);
    const f = new Float64Array(n);
    for (let i = 0; i < n; i++) f[i] = ww[i] * fm1(xeta[i]);
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += x[k][i] * f[i];
      m[k] = totals[k] - sampleTotal[k] - s;
    }
    return m;
  };
  let converged = false;
  let achieved = Infinity;
  const d = new Float64Array(n);
  for (;;) {
    for (let i = 0; i < n; i++) d[i] = ww[i] * deriv[i];
    const tmat = crossprodWeighted(x, d);
    let misfit = misfitOf();
    let deta: Float64Array = pseudoSolve(tmat, misfit);
    eta = eta.map((e, k) => e + deta[k]);
    xeta = linearPredictor(x, eta, n);
    let finite = evaluate();
    while (iter < opts.maxIterations && !finite) {
      iter++;
      deta = deta.map((v) => v / 2);
      eta = eta.map((e, k) => e - deta[k]);
      xeta = linearPredictor(x, eta, n);
      finite = evaluate();
    }
    misfit = misfitOf();
    achieved = 0;
    for (let k = 0; k < p; k++) achieved = Math.max(achieved, Math.abs(misfit[k]) / (1 + Math.abs(totals[k])));
    let all = true;
    for (let k = 0; k < p; k++) if (!(Math.abs(misfit[k]) / (1 + Math.abs(totals[k])) < opts.epsilon)) all = false;
    if (all) {
      converged = true;
      break;
    }
    iter++;
    if (iter > opts.maxIterations) break;
  }
  if (scale !== null) for (let i = 0; i < n; i++) g[i] *= scale;
  return { g: Float64Array.from(g), converged, iterations: iter, achieved };
}
