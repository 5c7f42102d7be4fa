import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpec, parseSpec, SpecError } from '../../src/spec/index.js';

const FIXTURE = 'test/fixtures/spec/minimal-study.yaml';
const text = readFileSync(FIXTURE, 'utf8');
const lines = text.split('\n');
/** 1-based line of the first line containing `needle` (after line `after`). */
const lineOf = (needle: string, after = 0): number => lines.findIndex((l, i) => i >= after && l.includes(needle)) + 1;

function specError(src: string): SpecError {
  try {
    parseSpec(src, 'study.yaml');
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error('expected a SpecError');
}

describe('loading the annotated minimal spec', () => {
  it('validates and applies defaults', () => {
    const s = loadSpec(FIXTURE);
    expect(s.spec.study.locale).toBe('nl-NL');
    expect(s.spec.tables.map((t) => t.id)).toEqual(['t1', 't2', 't3a', 't3b', 't4', 't5a', 't5b']);
    // numbers are strings after validation ("3a" and 1 alike)
    expect(s.spec.tables[0].number).toBe('1');
  });

  it('locates fields by line', () => {
    const s = loadSpec(FIXTURE);
    expect(s.locate(['questions', 1, 'askedIf']).line).toBe(lineOf('askedIf: werk == 2'));
    expect(s.locate(['tables', 4, 'options', 'by']).line).toBe(lineOf('options: { by: leeftijd'));
  });
});

describe('spec errors name file, line and field', () => {
  it('routing to an unknown question', () => {
    const bad = text.replace('askedIf: werk == 2', 'askedIf: wrk == 2');
    const e = specError(bad);
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ file: 'study.yaml', line: lineOf('askedIf: werk == 2'), field: 'questions[1].askedIf' });
    expect(e.message).toContain('unknown question or variable "wrk" (did you mean "werk"?)');
    expect(e.message).toMatch(/^study\.yaml:\d+/);
  });

  it('a syntax error in routing', () => {
    const e = specError(text.replace('askedIf: werk == 2', 'askedIf: werk == '));
    expect(e.issues[0].field).toBe('questions[1].askedIf');
    expect(e.issues[0].message).toMatch(/invalid expression.*expected a number/);
  });

  it('a table over an unknown variable', () => {
    const e = specError(text.replace('questions: werk\n    options: { total: true }', 'questions: werkk\n    options: { total: true }'));
    expect(e.issues[0].field).toBe('tables[0].questions');
    expect(e.issues[0].line).toBe(lineOf('questions: werk\n') || lineOf('    questions: werk'));
    expect(e.issues[0].message).toContain('unknown question or variable "werkk"');
  });

  it('an unknown field (typo) is reported at its key', () => {
    const e = specError(text.replace('askedIf: werk == 2', 'askedif: werk == 2'));
    expect(e.issues[0]).toMatchObject({ field: 'questions[1].askedif', line: lineOf('askedIf: werk == 2') });
    expect(e.issues[0].message).toContain('unknown field "askedif"');
  });

  it('a missing required field is reported at its parent', () => {
    const e = specError(text.replace('  title: Klantenquête (voorbeeld)\n', ''));
    expect(e.issues[0].field).toBe('study.title');
    expect(e.issues[0].line).toBe(lineOf('  id: minimal'));
    expect(e.issues[0].message).toContain('required field is missing');
  });

  it('a wrong type and an unknown kind', () => {
    const e = specError(text.replace('kind: crossTab', 'kind: crosstab').replace('minBase: 5 ', 'minBase: five '));
    const fields = e.issues.map((i) => i.field).sort();
    expect(fields).toEqual(['defaults.minBase', 'tables[4].kind']);
    const kind = e.issues.find((i) => i.field === 'tables[4].kind')!;
    expect(kind.line).toBe(lineOf('kind: crossTab'));
  });

  it('a wave without data, an unknown subgroup, an unknown wave, an unknown scale', () => {
    let bad = text.replace('    data: minimal-2021.csv\n', '');
    bad = bad.replace('by: leeftijd', 'by: gender').replace('waves: [2019, 2021] }', 'waves: [2017, 2021] }').replace('categories: eens5', 'categories: eens7');
    const e = specError(bad);
    const byField = new Map(e.issues.map((i) => [i.field, i]));
    expect(byField.get('waves[1]')?.message).toMatch(/wave 2021 has no data/);
    expect(byField.get('waves[1]')?.line).toBe(lineOf('- year: 2021'));
    expect(byField.get('tables[4].options.by')?.message).toMatch(/unknown subgroup "gender"/);
    expect(byField.get('tables[6].options.waves[0]')?.message).toMatch(/unknown wave 2017/);
    expect(byField.get('questions[2].categories')?.message).toMatch(/unknown scale "eens7"/);
  });

  it('a kind that cannot tabulate the question type', () => {
    const e = specError(text.replace('kind: multipleResponse', 'kind: frequency'));
    expect(e.issues[0].field).toBe('tables[1].questions');
    expect(e.issues[0].line).toBe(lineOf('questions: hulp                 # base'));
    expect(e.issues[0].message).toContain('table "t2" of kind frequency cannot tabulate "hulp", a multiple question');
  });

  it('YAML syntax errors carry the line', () => {
    const e = specError('study:\n  id: x\n  title: [unclosed\n');
    expect(e.issues[0].line).toBeGreaterThanOrEqual(3);
    expect(e.message).toMatch(/YAML syntax/);
  });

  it('text references to unknown tables', () => {
    const e = specError(text.replace('(N={{ t1.n }})', '(N={{ t9.n }})'));
    expect(e.issues[0].field).toBe('sections[0].content[0].text');
    expect(e.issues[0].message).toContain('unknown table "t9"');
  });
});
