/**
 * Hadamard matrices for BRR / Fay replicates: equal to R survey 4.1 `hadamard(n)`, and BRR / Fay
 * SEs equal to R's as.svrepdesign on designs with 8, 13 and 20 strata (where R's matrices are not
 * Sylvester matrices). Expected values: tools/r/hadamard-fixtures.R.
 */
import { describe, expect, it } from 'vitest';
import { numericColumn, stringColumn } from '../../src/data/column.js';
import { Dataset } from '../../src/data/dataset.js';
import { hadamard } from '../../src/design/hadamard.js';
import { svyDesign, svyMean, svyTotal } from '../../src/estimate/index.js';
import matrices from '../fixtures/design/hadamard-matrices.json' with { type: 'json' };
import signatures from '../fixtures/design/hadamard-signatures.json' with { type: 'json' };
import brr from '../fixtures/design/hadamard-brr.json' with { type: 'json' };

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('hadamard(n) equals R survey', () => {
  it.each(matrices.cases.map((c) => [c.n, c]))('n = %i: same order and entries', (_n, c) => {
    const H = hadamard(c.n);
    expect(H.length).toBe(c.order);
    expect(H.map((row) => Array.from(row))).toEqual(c.matrix);
  });

  it('n = 41..300: same order and entry checksum (doubled and Paley matrices)', () => {
    for (const c of signatures.cases) {
      const H = hadamard(c.n);
      const k = H.length;
      let sum = 0;
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) sum += H[i][j] * ((i * k + j) % 9973);
      expect([c.n, k, sum]).toEqual([c.n, c.order, c.signature]);
    }
  });

  it('every returned matrix is Hadamard: distinct rows agree in exactly half of the columns', () => {
    for (const n of [1, 5, 8, 12, 27, 40, 63, 100]) {
      const H = hadamard(n);
      const k = H.length;
      expect(k).toBeGreaterThan(n);
      for (let a = 0; a < k; a++) {
        for (let b = a + 1; b < k; b++) {
          let agree = 0;
          for (let j = 0; j < k; j++) if (H[a][j] === H[b][j]) agree++;
          expect(agree).toBe(k / 2);
        }
      }
    }
  });

  it('rejects a number of strata that is not a whole number', () => {
    expect(() => hadamard(-1)).toThrow(RangeError);
    expect(() => hadamard(2.5)).toThrow(/whole number/);
  });
});

describe('BRR and Fay replicates from the design equal R as.svrepdesign', () => {
  for (const c of brr.cases) {
    const data = new Dataset([
      stringColumn('stratum', c.data.stratum),
      numericColumn('psu', Float64Array.from(c.data.psu)),
      numericColumn('w', Float64Array.from(c.data.w)),
      numericColumn('y', Float64Array.from(c.data.y)),
    ]);
    for (const type of ['BRR', 'Fay'] as const) {
      const expected = c[type];
      it(`${c.strata} strata, ${type}: ${expected.replicates} replicates, svymean and svytotal SE to 1e-9`, () => {
        const replicates = type === 'BRR' ? { type } : { type, rho: 0.3 };
        const design = svyDesign(data, { ids: ['psu'], strata: ['stratum'], weights: 'w', replicates });
        expect(design.replicates!.weights.length).toBe(expected.replicates);
        const [mean] = svyMean(design, 'y');
        const [total] = svyTotal(design, 'y');
        expect(relErr(mean.estimate!, expected.mean.estimate)).toBeLessThan(1e-9);
        expect(relErr(mean.se!, expected.mean.se)).toBeLessThan(1e-9);
        expect(relErr(total.estimate!, expected.total.estimate)).toBeLessThan(1e-9);
        expect(relErr(total.se!, expected.total.se)).toBeLessThan(1e-9);
      });
    }
  }
});
