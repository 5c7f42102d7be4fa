/** Bootstrap replicates built from a design (Rao–Wu rescaling): structure and reproducibility. */
import { describe, expect, it } from 'vitest';
import { numericColumn } from '../../src/data/column.js';
import { Dataset } from '../../src/data/dataset.js';
import { svyDesign } from '../../src/design/index.js';

const n = 60;
const data = new Dataset([
  numericColumn('h', Float64Array.from({ length: n }, (_, i) => (i < 30 ? 1 : 2))),
  numericColumn('psu', Float64Array.from({ length: n }, (_, i) => Math.floor(i / 3))),
  numericColumn('w', Float64Array.from({ length: n }, (_, i) => 10 + (i % 7))),
]);

describe('bootstrap replicates from the design', () => {
  const spec = { ids: ['psu'], strata: ['h'], weights: 'w', replicates: { type: 'bootstrap' as const, replicates: 25, seed: 42 } };
  it('the same seed gives the same replicate weights', () => {
    const a = svyDesign(data, spec).replicates!;
    const b = svyDesign(data, spec).replicates!;
    expect(a.weights.length).toBe(25);
    a.weights.forEach((w, r) => expect(Array.from(w)).toEqual(Array.from(b.weights[r])));
    const c = svyDesign(data, { ...spec, replicates: { ...spec.replicates, seed: 43 } }).replicates!;
    expect(a.weights.some((w, r) => w.some((v, i) => v !== c.weights[r][i]))).toBe(true);
  });
  it('each stratum keeps its number of PSUs: factors sum to n_h (n_h − 1 draws × n_h/(n_h − 1)), scale 1/(R − 1)', () => {
    const rep = svyDesign(data, spec).replicates!;
    expect(rep.scale).toBeCloseTo(1 / 24, 15);
    for (const w of rep.weights) {
      for (const h of [1, 2]) {
        let sum = 0;
        // one row per PSU: rows 0, 3, 6, … (factor = weight / sampling weight)
        for (let i = 0; i < n; i += 3) if ((i < 30 ? 1 : 2) === h) sum += w[i] / (10 + (i % 7));
        expect(sum).toBeCloseTo(10, 10); // 10 PSUs per stratum
      }
      // weights are constant multiples within a PSU
      for (let i = 0; i < n; i++) expect(w[i] / (10 + (i % 7))).toBeCloseTo(w[i - (i % 3)] / (10 + ((i - (i % 3)) % 7)), 12);
    }
  });
});
