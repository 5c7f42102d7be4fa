/**
 * Every fast variance path against R survey at sizes that take it: the cases of
 * test/fixtures/estimate/fast-paths.R (svymean, svytotal, svyratio, svyby, svychisq Rao–Scott
 * F and χ², post-stratified, JK1 and BRR designs on 4,000 generated rows) at 1e-9 relative
 * error, and the counters of src/estimate/variance-paths.ts prove which path computed them —
 * including the fallback to unit totals when the centred post-stratified form cancels (without
 * the fallback the SE of the mean of yps is 7.7e-7 off R's: the check is needed, not cosmetic).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/data/dataset.js';
import { readDataset } from '../../src/data/io.js';
import { runEstimateRequest } from '../../src/estimate/request.js';
import { type VariancePathCounts, variancePathCounts } from '../../src/estimate/variance-paths.js';
import { type Case, expectLikeR } from './helpers.js';

const dir = join(import.meta.dirname, '../fixtures/estimate');
const cases = JSON.parse(readFileSync(join(dir, 'fast-paths.json'), 'utf8')) as Case[];

/** The paths each case must take (each at least once), and those it must not. */
const paths: Record<string, { taken: (keyof VariancePathCounts)[]; not: (keyof VariancePathCounts)[] }> = {
  'no calibration: proportions by 50 domains in one pass, per-unit sums': {
    taken: ['rowPass', 'unitSums'],
    not: ['influenceRows', 'deleteOne', 'postStratifiedCentred', 'postStratifiedCancelled', 'postStratifiedUnits'],
  },
  'post-stratified, one stage: centred form, cancellation fallback for yps': {
    taken: ['postStratifiedCentred', 'postStratifiedCancelled'],
    not: ['influenceRows', 'postStratifiedUnits', 'rowPass'],
  },
  'post-stratified, two stages: unit totals': {
    taken: ['postStratifiedUnits'],
    not: ['influenceRows', 'postStratifiedCentred', 'postStratifiedCancelled'],
  },
  'post-stratified by 50 regions: unit totals': {
    taken: ['postStratifiedUnits'],
    not: ['influenceRows', 'postStratifiedCentred', 'postStratifiedCancelled'],
  },
  'JK1 from 200 clusters: delete-one totals': { taken: ['deleteOne'], not: ['influenceRows', 'unitSums', 'rowPass'] },
  'BRR from 100 strata of two clusters: general replicate path': { taken: ['influenceRows'], not: ['deleteOne', 'unitSums', 'rowPass'] },
};

let data: Dataset;
beforeAll(async () => {
  data = await readDataset(join(dir, 'fast-paths.csv'));
});

describe('fast variance paths equal R survey at sizes that take them', () => {
  it('covers every case of the fixture', () => {
    expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(paths).sort());
  });
  for (const c of cases) {
    it(c.name, () => {
      const before = { ...variancePathCounts };
      const got = runEstimateRequest(data, c.request);
      const ran = (k: keyof VariancePathCounts): number => variancePathCounts[k] - before[k];
      const want = paths[c.name];
      for (const k of want.taken) expect(ran(k), `path ${k}`).toBeGreaterThan(0);
      for (const k of want.not) expect(ran(k), `path ${k}`).toBe(0);
      expectLikeR(c, got);
    });
  }

  it('the cancellation fallback is taken for yps alone, and only where the post-strata determine it', () => {
    const c = cases.find((x) => x.name.startsWith('post-stratified, one stage'))!;
    const request = c.request as { design: unknown; estimates: { id: string }[] };
    const only = (ids: string[]): number => {
      const before = variancePathCounts.postStratifiedCancelled;
      runEstimateRequest(data, { design: request.design, estimates: request.estimates.filter((e) => ids.includes(e.id)) });
      return variancePathCounts.postStratifiedCancelled - before;
    };
    expect(only(['mps'])).toBe(1);
    expect(only(['tps'])).toBe(1);
    expect(only(['mpsg', 'm', 'm0', 't', 'p', 'r', 'mr'])).toBe(0); // within groups yps varies freely
  });
});
