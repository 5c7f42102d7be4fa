/**
 * Joint covariance of estimates from several domains (R svyby(..., covmat = TRUE)): the
 * influence values of each domain are placed in the full design and passed together to the
 * linearization variance (or the replicate estimates are combined), so covariances between
 * domains that share PSUs are kept.
 */

import { applyCalibrationSteps } from '../design/calibration-variance.js';
import type { Design } from '../design/design.js';
import { linearizationCovariance } from '../design/linearization.js';
import { svrVar } from '../design/replicate-variance.js';
import type { DomainEstimate } from './domain-estimates.js';

/**
 * Covariance (P×P, P = Σ p of the parts) of the estimates of `parts` (each computed with
 * keep = true). `scope` are the rows of the design the domains were taken from (all rows, or the
 * subset of an uncalibrated design).
 */
export function jointCovariance(design: Design, parts: readonly DomainEstimate[], p: number, scope: Int32Array): Float64Array {
  const P = parts.length * p;
  if (design.replicates !== null) {
    const rep = design.replicates;
    const R = rep.weights.length;
    const thetas = new Float64Array(R * P);
    const theta = new Float64Array(P);
    parts.forEach((part, d) => {
      for (let k = 0; k < p; k++) theta[d * p + k] = part.estimate[k];
      const re = part.replicateEstimates;
      for (let r = 0; r < R; r++) for (let k = 0; k < p; k++) thetas[r * P + d * p + k] = re === undefined ? NaN : re[r * p + k];
    });
    return svrVar(thetas, R, P, rep, theta);
  }
  const w = design.weights;
  if (design.calibration.length > 0) {
    const n = design.nrow;
    const z = new Float64Array(n * P);
    parts.forEach((part, d) => fill(part, d, (i) => i));
    function fill(part: DomainEstimate, d: number, at: (i: number) => number): void {
      const inf = part.influence;
      if (inf === undefined) return;
      for (let r = 0; r < inf.rows.length; r++) {
        const i = inf.rows[r];
        for (let k = 0; k < p; k++) z[at(i) * P + d * p + k] = w[i] * inf.u[r * p + k];
      }
    }
    applyCalibrationSteps(design.calibration, z, n, P);
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return linearizationCovariance(design, all, P, z);
  }
  const pos = new Int32Array(design.nrow).fill(-1);
  for (let r = 0; r < scope.length; r++) pos[scope[r]] = r;
  const z = new Float64Array(scope.length * P);
  parts.forEach((part, d) => {
    const inf = part.influence;
    if (inf === undefined) return;
    for (let r = 0; r < inf.rows.length; r++) {
      const i = inf.rows[r];
      for (let k = 0; k < p; k++) z[pos[i] * P + d * p + k] = w[i] * inf.u[r * p + k];
    }
  });
  return linearizationCovariance(design, scope, P, z);
}
