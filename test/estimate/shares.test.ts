/**
 * The report engine's entry points (src/estimate/shares.ts) give what the library API gives for
 * the same question, which the R fixtures of test/estimate check against R survey:
 * categorySharesByDomain = svyProportions(by, subset), indicatorSharesByDomain =
 * svyMultipleResponse(by, subset), meanOverRows = svyMean(subset), on designs that take every
 * variance path (raking, one post-stratification, uncalibrated clusters, JK1 replicates).
 */
import { describe, expect, it } from 'vitest';
import { numericColumn } from '../../src/data/column.js';
import { Dataset } from '../../src/data/dataset.js';
import { svyDesign } from '../../src/design/index.js';
import type { DesignSpec } from '../../src/design/spec.js';
import { type Estimate, categorySharesByDomain, indicatorSharesByDomain, meanOverRows, svyMean, svyMultipleResponse, svyProportions } from '../../src/estimate/index.js';
import { expectClose } from './helpers.js';

const N = 500;

function data(): Dataset {
  let seed = 11;
  const rnd = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const col = (f: (i: number) => number): Float64Array => Float64Array.from({ length: N }, (_, i) => f(i));
  const psu = col((i) => Math.floor(i / 10));
  const cat = col(() => (rnd() < 0.1 ? NaN : 1 + Math.floor(rnd() * 4)));
  return new Dataset([
    numericColumn('psu', psu),
    numericColumn('st', col((i) => Math.floor(psu[i] / 10))),
    numericColumn('w', col(() => 1 + rnd() * 3)),
    numericColumn('sex', col(() => 1 + Math.floor(rnd() * 2))),
    numericColumn('age', col(() => 1 + Math.floor(rnd() * 3))),
    // domain 1…3, missing for some rows; the subset leaves out another part
    numericColumn('dom', col(() => (rnd() < 0.05 ? NaN : 1 + Math.floor(rnd() * 3)))),
    numericColumn('keep', col(() => (rnd() < 0.8 ? 1 : 0))),
    numericColumn('cat', cat),
    ...[1, 2, 3, 4].map((k) => numericColumn(`i${k}`, col((i) => (Number.isNaN(cat[i]) ? NaN : cat[i] === k ? 1 : 0)))),
    numericColumn('y', col(() => (rnd() < 0.1 ? NaN : rnd() * 100))),
  ]);
}

const raking = {
  method: 'rake',
  margins: [
    { variables: ['sex'], population: [{ sex: 1, N: 4800 }, { sex: 2, N: 5200 }] },
    { variables: ['age'], population: [{ age: 1, N: 3000 }, { age: 2, N: 4000 }, { age: 3, N: 3000 }] },
  ],
};
const poststratify = { method: 'poststratify', margins: [{ variables: ['sex'], population: [{ sex: 1, N: 4800 }, { sex: 2, N: 5200 }] }] };

const designs: [string, DesignSpec, object | undefined, string[]][] = [
  ['raked, strata and clusters', { ids: ['psu'], strata: ['st'], weights: 'w' }, { weighting: raking }, ['raking']],
  ['post-stratified clusters', { ids: ['psu'], weights: 'w' }, { weighting: poststratify }, ['poststratify']],
  ['uncalibrated, strata and clusters', { ids: ['psu'], strata: ['st'], weights: 'w' }, undefined, []],
  ['JK1 replicates from the clusters', { ids: ['psu'], weights: 'w', replicates: { type: 'JK1' } }, undefined, []],
];

function same(got: Estimate, want: Estimate, what: string): void {
  expect(got.n, `${what} n`).toBe(want.n);
  expect(got.df, `${what} df`).toBe(want.df);
  expectClose(got.weightedN, want.weightedN, `${what} weighted N`, 1e-12);
  expectClose(got.estimate, want.estimate!, `${what} estimate`, 1e-12);
  expectClose(got.se, want.se!, `${what} se`, 1e-12);
  expectClose(got.ci![0], want.ci![0], `${what} ci lower`, 1e-12);
  expectClose(got.ci![1], want.ci![1], `${what} ci upper`, 1e-12);
}

describe('report-engine entry points equal the library estimators', () => {
  for (const [name, spec, options, steps] of designs) {
    it(name, () => {
      const d = data();
      const design = svyDesign(d, spec, options);
      expect(design.calibration.map((c) => c.kind)).toEqual(steps);
      const dom = d.numbers('dom', 'dom');
      const keep = d.numbers('keep', 'keep');
      const cat = d.numbers('cat', 'cat');
      const ofRow = Int32Array.from(dom, (v, i) => (Number.isNaN(v) || keep[i] !== 1 ? -1 : v - 1));
      const category = Int32Array.from(cat, (v) => (Number.isNaN(v) ? -1 : v - 1));
      const subset = { variable: 'keep', in: [1] };

      const shares = categorySharesByDomain(design, category, 4, ofRow, 3);
      const want = svyProportions(design, 'cat', { by: ['dom'], subset });
      expect(want).toHaveLength(12);
      want.forEach((e, j) => same(shares[Math.floor(j / 4)][j % 4], e, `share ${j}`));

      const indicators = [1, 2, 3, 4].map((k) => d.numbers(`i${k}`, `i${k}`));
      const mr = indicatorSharesByDomain(design, indicators, ofRow, 3);
      svyMultipleResponse(design, ['i1', 'i2', 'i3', 'i4'], { by: ['dom'], subset }).forEach((e, j) => same(mr[Math.floor(j / 4)][j % 4], e, `indicator ${j}`));

      const rows = Int32Array.from([...keep].flatMap((v, i) => (v === 1 ? [i] : [])));
      same(meanOverRows(design, d.numbers('y', 'y'), rows), svyMean(design, 'y', { subset })[0], 'mean');
    });
  }
});
