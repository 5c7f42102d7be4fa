/**
 * Issue 8 item 8: unknown fields in weighting requests and sample designs are errors with a
 * "did you mean", located by file, line and field, and every problem is listed in one run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { parseSamplingDesign } from '../../src/sampling/index.js';
import { ValidationError, readSource } from '../../src/validation/index.js';
import { parseWeightingRequest, validateWeightingRequest } from '../../src/weighting/index.js';

const dir = mkdtempSync(join(tmpdir(), 'spiegel-validation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sexMargin = { variables: ['sex'], population: [{ sex: 1, N: 60 }, { sex: 2, N: 40 }] };

function thrown(f: () => unknown): ValidationError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('weighting request: nothing unknown accepted', () => {
  it('refuses mistyped top-level fields and suggests the right ones, all in one error', () => {
    const e = thrown(() => parseWeightingRequest({ method: 'rake', margins: [sexMargin], maxIteration: 5, epsilonn: 1e-6 }, 'w.json'));
    expect(e).toBeInstanceOf(InvalidInputError);
    const byField = new Map(e.issues.map((i) => [i.field, i.message]));
    expect(byField.get('maxIteration')).toBe('unknown field "maxIteration" (did you mean "maxIterations"?)');
    expect(byField.get('epsilonn')).toBe('unknown field "epsilonn" (did you mean "epsilon"?)');
    expect(e.message).toMatch(/^w\.json, field "maxIteration": unknown field/);
    expect(e.message).toContain('w.json, field "epsilonn": unknown field "epsilonn"');
  });

  it('refuses unknown fields inside margins, trim and nonresponse blocks', () => {
    const e = thrown(() =>
      parseWeightingRequest({
        method: 'trim',
        margins: [{ ...sexMargin, varibles: ['x'] }],
        trim: { upper: 5, strickt: true },
      }),
    );
    expect(e.issues.map((i) => i.field).sort()).toEqual(['margins[0].varibles', 'trim.strickt']);
    expect(e.issues.find((i) => i.field === 'trim.strickt')?.message).toContain('did you mean "strict"');
  });

  it('suggests the method for a mistyped one', () => {
    const e = thrown(() => parseWeightingRequest({ method: 'raking', margins: [sexMargin] }));
    expect(e.issues[0].field).toBe('method');
    expect(e.issues[0].message).toMatch(/"raking" is not allowed here.*expected one of: poststratify, rake/);
  });

  it('reads a YAML request file with line numbers', () => {
    const file = join(dir, 'weight.yaml');
    writeFileSync(file, ['method: rake', 'margins:', '  - variables: [sex]', '    population:', '      - { sex: 1, N: 60 }', '      - { sex: 2, N: 40 }', 'maxIteration: 10', ''].join('\n'));
    const e = thrown(() => validateWeightingRequest(readSource(file)));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ file, line: 7, field: 'maxIteration' });
    expect(e.message).toBe(`${file}:7:1, field "maxIteration": unknown field "maxIteration" (did you mean "maxIterations"?)`);
  });

  it('reads a JSON request file with line numbers too', () => {
    const file = join(dir, 'weight.json');
    writeFileSync(file, JSON.stringify({ method: 'rake', margins: [sexMargin], epsilonn: 1 }, null, 2));
    const e = thrown(() => validateWeightingRequest(readSource(file)));
    expect(e.issues[0]).toMatchObject({ file, field: 'epsilonn', line: JSON.stringify({ method: 'rake', margins: [sexMargin], epsilonn: 1 }, null, 2).split('\n').findIndex((l) => l.includes('epsilonn')) + 1 });
  });

  it('still accepts a valid request', () => {
    expect(parseWeightingRequest({ method: 'rake', margins: [sexMargin], maxIterations: 5 }).maxIterations).toBe(5);
  });
});

describe('sample design: nothing unknown accepted', () => {
  it('refuses a mistyped field with a suggestion', () => {
    const e = thrown(() => parseSamplingDesign({ method: 'srs', n: 10, key: 'id', sortt: ['x'] }, 'd.json'));
    expect(e.issues[0]).toMatchObject({ file: 'd.json', field: 'sortt' });
    expect(e.issues[0].message).toBe('unknown field "sortt" (did you mean "sort"?)');
  });
  it('refuses unknown fields inside the allocation and exclude entries', () => {
    const e = thrown(() =>
      parseSamplingDesign({ method: 'stratified', key: 'id', strata: 's', allocation: { type: 'proportional', n: 10, minimun: 2 }, exclude: [{ file: 'a.csv', key: 'id', kye: 'x' }] }),
    );
    const byField = new Map(e.issues.map((i) => [i.field, i.message]));
    expect(byField.get('allocation.minimun')).toContain('did you mean "minimum"');
    expect(byField.get('exclude[0].kye')).toContain('unknown field "kye"');
  });
});

describe('study spec: near matches for unknown fields and kinds (issue 13 item 8)', () => {
  const spec = (table: string): string =>
    [
      'study: { id: s, title: S, specVersion: 1 }',
      'waves: [{ year: 2021, data: d.csv }]',
      'questions:',
      '  - { id: q1, wording: Q, type: single, categories: [{ code: 1, label: Ja }, { code: 2, label: Nee }] }',
      'tables:',
      table,
      '',
    ].join('\n');
  it('suggests showN for shown', async () => {
    const { parseSpec, SpecError } = await import('../../src/spec/index.js');
    let err: unknown;
    try {
      parseSpec(spec('  - { id: t1, number: 1, kind: frequency, title: T, questions: q1, options: { shown: false } }'), 'study.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecError);
    const issue = (err as InstanceType<typeof SpecError>).issues[0];
    expect(issue).toMatchObject({ file: 'study.yaml', line: 6, field: 'tables[0].options.shown' });
    expect(issue.message).toBe('unknown field "shown" (did you mean "showN"?)');
  });
  it('suggests the kind for a mistyped kind', async () => {
    const { parseSpec, SpecError } = await import('../../src/spec/index.js');
    let err: unknown;
    try {
      parseSpec(spec('  - { id: t1, number: 1, kind: itemgrid, title: T, questions: q1 }'), 'study.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecError);
    const issue = (err as InstanceType<typeof SpecError>).issues[0];
    expect(issue).toMatchObject({ line: 6, field: 'tables[0].kind' });
    expect(issue.message).toMatch(/^"itemgrid" is not allowed here \(did you mean "itemGrid"\?\); expected one of: frequency, /);
  });
});
