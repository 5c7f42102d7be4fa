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
import type { RakingStep } from './calibration.js';
import { type MarginCells, cellTotals } from './cells.js';

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

/**
 * Raking only ever multiplies a row's weight by the factors of its cells, so every row of one
 * combination of cells (over all margins) keeps the same ratio to its base weight. When there are
 * fewer such combinations than rows, the fitting runs on the crossed table of summed base weights
 * (Deming & Stephan's own setting) and the ratios are applied to the rows once at the end; the
 * result is the same as fitting row by row up to rounding (≈1e-15 relative).
 */
export function rake(
  margins: readonly MarginCells[],
  base: Float64Array,
  epsilon: number,
  maxIterations: number,
): RakeResult {
  const n = base.length;
  let space = 1;
  for (const m of margins) space *= Math.max(1, m.ncell);
  if (space > Math.min(n, 1 << 20)) return rakeRows(margins, base, epsilon, maxIterations);
  const strides: number[] = [];
  let st = 1;
  for (const m of margins) {
    strides.push(st);
    st *= Math.max(1, m.ncell);
  }
  const group = new Int32Array(n);
  const gw = new Float64Array(space);
  for (let k = 0; k < margins.length; k++) {
    const c = margins[k].cell;
    const s = strides[k];
    for (let i = 0; i < n; i++) group[i] += c[i] * s;
  }
  for (let i = 0; i < n; i++) gw[group[i]] += base[i];
  const grouped: MarginCells[] = margins.map((m, k) => {
    const cell = new Int32Array(space);
    for (let g = 0; g < space; g++) cell[g] = Math.floor(g / strides[k]) % m.ncell;
    return { ...m, cell };
  });
  // Fit on the table, tracking each combination's factor (weight / base weight).
  const ones = new Float64Array(space).fill(1);
  const table = rakeRows(grouped, gw, epsilon, maxIterations, ones);
  const ratio = table.ratios as { final: Float64Array; after: Float64Array[] };
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = base[i] * ratio.final[group[i]];
  const after = ratio.after.map((r) => {
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = base[i] * r[group[i]];
    return a;
  });
  return {
    weights: w,
    step: { kind: 'raking', margins: margins.map((m, k) => ({ cell: m.cell, weights: after[k] })) },
    converged: table.converged,
    iterations: table.iterations,
    maxRelativeDifference: table.maxRelativeDifference,
  };
}

function rakeRows(
  margins: readonly MarginCells[],
  base: Float64Array,
  epsilon: number,
  maxIterations: number,
  /** When given (all ones), also returns each row's factor after the fit and after each margin of the last sweep. */
  track?: Float64Array,
): RakeResult & { ratios?: { final: Float64Array; after: Float64Array[] } } {
  const n = base.length;
  const M = margins.length;
  const w = Float64Array.from(base);
  const cells = margins.map((m) => m.cell);
  const totals = margins.map((m) => new Float64Array(m.ncell));
  // Factors of each margin in the current sweep; the weights after margin m of the last sweep
  // are recovered at the end as final / Π_{k>m} factor_k (saves copying every sweep).
  const factors = margins.map((m) => new Float64Array(m.ncell));
  const factorOf = (m: number): Float64Array => {
    const f = factors[m];
    const t = totals[m];
    const target = margins[m].target;
    for (let j = 0; j < f.length; j++) f[j] = t[j] > 0 ? target[j] / t[j] : 1;
    return f;
  };
  // Totals of margin 0 before the first sweep.
  {
    const c0 = cells[0];
    const t0 = totals[0];
    for (let i = 0; i < n; i++) t0[c0[i]] += w[i];
  }
  let iterations = 0;
  let converged = false;
  let diff = Infinity;
  const trackAfter = track === undefined ? [] : margins.map(() => Float64Array.from(track));
  while (iterations < maxIterations) {
    for (let m = 0; m < M; m++) {
      const f = factorOf(m);
      const c = cells[m];
      if (m < M - 1) {
        // Apply margin m and collect the totals of margin m + 1 in the same pass.
        const cn = cells[m + 1];
        const tn = totals[m + 1];
        tn.fill(0);
        for (let i = 0; i < n; i++) {
          const v = w[i] * f[c[i]];
          w[i] = v;
          tn[cn[i]] += v;
        }
        if (track !== undefined) {
          for (let i = 0; i < n; i++) track[i] *= f[c[i]];
          trackAfter[m].set(track);
        }
      } else {
        // Apply the last margin and collect every margin's totals (convergence check, next sweep).
        for (const t of totals) t.fill(0);
        for (let i = 0; i < n; i++) {
          const v = w[i] * f[c[i]];
          w[i] = v;
          for (let k = 0; k < M; k++) totals[k][cells[k][i]] += v;
        }
        if (track !== undefined) {
          for (let i = 0; i < n; i++) track[i] *= f[c[i]];
          trackAfter[m].set(track);
        }
      }
    }
    iterations++;
    diff = 0;
    for (let k = 0; k < M; k++) {
      const target = margins[k].target;
      for (let j = 0; j < target.length; j++) {
        if (target[j] > 0) diff = Math.max(diff, Math.abs(totals[k][j] - target[j]) / target[j]);
      }
    }
    if (diff < epsilon) {
      converged = true;
      break;
    }
  }
  const after: Float64Array[] = new Array<Float64Array>(M);
  if (iterations > 0) {
    after[M - 1] = Float64Array.from(w);
    for (let m = M - 2; m >= 0; m--) {
      const next = after[m + 1];
      const f = factors[m + 1];
      const c = cells[m + 1];
      const a = new Float64Array(n);
      for (let i = 0; i < n; i++) a[i] = next[i] / f[c[i]];
      after[m] = a;
    }
  } else for (let m = 0; m < M; m++) after[m] = Float64Array.from(w);
  return {
    weights: w,
    step: { kind: 'raking', margins: margins.map((m, k) => ({ cell: m.cell, weights: after[k] })) },
    converged,
    iterations,
    maxRelativeDifference: diff,
    ...(track === undefined ? {} : { ratios: { final: track, after: trackAfter } }),
  };
}
