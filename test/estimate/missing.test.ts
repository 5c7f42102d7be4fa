/**
 * User-missing values are left out exactly like system-missing ones (R na.rm = TRUE), and value
 * labels give the category order and names; subsets match codes or labels.
 */
import { describe, expect, it } from 'vitest';
import { categoricalColumn, numericColumn } from '../../src/data/column.js';
import { Dataset } from '../../src/data/dataset.js';
import { svyDesign } from '../../src/design/index.js';
import { svyMean, svyProportions } from '../../src/estimate/estimators.js';

const n = 40;
const psu = Float64Array.from({ length: n }, (_, i) => Math.floor(i / 4));
const w = Float64Array.from({ length: n }, (_, i) => 1 + (i % 5));
const codes = Float64Array.from({ length: n }, (_, i) => [1, 2, 3, 9][(i * 7) % 4]);
const y = Float64Array.from({ length: n }, (_, i) => (i % 6 === 0 ? 99 : (i * 3) % 11));
const labels: [number, string][] = [
  [3, 'Oneens'],
  [1, 'Eens'],
  [2, 'Neutraal'],
  [9, 'Weet niet'],
];

function dataset(userMissing: boolean): Dataset {
  const c = userMissing ? codes : codes.map((v) => (v === 9 ? NaN : v));
  const yy = userMissing ? y : y.map((v) => (v === 99 ? NaN : v));
  return new Dataset([
    numericColumn('psu', psu),
    numericColumn('w', w),
    categoricalColumn('q', Float64Array.from(c), { valueLabels: userMissing ? labels : labels.slice(0, 3), missing: { values: userMissing ? [9] : [], range: null } }),
    numericColumn('y', Float64Array.from(yy), { missing: { values: userMissing ? [99] : [], range: null } }),
  ]);
}

describe('missing values and labels', () => {
  const spec = { ids: ['psu'], weights: 'w' };
  it('user-missing codes give the same estimates as system-missing', () => {
    const a = svyDesign(dataset(true), spec);
    const b = svyDesign(dataset(false), spec);
    expect(svyProportions(a, 'q')).toEqual(svyProportions(b, 'q'));
    expect(svyMean(a, 'y', { by: ['q'] })).toEqual(svyMean(b, 'y', { by: ['q'] }));
  });
  it('categories follow the value-label order and are named by their labels; the missing code is not a category', () => {
    const p = svyProportions(svyDesign(dataset(true), spec), 'q');
    expect(p.map((e) => e.level)).toEqual(['Oneens', 'Eens', 'Neutraal']);
    // hand calculation of the first share: weighted count of code 3 over codes 1–3
    let num = 0;
    let den = 0;
    for (let i = 0; i < n; i++) {
      if (codes[i] === 9) continue;
      den += w[i];
      if (codes[i] === 3) num += w[i];
    }
    expect(p[0].estimate).toBeCloseTo(num / den, 14);
    expect(p[0].n).toBe(codes.filter((c) => c !== 9).length);
  });
  it('subset by label or by code selects the same rows', () => {
    const d = svyDesign(dataset(true), spec);
    expect(svyMean(d, 'y', { subset: { variable: 'q', in: ['Eens'] } })).toEqual(svyMean(d, 'y', { subset: { variable: 'q', in: [1] } }));
  });
});
