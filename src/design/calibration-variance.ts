/**
 * Applies the weighting steps of ./calibration.ts to influence values, as R survey's
 * `svyrecvar` does with `design$postStrata` before the multistage variance (survey 4.1):
 * the influence values are replaced by residuals from the weighting model
 * (Särndal, Swensson & Wretman 1992, §6.5–6.7; Lumley 2010, ch. 7).
 *
 * z is row-major: z[i·p + k] for row i (every row of the design) and statistic k.
 */

import type { CalibrationStep, GregCalibrationStep, PostStratificationStep, RakingStep } from '../weighting/calibration.js';

export function applyCalibrationSteps(steps: readonly CalibrationStep[], z: Float64Array, n: number, p: number): void {
  for (const step of steps) {
    if (step.kind === 'poststratify') applyPostStratification(step, z, n, p);
    else if (step.kind === 'raking') applyRaking(step, z, n, p);
    else applyGreg(step, z, n, p);
  }
}

/** x ← x − psw · (Σ_cell x·oldw/psw) / (Σ_cell oldw)  (R: rowsum(x*oldw/psw)/by(oldw, sum)). */
function applyPostStratification(step: PostStratificationStep, z: Float64Array, n: number, p: number): void {
  let cells = 0;
  for (let i = 0; i < n; i++) if (step.cell[i] + 1 > cells) cells = step.cell[i] + 1;
  const sums = new Float64Array(cells * p);
  const oldSum = new Float64Array(cells);
  const psw = (i: number): number => (step.weights[i] === 0 && step.oldWeights[i] === 0 ? 1 : step.weights[i]);
  for (let i = 0; i < n; i++) {
    const c = step.cell[i];
    const f = step.oldWeights[i] / psw(i);
    for (let k = 0; k < p; k++) sums[c * p + k] += z[i * p + k] * f;
    oldSum[c] += step.oldWeights[i];
  }
  for (let i = 0; i < n; i++) {
    const c = step.cell[i];
    const w = psw(i);
    for (let k = 0; k < p; k++) z[i * p + k] -= (sums[c * p + k] / oldSum[c]) * w;
  }
}

/**
 * Ten sweeps over the margins: x ← x − psw · mean_cell(x / psw)  (R: apply(x/psw, 2, ave, margin)).
 * The cells and their counts do not change between sweeps, and each cell mean is divided out
 * once per sweep rather than once per row: the same operations on every value as R's order.
 */
function applyRaking(step: RakingStep, z: Float64Array, n: number, p: number): void {
  const margins = step.margins.map((margin) => {
    let cells = 0;
    for (let i = 0; i < n; i++) if (margin.cell[i] + 1 > cells) cells = margin.cell[i] + 1;
    const counts = new Float64Array(cells);
    for (let i = 0; i < n; i++) counts[margin.cell[i]]++;
    return { cell: margin.cell, weights: margin.weights, counts, sums: new Float64Array(cells * p) };
  });
  for (let iter = 0; iter < 10; iter++) {
    for (const { cell, weights, counts, sums } of margins) {
      sums.fill(0);
      for (let i = 0; i < n; i++) {
        const o = cell[i] * p;
        const wi = weights[i];
        for (let k = 0; k < p; k++) sums[o + k] += z[i * p + k] / wi;
      }
      for (let c = 0; c < counts.length; c++) for (let k = 0; k < p; k++) sums[c * p + k] /= counts[c];
      for (let i = 0; i < n; i++) {
        const o = cell[i] * p;
        const wi = weights[i];
        for (let k = 0; k < p; k++) z[i * p + k] -= wi * sums[o + k];
      }
    }
  }
}

/**
 * GREG calibration at population level: x ← qr.resid(qr(X·√w0), x / (g·√w0)) · g·√w0.
 * The least-squares residual is computed against an orthonormal basis of the columns of
 * X·√w0 (modified Gram–Schmidt, applied twice for accuracy; columns that are linearly
 * dependent at R's qr tolerance 1e-7 are dropped, as R's pivoting QR does).
 */
function applyGreg(step: GregCalibrationStep, z: Float64Array, n: number, p: number): void {
  const basis: Float64Array[] = [];
  for (const col of step.modelMatrix) {
    const q = new Float64Array(n);
    let norm0 = 0;
    for (let i = 0; i < n; i++) {
      q[i] = col[i] * Math.sqrt(step.baseWeights[i]);
      norm0 += q[i] * q[i];
    }
    norm0 = Math.sqrt(norm0);
    for (let pass = 0; pass < 2; pass++) {
      for (const b of basis) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += b[i] * q[i];
        for (let i = 0; i < n; i++) q[i] -= dot * b[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += q[i] * q[i];
    norm = Math.sqrt(norm);
    if (norm0 === 0 || norm < 1e-7 * norm0) continue;
    for (let i = 0; i < n; i++) q[i] /= norm;
    basis.push(q);
  }
  const scale = new Float64Array(n);
  for (let i = 0; i < n; i++) scale[i] = step.g[i] * Math.sqrt(step.baseWeights[i]);
  const y = new Float64Array(n);
  for (let k = 0; k < p; k++) {
    for (let i = 0; i < n; i++) y[i] = z[i * p + k] / scale[i];
    for (let pass = 0; pass < 2; pass++) {
      for (const b of basis) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += b[i] * y[i];
        for (let i = 0; i < n; i++) y[i] -= dot * b[i];
      }
    }
    for (let i = 0; i < n; i++) z[i * p + k] = y[i] * scale[i];
  }
}
