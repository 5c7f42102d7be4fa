/** Properties of raking and post-stratification on random data (fast-check, fixed seed). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numericColumn } from '../../src/data/column.js';
import { Dataset } from '../../src/data/dataset.js';
import { applyWeighting, parseWeightingRequest } from '../../src/weighting/index.js';

const rowArb = fc.record({ a: fc.integer({ min: 1, max: 3 }), b: fc.integer({ min: 1, max: 4 }), w: fc.double({ min: 0.5, max: 5, noNaN: true }) });

describe('raking properties', () => {
  it('meets every margin, keeps the weight total, and records the last sweep', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 30, maxLength: 120 }), fc.double({ min: 1.5, max: 4, noNaN: true }), (rows, tilt) => {
        // Every cell of a × b must occur, so the targets (margins of a positive table) are reachable.
        for (let a = 1; a <= 3; a++) for (let b = 1; b <= 4; b++) rows.push({ a, b, w: 1 });
        const data = new Dataset([
          numericColumn('a', Float64Array.from(rows, (r) => r.a)),
          numericColumn('b', Float64Array.from(rows, (r) => r.b)),
          numericColumn('w', Float64Array.from(rows, (r) => r.w)),
        ]);
        // Population table N_ab = 100 · tilt^a · b: its margins are consistent by construction.
        const cell = (a: number, b: number): number => 100 * tilt ** a * b;
        const pa = [1, 2, 3].map((a) => ({ a, N: [1, 2, 3, 4].reduce((s, b) => s + cell(a, b), 0) }));
        const pb = [1, 2, 3, 4].map((b) => ({ b, N: [1, 2, 3].reduce((s, a) => s + cell(a, b), 0) }));
        const req = parseWeightingRequest({
          method: 'rake',
          baseWeight: 'w',
          epsilon: 1e-12,
          maxIterations: 2000,
          margins: [{ variables: ['a'], population: pa }, { variables: ['b'], population: pb }],
        });
        const res = applyWeighting(data, req);
        expect(res.diagnostics.converged).toBe(true);
        for (const m of res.diagnostics.margins) for (const c of m.cells) expect(Math.abs(c.after - c.target) / c.target).toBeLessThan(1e-12);
        const step = res.steps[0];
        if (step.kind !== 'raking') throw new Error('expected a raking step');
        step.margins[1].weights.forEach((v, i) => expect(Math.abs(v - res.weights[i]) / res.weights[i]).toBeLessThan(1e-13));
        const total = pa.reduce((s, x) => s + x.N, 0);
        expect(Math.abs(res.weights.reduce((s, v) => s + v, 0) - total) / total).toBeLessThan(1e-12);
      }),
      { seed: 20261128, numRuns: 60 },
    );
  });
});
