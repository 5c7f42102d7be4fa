/**
 * Weights equal R survey 4.1.1 (postStratify, rake, calibrate linear/logit with bounds,
 * trimWeights, and the same on a JK1 replicate design) to 1e-9 relative. Expected values come from
 * tools/r/weighting-fixtures.R (committed output in test/fixtures/weighting/).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureDataset } from './fixtures.js';
import { applyWeighting, applyWeightingToReplicates, parseWeightingRequest } from '../../src/weighting/index.js';

const dir = new URL('../fixtures/weighting/', import.meta.url);
interface Case {
  name: string;
  dataset: string;
  request: unknown;
  weights: number[];
  replicatesBefore?: number[][];
  replicates?: number[][];
}
const cases = (JSON.parse(readFileSync(new URL('cases.json', dir), 'utf8')) as { cases: Case[] }).cases;

function expectClose(actual: Float64Array, expected: readonly number[], tol = 1e-9): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1e-300));
  }
  expect(worst).toBeLessThan(tol);
}

describe('weights equal R survey', () => {
  for (const c of cases.filter((x) => x.replicates === undefined)) {
    it(c.name, () => {
      const data = fixtureDataset(c.dataset);
      const res = applyWeighting(data, parseWeightingRequest(c.request));
      expectClose(res.weights, c.weights);
    });
  }
  for (const c of cases.filter((x) => x.replicates !== undefined)) {
    it(`${c.name} (every replicate recalibrated)`, () => {
      const data = fixtureDataset(c.dataset);
      const before = (c.replicatesBefore ?? []).map((r) => Float64Array.from(r));
      const res = applyWeightingToReplicates(data, parseWeightingRequest(c.request), before);
      expectClose(res.weights, c.weights);
      expect(res.replicates.length).toBe(c.replicates!.length);
      res.replicates.forEach((r, k) => expectClose(r, c.replicates![k]));
    });
  }
});
