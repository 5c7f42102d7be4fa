/**
 * Replicate variance, as R survey's svrVar (survey 4.1), written once for every estimator:
 *   V = scale · Σ_r rscales_r (θ_r − θ̄)(θ_r − θ̄)ᵀ,
 * θ̄ the full-sample estimate when mse, else the mean of the replicates with rscales_r > 0.
 * Replicates whose estimate is missing (NaN: a domain emptied by a replicate, a refit that
 * failed) are dropped first, as R's na.action does (R also warns).
 */

/** What svrVar needs of a replicate design. */
export interface ReplicateScales {
  readonly scale: number;
  readonly rscales: Float64Array;
  readonly mse: boolean;
}

/** Covariance (p×p, row-major) of replicate estimates `thetas` (R × p, row-major); `theta` the full-sample estimate. */
export function svrVar(thetas: Float64Array, R: number, p: number, rep: ReplicateScales, theta: ArrayLike<number>): Float64Array {
  const usable = new Uint8Array(R);
  for (let r = 0; r < R; r++) {
    usable[r] = 1;
    for (let k = 0; k < p; k++) if (Number.isNaN(thetas[r * p + k])) usable[r] = 0;
  }
  const centre = new Float64Array(p);
  if (rep.mse) for (let k = 0; k < p; k++) centre[k] = theta[k];
  else {
    let cnt = 0;
    for (let r = 0; r < R; r++) {
      if (!(rep.rscales[r] > 0) || usable[r] === 0) continue;
      cnt++;
      for (let k = 0; k < p; k++) centre[k] += thetas[r * p + k];
    }
    for (let k = 0; k < p; k++) centre[k] /= cnt;
  }
  const cov = new Float64Array(p * p);
  for (let r = 0; r < R; r++) {
    if (usable[r] === 0) continue;
    for (let k = 0; k < p; k++) {
      const dk = (thetas[r * p + k] - centre[k]) * rep.rscales[r];
      for (let l = 0; l < p; l++) cov[k * p + l] += dk * (thetas[r * p + l] - centre[l]);
    }
  }
  for (let q = 0; q < p * p; q++) cov[q] *= rep.scale;
  return cov;
}
