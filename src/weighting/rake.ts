/**
 * Raking (iterative proportional fitting; Deming & Stephan 1940; R survey `rake`): post-stratify to
 * each margin in turn and repeat the sweep until every margin is met.
 *
 * Stopping rule (issue 4): after a sweep, stop when the largest relative difference
 * |achieved − N| / N over all cells of all margins is below `epsilon`. R's `rake` instead compares
 * the full crossed table between two sweeps; at full convergence both give the same weights.
 * The raking step keeps, per margin, the weights after that margin in the last sweep, as R's
 * `design$postStrata` does.
 */
import type { RakingStep } from '../design/calibration.js';
import { type MarginCells, cellTotals } from './cells.js';
import { poststratifyInPlace } from './poststratify.js';

export interface RakeResult {
  readonly weights: Float64Array;
  readonly step: RakingStep;
  readonly converged: boolean;
  readonly iterations: number;
  /** Largest relative margin difference after the last sweep. */
  readonly maxRelativeDifference: number;
}

export function maxRelativeMarginDifference(margins: readonly MarginCells[], w: Float64Array): number {
  let worst = 0;
  for (const m of margins) {
    const t = cellTotals(m, w);
    for (let j = 0; j < m.ncell; j++) {
      if (m.target[j] > 0) worst = Math.max(worst, Math.abs(t[j] - m.target[j]) / m.target[j]);
    }
  }
  return worst;
}

export function rake(
  margins: readonly MarginCells[],
  base: Float64Array,
  epsilon: number,
  maxIterations: number,
): RakeResult {
  const w = Float64Array.from(base);
  const after = margins.map(() => new Float64Array(w.length));
  let iterations = 0;
  let converged = false;
  let diff = Infinity;
  while (iterations < maxIterations) {
    for (let m = 0; m < margins.length; m++) {
      poststratifyInPlace(margins[m], w);
      after[m].set(w);
    }
    iterations++;
    diff = maxRelativeMarginDifference(margins, w);
    if (diff < epsilon) {
      converged = true;
      break;
    }
  }
  return {
    weights: w,
    step: { kind: 'raking', margins: margins.map((m, k) => ({ cell: m.cell, weights: after[k] })) },
    converged,
    iterations,
    maxRelativeDifference: diff,
  };
}
