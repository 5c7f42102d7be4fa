/**
 * The CalibrationStep records follow the contract in src/weighting/calibration.ts: applying them to
 * influence functions as R's svyrecvar does gives R's standard errors after weighting. Checked
 * for the fixtures whose design is one stage without strata or fpc (variance
 * n/(n−1) Σ (x_i − x̄)²), so no estimation code from elsewhere is needed; the expected SEs are
 * R svytotal/svymean output in test/fixtures/weighting/cases.json.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CalibrationStep } from '../../src/weighting/calibration.js';
import { choleskySolve } from '../../src/weighting/linalg.js';
import { applyWeighting, parseWeightingRequest } from '../../src/weighting/index.js';
import { fixtureDataset } from './fixtures.js';

interface Estimate {
  statistic: 'mean' | 'total';
  variable: string;
  estimate: number;
  se: number;
}
const cases = (
  JSON.parse(readFileSync(new URL('../fixtures/weighting/cases.json', import.meta.url), 'utf8')) as {
    cases: { name: string; dataset: string; request: unknown; estimates: Estimate[]; design: { ids: string; strata?: string; fpc?: string } }[];
  }
).cases.filter((c) => c.dataset === 'gen' && c.design.strata === undefined && c.design.fpc === undefined);

function applySteps(x0: Float64Array, steps: readonly CalibrationStep[]): Float64Array {
  let x = Float64Array.from(x0);
  const n = x.length;
  for (const s of steps) {
    if (s.kind === 'poststratify') {
      const ncell = Math.max(...s.cell) + 1;
      const num = new Float64Array(ncell);
      const den = new Float64Array(ncell);
      for (let i = 0; i < n; i++) {
        num[s.cell[i]] += (x[i] * s.oldWeights[i]) / s.weights[i];
        den[s.cell[i]] += s.oldWeights[i];
      }
      x = x.map((v, i) => v - s.weights[i] * (num[s.cell[i]] / den[s.cell[i]]));
    } else if (s.kind === 'raking') {
      for (let it = 0; it < 10; it++) {
        for (const m of s.margins) {
          const ncell = Math.max(...m.cell) + 1;
          const sum = new Float64Array(ncell);
          const cnt = new Float64Array(ncell);
          for (let i = 0; i < n; i++) {
            sum[m.cell[i]] += x[i] / m.weights[i];
            cnt[m.cell[i]]++;
          }
          x = x.map((v, i) => v - m.weights[i] * (sum[m.cell[i]] / cnt[m.cell[i]]));
        }
      }
    } else {
      // x ← qr.resid(X√w0, x / (g√w0)) · g√w0, the residual by least squares.
      const p = s.modelMatrix.length;
      const a = s.modelMatrix.map((col) => Float64Array.from(col, (v, i) => v * Math.sqrt(s.baseWeights[i])));
      const gw = Float64Array.from(s.g, (g, i) => g * Math.sqrt(s.baseWeights[i]));
      const y = Float64Array.from(x, (v, i) => v / gw[i]);
      const ata = a.map((ai) => Float64Array.from(a, (aj) => ai.reduce((acc, v, i) => acc + v * aj[i], 0)));
      const aty = Float64Array.from(a, (ai) => ai.reduce((acc, v, i) => acc + v * y[i], 0));
      const beta = choleskySolve(ata, aty) as Float64Array;
      x = Float64Array.from(y, (v, i) => {
        let fit = 0;
        for (let k = 0; k < p; k++) fit += a[k][i] * beta[k];
        return (v - fit) * gw[i];
      });
    }
  }
  return x;
}

function oneStageSE(x: Float64Array): number {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  return Math.sqrt((n / (n - 1)) * x.reduce((a, v) => a + (v - mean) ** 2, 0));
}

describe('calibration steps give R standard errors', () => {
  for (const c of cases) {
    it(c.name, () => {
      const data = fixtureDataset(c.dataset);
      const res = applyWeighting(data, parseWeightingRequest(c.request));
      const w = res.weights;
      const W = w.reduce((a, b) => a + b, 0);
      for (const e of c.estimates) {
        const y = data.numbers(e.variable);
        const total = y.reduce((a, v, i) => a + v * w[i], 0);
        const x =
          e.statistic === 'total'
            ? Float64Array.from(y, (v, i) => v * w[i])
            : Float64Array.from(y, (v, i) => ((v - total / W) * w[i]) / W);
        const est = e.statistic === 'total' ? total : total / W;
        expect(Math.abs(est - e.estimate) / Math.abs(e.estimate)).toBeLessThan(1e-9);
        const se = oneStageSE(applySteps(x, res.steps));
        expect(Math.abs(se - e.se) / e.se).toBeLessThan(1e-9);
      }
    });
  }
});
