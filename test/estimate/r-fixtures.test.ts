/**
 * Compares `runEstimateRequest` with R survey 4.1 on the cases written by
 * tools/r/estimate-fixtures.R (api data and generated data): estimates, SEs, CIs, deffs, df,
 * n and weighted N at 1e-9 relative error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../src/data/io.js';
import type { Dataset } from '../../src/data/dataset.js';
import { runEstimateRequest } from '../../src/estimate/request.js';
import { type Case, expectLikeR } from './helpers.js';

const dir = join(import.meta.dirname, '../fixtures/estimate');
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Case[];
const cache = new Map<string, Promise<Dataset>>();
const load = (f: string): Promise<Dataset> => {
  if (!cache.has(f)) cache.set(f, readDataset(join(dir, f)));
  return cache.get(f)!;
};

describe('estimates equal R survey', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const data = await load(c.data);
      if (c.error !== undefined) {
        expect(() => runEstimateRequest(data, c.request)).toThrow(c.error);
        return;
      }
      const got = runEstimateRequest(data, c.request);
      expectLikeR(c, got);
    });
  }
});
