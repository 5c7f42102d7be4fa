/**
 * Post-stratification (Holt & Smith 1979; R survey `postStratify`): within each cell the weights are
 * multiplied by N_cell / Σ_cell w, so that the weighted cell totals equal the population counts.
 */
import type { PostStratificationStep } from './calibration.js';
import { type MarginCells, cellTotals } from './cells.js';

/** Multiplies `w` in place so that cell totals meet the targets; returns the per-cell factors. */
export function poststratifyInPlace(cells: MarginCells, w: Float64Array): Float64Array {
  const totals = cellTotals(cells, w);
  const factor = new Float64Array(cells.ncell);
  for (let j = 0; j < cells.ncell; j++) factor[j] = totals[j] > 0 ? cells.target[j] / totals[j] : 1;
  const c = cells.cell;
  for (let i = 0; i < w.length; i++) w[i] *= factor[c[i]];
  return factor;
}

export function poststratify(cells: MarginCells, base: Float64Array): { weights: Float64Array; step: PostStratificationStep } {
  const w = Float64Array.from(base);
  poststratifyInPlace(cells, w);
  return { weights: w, step: { kind: 'poststratify', cell: cells.cell, weights: w, oldWeights: base } };
}
