/**
 * The sufficient-statistics paths of src/estimate/unit-sums.ts (per-unit sums; for one
 * post-stratification step also per-cell sums) must give what the row-by-row path gives
 * (influence values per row, R svyrecvar's order of operations), which the R fixtures check.
 * `keep = true` forces the row-by-row path, so both are compared here on a design the R
 * fixtures do not cover: two stages, strata, fpc, clusters spanning post-strata, domains
 * (one-stage post-stratified designs take the centred per-stratum form of src/design/poststratified-variance.ts; JK1
 * replicate weights the delete-one totals).
 */
import { describe, expect, it } from 'vitest';
import { numericColumn } from '../../src/data/column.js';
import { Dataset } from '../../src/data/dataset.js';
import { svyDesign } from '../../src/design/index.js';
import type { DesignSpec } from '../../src/design/spec.js';
import { type DomainEstimate, estimateSmooth, estimateSmoothByRow, meanStatistic, multiMeanStatistic, proportionsStatistic } from '../../src/estimate/domain-estimates.js';
import { rowsByDomain } from '../../src/estimate/variables.js';

function data(n: number): Dataset {
  let seed = 7;
  const rnd = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const col = (f: (i: number) => number): Float64Array => Float64Array.from({ length: n }, (_, i) => f(i));
  const psu = col((i) => Math.floor(i / 12));
  return new Dataset([
    numericColumn('st', col((i) => Math.floor(psu[i] / 5))),
    numericColumn('psu', psu),
    numericColumn('ssu', col((i) => psu[i] * 4 + Math.floor(rnd() * 4))),
    numericColumn('fpc1', col(() => 40)),
    numericColumn('fpc2', col(() => 30)),
    numericColumn('fpc0', col(() => 200)),
    numericColumn('w', col(() => 1 + rnd() * 3)),
    numericColumn('sex', col(() => 1 + Math.floor(rnd() * 2))),
    numericColumn('dom', col(() => Math.floor(rnd() * 4))),
    numericColumn('y', col(() => (rnd() < 0.1 ? NaN : rnd() * 10))),
    numericColumn('cat', col(() => (rnd() < 0.1 ? -1 : Math.floor(rnd() * 5)))),
  ]);
}

const weighting = { method: 'poststratify', margins: [{ variables: ['sex'], population: [{ sex: 1, N: 900 }, { sex: 2, N: 1100 }] }] };

const designs: [string, DesignSpec, object | undefined][] = [
  ['two stages, strata, fpc, post-stratified', { ids: ['psu', 'ssu'], strata: ['st'], fpc: ['fpc1', 'fpc2'], weights: 'w' }, { weighting }],
  ['clusters, post-stratified', { ids: ['psu'], weights: 'w' }, { weighting }],
  ['clusters and strata, post-stratified', { ids: ['psu'], strata: ['st'], weights: 'w' }, { weighting }],
  ['rows as units, strata, fpc, post-stratified', { strata: ['st'], fpc: ['fpc0'], weights: 'w' }, { weighting }],
  ['clusters and strata, uncalibrated', { ids: ['psu'], strata: ['st'], weights: 'w' }, undefined],
  ['JK1 replicates built from the clusters (delete-one path)', { ids: ['psu'], weights: 'w', replicates: { type: 'JK1' } }, undefined],
];

describe('sufficient-statistics paths equal the row-by-row path', () => {
  for (const [name, spec, options] of designs) {
    it(name, () => {
      const d = data(600);
      const design = svyDesign(d, spec, options);
      expect(design.calibration.map((c) => c.kind)).toEqual(options === undefined ? [] : ['poststratify']);
      const dom = d.numbers('dom', 'dom');
      const ofRow = Int32Array.from(dom);
      const rows = [...rowsByDomain(ofRow, 4), Int32Array.from({ length: 600 }, (_, i) => i)];
      const cat = Int32Array.from(d.numbers('cat', 'cat'));
      const y = d.numbers('y', 'y');
      const y2 = Float64Array.from(y, (v) => (Number.isNaN(v) ? NaN : v > 5 ? 1 : 0));
      for (const stat of [meanStatistic(y), proportionsStatistic(cat, 5), multiMeanStatistic([y, y2])]) {
        const slow = estimateSmooth(design, stat, rows, true);
        const fast = estimateSmooth(design, stat, rows);
        same(fast, slow);
        // one pass over all rows for all domains (proportions without calibration only)
        const byRow = estimateSmoothByRow(design, stat, ofRow, 4);
        expect(byRow !== null).toBe(stat.oneHot !== undefined && options === undefined && spec.replicates === undefined);
        if (byRow !== null) same(byRow, slow.slice(0, 4));
      }
    });
  }
});

function same(fast: DomainEstimate[], slow: DomainEstimate[]): void {
  expect(fast.length).toBe(slow.length);
  fast.forEach((f, j) => {
    const s = slow[j];
    expect(f.n).toBe(s.n);
    expect(f.df).toBe(s.df);
    expect(f.designRows).toBe(s.designRows);
    for (let k = 0; k < f.estimate.length; k++) expect(f.estimate[k]).toBeCloseTo(s.estimate[k], 12);
    for (let q = 0; q < f.covariance.length; q++) {
      const rel = Math.abs(f.covariance[q] - s.covariance[q]) / Math.max(1e-300, Math.abs(s.covariance[q]));
      expect(rel).toBeLessThan(1e-10);
    }
    for (let k = 0; k < f.deff.length; k++) expect(Math.abs(f.deff[k] / s.deff[k] - 1)).toBeLessThan(1e-10);
    expect(f.weightedN / s.weightedN - 1).toBeCloseTo(0, 12);
    expect(f.kishDeff / s.kishDeff - 1).toBeCloseTo(0, 12);
  });
}
