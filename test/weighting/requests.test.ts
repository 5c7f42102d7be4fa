import { describe, expect, it } from 'vitest';
import { categoricalColumn, numericColumn, stringColumn } from '../../src/data/column.js';
import { Dataset } from '../../src/data/dataset.js';
import { InvalidInputError } from '../../src/errors.js';
import { applyWeighting, parseWeightingRequest, WeightingError } from '../../src/weighting/index.js';

// 6 rows: sex coded 1/2 with labels, age as strings.
const data = new Dataset([
  categoricalColumn('sex', Float64Array.from([1, 1, 2, 2, 2, 1]), { valueLabels: [[1, 'man'], [2, 'vrouw']] }),
  stringColumn('age', ['jong', 'oud', 'jong', 'oud', 'oud', 'jong']),
  numericColumn('dw', Float64Array.from([1, 2, 1, 2, 1, 1])),
]);

describe('parseWeightingRequest', () => {
  it('names the offending field', () => {
    const bad = {
      method: 'rake',
      margins: [
        { variables: ['sex'], population: [{ sex: 'man', N: 10 }] },
        { variables: ['age'], population: [{ age: 'jong', N: 5 }, { age: 'oud', N: 3 }, { age: 'x', N: 2 }, { age: 'y', N: 'veel' }] },
      ],
    };
    expect(() => parseWeightingRequest(bad)).toThrow(InvalidInputError);
    expect(() => parseWeightingRequest(bad)).toThrow(/margins\[1\]\.population\[3\]\.N/);
    expect(() => parseWeightingRequest(bad, 'w.json')).toThrow(/^w\.json/);
  });
  it('requires finite bounds for logit', () => {
    expect(() => parseWeightingRequest({ method: 'logit', margins: [{ variables: ['sex'], population: [{ sex: 1, N: 1 }] }] })).toThrow(/bounds/);
  });
  it('rejects a population entry without the margin variable', () => {
    expect(() => parseWeightingRequest({ method: 'poststratify', margins: [{ variables: ['sex', 'age'], population: [{ sex: 1, N: 1 }] }] })).toThrow(
      /margins\[0\]\.population\[0\]\.age/,
    );
  });
});

describe('applyWeighting', () => {
  const sexMargin = { variables: ['sex'], population: [{ sex: 'man', N: 60 }, { sex: 'vrouw', N: 40 }] };
  it('post-stratifies by value label, by hand: man rows 1,2,6 (dw 1,2,1) → 60/4 each unit of dw', () => {
    const res = applyWeighting(data, parseWeightingRequest({ method: 'poststratify', baseWeight: 'dw', margins: [sexMargin] }));
    // man: Σdw = 4 → factor 15; vrouw: Σdw = 4 → factor 10
    expect(Array.from(res.weights)).toEqual([15, 30, 10, 20, 10, 15]);
    expect(res.steps[0].kind).toBe('poststratify');
    expect(res.diagnostics.converged).toBe(true);
    expect(res.diagnostics.summary.min).toBe(10);
    expect(res.diagnostics.summary.max).toBe(30);
    // Kish: n Σw²/(Σw)² with Σw² = 225+900+100+400+100+225 = 1950, Σw = 100
    expect(res.diagnostics.kishDeff).toBeCloseTo((6 * 1950) / 10000, 12);
    expect(res.diagnostics.effectiveN).toBeCloseTo(10000 / 1950, 12);
    expect(res.diagnostics.margins[0].cells[0].before).toBe(4);
    expect(res.diagnostics.margins[0].cells[0].after).toBe(60);
  });
  it('matches by code too', () => {
    const res = applyWeighting(data, parseWeightingRequest({ method: 'poststratify', margins: [{ variables: ['sex'], population: [{ sex: 1, N: 3 }, { sex: 2, N: 3 }] }] }));
    expect(Array.from(res.weights)).toEqual([1, 1, 1, 1, 1, 1]);
  });
  it('rakes with one raking step holding one entry per margin', () => {
    const res = applyWeighting(
      data,
      parseWeightingRequest({ method: 'rake', margins: [sexMargin, { variables: ['age'], population: [{ age: 'jong', N: 50 }, { age: 'oud', N: 50 }] }] }),
    );
    expect(res.steps).toHaveLength(1);
    const step = res.steps[0];
    expect(step.kind === 'raking' && step.margins.length).toBe(2);
    expect(res.diagnostics.converged).toBe(true);
    for (const m of res.diagnostics.margins) for (const c of m.cells) expect(Math.abs(c.after - c.target) / c.target).toBeLessThan(1e-10);
  });
  it('names a margin category the data does not have', () => {
    const req = parseWeightingRequest({ method: 'poststratify', margins: [{ variables: ['age'], population: [{ age: 'jong', N: 1 }, { age: 'middel', N: 1 }] }] });
    expect(() => applyWeighting(data, req)).toThrow(WeightingError);
    expect(() => applyWeighting(data, req)).toThrow(/margins\[0\].*"middel"/);
  });
  it('names a data category the margin lacks', () => {
    const req = parseWeightingRequest({ method: 'poststratify', margins: [{ variables: ['age'], population: [{ age: 'jong', N: 1 }] }] });
    expect(() => applyWeighting(data, req)).toThrow(/age=oud/);
  });
  it('refuses margins whose totals disagree', () => {
    const req = parseWeightingRequest({ method: 'rake', margins: [sexMargin, { variables: ['age'], population: [{ age: 'jong', N: 50 }, { age: 'oud', N: 51 }] }] });
    expect(() => applyWeighting(data, req)).toThrow(/margins\[0\] adds up to 100 but margins\[1\] to 101/);
  });
  it('refuses zero or negative base weights, naming the row', () => {
    const d2 = data.withColumn(numericColumn('dw', Float64Array.from([1, 2, 0, 2, 1, 1])));
    expect(() => applyWeighting(d2, parseWeightingRequest({ method: 'poststratify', baseWeight: 'dw', margins: [sexMargin] }))).toThrow(/row 3/);
  });
  it('reports an empty cell', () => {
    const req = parseWeightingRequest({
      method: 'poststratify',
      margins: [{ variables: ['sex', 'age'], population: [{ sex: 'man', age: 'jong', N: 1 }, { sex: 'man', age: 'oud', N: 1 }, { sex: 'vrouw', age: 'jong', N: 1 }, { sex: 'vrouw', age: 'oud', N: 1 }] }],
    });
    expect(() => applyWeighting(data.filter((i) => i !== 2), req)).toThrow(/sex=vrouw, age=jong.*empty cell/);
  });
  it('reports non-convergence instead of hiding it', () => {
    const req = parseWeightingRequest({ method: 'rake', maxIterations: 1, epsilon: 1e-14, margins: [sexMargin, { variables: ['age'], population: [{ age: 'jong', N: 30 }, { age: 'oud', N: 70 }] }] });
    const res = applyWeighting(data, req);
    expect(res.diagnostics.converged).toBe(false);
    expect(res.diagnostics.warnings[0]).toMatch(/did not converge in 1 iterations/);
  });
  it('adjusts for nonresponse within classes (by hand)', () => {
    const d2 = data.withColumn(numericColumn('resp', Float64Array.from([1, 0, 1, 1, 0, 1])));
    const res = applyWeighting(d2, parseWeightingRequest({ method: 'nonresponse', baseWeight: 'dw', nonresponse: { respondent: 'resp', classes: ['sex'] } }));
    // man: Σdw all = 4, respondents rows 1,6 Σ = 2 → ×2; vrouw: all 4, respondents rows 3,4 Σ = 3 → ×4/3
    expect(Array.from(res.weights)).toEqual([2, 0, 4 / 3, 8 / 3, 0, 2]);
  });
});
