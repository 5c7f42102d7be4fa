/** Bad input gives typed errors naming the field (issue 3, "Bad input"); the command prints one JSON document. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { numericColumn, stringColumn } from '../../src/data/column.js';
import { Dataset } from '../../src/data/dataset.js';
import { SpiegelError } from '../../src/errors.js';
import { runEstimateRequest } from '../../src/estimate/request.js';

const data = new Dataset([
  numericColumn('y', Float64Array.from([1, 2, 3, 4, 5, 6])),
  numericColumn('w', Float64Array.from([1, 2, 1, 2, 1, 2])),
  numericColumn('bad', Float64Array.from([1, 2, -1, 2, 1, 2])),
  numericColumn('psu', Float64Array.from([1, 1, 2, 2, 3, 3])),
  numericColumn('fpc', Float64Array.from([2, 2, 2, 2, 2, 2])),
  stringColumn('s', ['a', 'b', 'a', 'b', 'a', 'b']),
]);

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SpiegelError);
    return (err as SpiegelError).location.field;
  }
  throw new Error('no error');
}

describe('bad input', () => {
  it('unknown variable names the field', () => {
    expect(fieldOf(() => runEstimateRequest(data, { estimates: [{ statistic: 'mean', variable: 'nope' }] }))).toBe('estimates[0].variable');
    expect(fieldOf(() => runEstimateRequest(data, { design: { weights: 'ww' }, estimates: [] }))).toBe('design.weights');
  });
  it('a string variable for a mean', () => {
    expect(fieldOf(() => runEstimateRequest(data, { estimates: [{ statistic: 'mean', variable: 's' }] }))).toBe('estimates[0].variable');
  });
  it('negative or zero weights', () => {
    expect(fieldOf(() => runEstimateRequest(data, { design: { weights: 'bad' }, estimates: [] }))).toBe('design.weights');
  });
  it('fpc smaller than the sample', () => {
    expect(() => runEstimateRequest(data, { design: { ids: ['psu'], fpc: ['fpc'] }, estimates: [] })).toThrow(/more than 100% sampling/);
  });
  it('unknown statistic, CI method and design field', () => {
    expect(fieldOf(() => runEstimateRequest(data, { estimates: [{ statistic: 'median', variable: 'y' }] }))).toBe('estimates[0].statistic');
    expect(fieldOf(() => runEstimateRequest(data, { estimates: [{ statistic: 'mean', variable: 'y', ci: { method: 'logit' } }] }))).toBe('estimates[0].ci.method');
    expect(fieldOf(() => runEstimateRequest(data, { design: { cluster: ['psu'] }, estimates: [] }))).toBe('design.cluster');
    expect(fieldOf(() => runEstimateRequest(data, { design: { lonelyPsu: 'drop' }, estimates: [] }))).toBe('design.lonelyPsu');
  });
  it('a subset value that does not occur', () => {
    expect(fieldOf(() => runEstimateRequest(data, { estimates: [{ statistic: 'mean', variable: 'y', subset: { variable: 's', in: ['c'] } }] }))).toBe(
      'estimates[0].subset.in[0]',
    );
  });
  it('an empty domain is not estimable, never NaN', () => {
    const res = runEstimateRequest(data, { estimates: [{ statistic: 'mean', variable: 'y', by: ['s'], subset: { variable: 's', in: ['a'] } }] });
    const b = res.estimates.find((e) => e.by.s === 'b')!;
    expect(b.estimable).toBe(false);
    expect(b.estimate).toBeNull();
    expect(b.se).toBeNull();
    expect(b.ci).toBeNull();
    expect(b.n).toBe(0);
    expect(JSON.stringify(res)).not.toContain('NaN');
  });
});

describe('spiegel estimate', () => {
  it('prints one JSON document with the fields of the contract', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-est-'));
    writeFileSync(join(dir, 'd.csv'), 'y,w,g\n1,1,a\n2,2,a\n3,1,b\n4,2,b\n');
    writeFileSync(join(dir, 'r.json'), JSON.stringify({ design: { weights: 'w' }, estimates: [{ id: 'e1', statistic: 'mean', variable: 'y', by: ['g'] }] }));
    let out = '';
    let err = '';
    const code = await main(['estimate', '--data', join(dir, 'd.csv'), '--request', join(dir, 'r.json')], {
      out: (t) => (out += t),
      err: (t) => (err += t),
      interactive: false,
    });
    expect(err).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(out) as { estimates: Record<string, unknown>[]; tests: unknown[] };
    expect(doc.tests).toEqual([]);
    expect(doc.estimates).toHaveLength(2);
    // Hand calculation: domain a has y = 1, 2 with weights 1, 2 → mean 5/3.
    expect(doc.estimates[0].estimate).toBeCloseTo(5 / 3, 12);
    for (const k of ['id', 'variable', 'level', 'by', 'estimate', 'se', 'ci', 'deff', 'df', 'n', 'weightedN']) expect(doc.estimates[0]).toHaveProperty(k);
    expect(doc.estimates[0].by).toEqual({ g: 'a' });
    expect(doc.estimates[0].weightedN).toBe(3);
  });
  it('reports a bad request with the file and field and exit status 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-est-'));
    writeFileSync(join(dir, 'd.csv'), 'y,w\n1,1\n2,2\n');
    writeFileSync(join(dir, 'r.json'), JSON.stringify({ estimates: [{ statistic: 'mean', variable: 'z' }] }));
    let err = '';
    const code = await main(['estimate', '--data', join(dir, 'd.csv'), '--request', join(dir, 'r.json')], {
      out: () => undefined,
      err: (t) => (err += t),
      interactive: false,
    });
    expect(code).toBe(1);
    expect(err).toContain('estimates[0].variable');
    expect(err).toContain('r.json');
  });
});
