/**
 * Issue 13 item 8: population margins given as shares must not silently give weights summing
 * to 1. Refused without `shares`; scaled to the sample or a population on request, with a note.
 * Expected weights by hand: 4 rows, sex 1,1,2,2, post-stratified.
 */
import { describe, expect, it } from 'vitest';
import { categoricalColumn } from '../../src/data/column.js';
import { Dataset } from '../../src/data/dataset.js';
import { applyWeighting, parseWeightingRequest, WeightingError } from '../../src/weighting/index.js';

const data = new Dataset([categoricalColumn('sex', Float64Array.from([1, 1, 2, 2]))]);
const margin = (a: number, b: number) => ({ variables: ['sex'], population: [{ sex: 1, N: a }, { sex: 2, N: b }] });

describe('margins given as shares', () => {
  it('are refused without "shares", naming the margin', () => {
    const req = parseWeightingRequest({ method: 'poststratify', margins: [margin(0.6, 0.4)] });
    expect(() => applyWeighting(data, req)).toThrow(WeightingError);
    expect(() => applyWeighting(data, req)).toThrow(/margins\[0\]\.population.*add up to 1, as shares do.*"shares: sample"/);
  });
  it('scale to the sample on request: 0.6 × 4 = 2.4 over 2 men → 1.2; 0.4 × 4 = 1.6 over 2 women → 0.8', () => {
    const res = applyWeighting(data, parseWeightingRequest({ method: 'poststratify', margins: [margin(0.6, 0.4)], shares: 'sample' }));
    expect(Array.from(res.weights).map((w) => Math.round(w * 1e12) / 1e12)).toEqual([1.2, 1.2, 0.8, 0.8]);
    expect(res.diagnostics.warnings).toContain('population N given as shares, scaled to the sample (sum of the base weights, 4)');
  });
  it('scale to a population on request: percentages 60/40 of 1000 → 300 per man, 200 per woman', () => {
    const res = applyWeighting(data, parseWeightingRequest({ method: 'poststratify', margins: [margin(60, 40)], shares: { population: 1000 } }));
    expect(Array.from(res.weights)).toEqual([300, 300, 200, 200]);
  });
  it('leaves counts alone', () => {
    const res = applyWeighting(data, parseWeightingRequest({ method: 'poststratify', margins: [margin(60, 40)] }));
    expect(Array.from(res.weights)).toEqual([30, 30, 20, 20]);
    expect(res.diagnostics.warnings).toEqual([]);
  });
});
