/**
 * One svrVar (src/design/replicate-variance.ts) for every estimator: a replicate whose estimate
 * is missing is dropped, as R's svrVar does (na.action). The logit interval's replicate refits
 * used their own copy, which kept a failed refit and lost the interval. A design with an extra
 * replicate that leaves the domain without weight must give what the design without that
 * replicate gives (same scale and rscales): that is the drop rule.
 */
import { describe, expect, it } from 'vitest';
import { numericColumn } from '../../src/data/column.js';
import { Dataset } from '../../src/data/dataset.js';
import { svyDesign } from '../../src/design/index.js';
import { svyAny, svyMean } from '../../src/estimate/estimators.js';

const n = 30;
const col = (f: (i: number) => number): Float64Array => Float64Array.from({ length: n }, (_, i) => f(i));
const w = col((i) => 1 + (i % 4));
const y = col((i) => ((i * 7) % 5 < 2 ? 1 : 0));
const dom = col((i) => (i < 10 ? 1 : 2));
const reps = Array.from({ length: 6 }, (_, r) => col((i) => (i % 6 === r ? 0 : w[i] * 1.2)));
// an extra replicate with no weight on domain 1
const emptying = col((i) => (dom[i] === 1 ? 0 : w[i]));

function design(extra: boolean) {
  const cols = reps.map((v, r) => numericColumn(`r${r}`, v));
  if (extra) cols.push(numericColumn('rx', emptying));
  const data = new Dataset([numericColumn('w', w), numericColumn('y', y), numericColumn('dom', dom), ...cols]);
  return svyDesign(data, { weights: 'w', replicates: { type: 'bootstrap', columns: cols.map((c) => c.name), scale: 0.2, rscales: cols.map(() => 1) } });
}

describe('replicates with a missing estimate are dropped (R svrVar)', () => {
  it('mean by domain', () => {
    const a = svyMean(design(true), 'y', { by: ['dom'] });
    const b = svyMean(design(false), 'y', { by: ['dom'] });
    expect(a[0].se).not.toBeNull();
    expect(a[0].se).toBeCloseTo(b[0].se as number, 14);
  });
  it('logit interval (replicate refits)', () => {
    const opts = { by: ['dom'], ci: { method: 'logit' as const } };
    const a = svyAny(design(true), ['y'], opts);
    const b = svyAny(design(false), ['y'], opts);
    expect(b[0].ci).not.toBeNull();
    expect(a[0].ci).not.toBeNull();
    expect(a[0].ci![0]).toBeCloseTo(b[0].ci![0], 14);
    expect(a[0].ci![1]).toBeCloseTo(b[0].ci![1], 14);
  });
});
