/**
 * Issue 8 item 10: no result goes missing silently and none is marked estimable when it is not.
 * - A variable missing for every row gives a proportion row per domain marked not estimable,
 *   with the reason, instead of no row at all.
 * - Weights of 1e300 (squares overflow): proportions, means and ratios equal R survey 4.1
 *   (tools/r/extreme-weights-fixtures.R); a total whose variance overflows is not estimable,
 *   with the reason (R: SE Inf).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/data/dataset.js';
import { readDataset } from '../../src/data/io.js';
import { runEstimateRequest, type EstimateAnswer } from '../../src/estimate/request.js';
import { expectClose, rowKey } from './helpers.js';

interface Expected {
  id: string;
  level: number | null;
  by: Record<string, string>;
  estimate: number;
  se: number | null;
}

const dir = join(import.meta.dirname, '../fixtures/estimate');
let data: Dataset;
beforeAll(async () => {
  data = await readDataset(join(dir, 'extreme-weights.csv'));
});
const design = { ids: ['psu'], strata: ['h'], weights: 'w' };

describe('a variable missing for everyone', () => {
  it('gives a proportion row per domain, not estimable, with the reason', () => {
    const got = runEstimateRequest(data, {
      design,
      estimates: [
        { id: 'a', statistic: 'proportion', variable: 'allmissing' },
        { id: 'b', statistic: 'proportion', variable: 'allmissing', by: ['region'] },
        { id: 'c', statistic: 'mean', variable: 'allmissing', by: ['region'] },
        { id: 'q', statistic: 'quantile', variable: 'allmissing', probs: [0.5] },
      ],
    }).estimates;
    const of = (id: string): EstimateAnswer[] => got.filter((e) => e.id === id);
    expect(of('a')).toHaveLength(1);
    expect(of('b').map((e) => e.by)).toEqual([{ region: 'Noord' }, { region: 'Zuid' }]);
    expect(of('c')).toHaveLength(2);
    expect(of('q')).toHaveLength(1);
    for (const e of got) {
      expect(e.estimable).toBe(false);
      expect(e.estimate).toBeNull();
      expect(e.se).toBeNull();
      expect(e.n).toBe(0);
      expect(e.reason).toMatch(/allmissing.*no valid value/);
    }
  });

  it('an empty domain says so', () => {
    const got = runEstimateRequest(data, {
      design,
      estimates: [{ id: 'e', statistic: 'mean', variable: 'y', by: ['region'], subset: { variable: 'region', in: ['Noord'] } }],
    }).estimates;
    expect(got.map((e) => [e.by, e.estimable])).toEqual([
      [{ region: 'Noord' }, true],
      [{ region: 'Zuid' }, false],
    ]);
    expect(got[0].reason).toBeUndefined();
    expect(got[1].reason).toBe('the domain has no rows');
  });
});

describe('weights of 1e300', () => {
  const expected = JSON.parse(readFileSync(join(dir, 'extreme-weights.json'), 'utf8')) as Expected[];
  it('proportions (also by domain), mean and ratio equal R survey; a total with an overflowing variance is not estimable', () => {
    const got = runEstimateRequest(data, {
      design,
      estimates: [
        { id: 'p', statistic: 'proportion', variable: 'cat' },
        { id: 'pb', statistic: 'proportion', variable: 'cat', by: ['region'] },
        { id: 'm', statistic: 'mean', variable: 'y' },
        { id: 'r', statistic: 'ratio', numerator: 'y', denominator: 'x' },
        { id: 't', statistic: 'total', variable: 'y' },
      ],
    }).estimates;
    const byKey = new Map(got.map((e) => [rowKey(e.id, e.level, e.by), e]));
    expect(got).toHaveLength(expected.length);
    for (const want of expected) {
      const key = rowKey(want.id, want.level, want.by);
      const e = byKey.get(key);
      expect(e, key).toBeDefined();
      if (want.se === null) {
        expect(e!.estimable, key).toBe(false);
        expect(e!.se).toBeNull();
        expect(e!.reason).toMatch(/not a finite number/);
        continue;
      }
      expect(e!.estimable, key).toBe(true);
      expectClose(e!.estimate, want.estimate, `${key} estimate`);
      expectClose(e!.se, want.se, `${key} se`);
    }
  });
});
