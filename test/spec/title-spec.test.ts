/**
 * Spec checks of the N placeholders, nLabel, nPlacement and item subsets: each mistake is an
 * error naming the file, line and field, with the nearest name suggested.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSpec, SpecError } from '../../src/spec/index.js';

const FIXTURE = 'test/fixtures/tables/titles-study.yaml';
const text = readFileSync(FIXTURE, 'utf8');
const lineOf = (needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

function issues(src: string): SpecError['issues'] {
  try {
    parseSpec(src, 'study.yaml');
  } catch (e) {
    if (e instanceof SpecError) return e.issues;
    throw e;
  }
  throw new Error('expected a SpecError');
}

describe('N placeholders and nLabel', () => {
  it('the fixture itself loads', () => {
    expect(parseSpec(text, 'study.yaml').spec.tables.find((t) => t.id === 'tozo')?.title).toContain('{N:kent}');
  });
  it('{N:question} naming an unknown question, with a suggestion', () => {
    const [i, ...rest] = issues(text.replace('(N={N:aanvr})', '(N={N:aanvrr})'));
    expect(rest).toHaveLength(0);
    expect(i).toMatchObject({ line: lineOf("title: 'Kent u de regeling?"), field: 'tables[0].title' });
    expect(i!.message).toBe('{N:aanvrr} names unknown question "aanvrr" (did you mean "aanvr"?)');
  });
  it('{N:} without a question', () => {
    expect(issues(text.replace('(N={N:aanvr})', '(N={N:})'))[0]!.message).toContain('{N:}: name the question after the colon');
  });
  it('an nLabel without {N}', () => {
    const [i] = issues(text.replace("nLabel: '(Meerdere antwoorden mogelijk; N={N})'", "nLabel: '(Meerdere antwoorden mogelijk)'"));
    expect(i).toMatchObject({ field: 'tables[1].options.nLabel', line: lineOf('id: mr,') });
    expect(i!.message).toContain('has no {N}');
  });
  it('an nLabel in defaults is checked too', () => {
    const [i] = issues(text.replace('  nRounding: exact', "  nRounding: exact\n  nLabel: 'N={N:wrk}'"));
    expect(i!.field).toBe('defaults.nLabel');
    expect(i!.message).toContain('unknown question "wrk" (did you mean "werk"?)');
  });
  it('a mistyped nLabel field suggests the name', () => {
    const [i] = issues(text.replace('options: { nLabel:', 'options: { nlabel:'));
    expect(i!.message).toBe('unknown field "nlabel" (did you mean "nLabel"?)');
  });
});

describe('items and nPlacement', () => {
  it('an item that is not one of the questions\' items', () => {
    const [i] = issues(text.replace('items: [st2, st1]', 'items: [st2, st11]'));
    expect(i).toMatchObject({ field: 'tables[5].items[1]', line: lineOf('id: sub,') });
    expect(i!.message).toBe('"st11" is not an item of "st" (did you mean "st1"?) (items: st1, st2)');
  });
  it('an item listed twice', () => {
    expect(issues(text.replace('items: [st2, st1]', 'items: [st2, st2]'))[0]!.message).toBe('item "st2" is listed twice');
  });
  it('items on a kind that does not take them', () => {
    const [i] = issues(text.replace("footnoteMark: '1)', questions: werk,", "footnoteMark: '1)', questions: werk, items: [werk],"));
    expect(i!.field).toBe('tables[2].items');
    expect(i!.message).toContain('items does not apply to tables of kind frequency');
  });
  it('nPlacement on a kind other than itemGridBy', () => {
    const [i] = issues(text.replace("options: { nLabel: '(Meerdere", "options: { nPlacement: group, nLabel: '(Meerdere"));
    expect(i!.message).toContain('option "nPlacement" does not apply to tables of kind multipleResponse');
  });
  it('nPlacement: group with the scale outside', () => {
    const [i] = issues(text.replace('showN: false, nPlacement: columns }', 'showN: false, nPlacement: group, outer: scale }'));
    expect(i!.field).toBe('tables[7].options.nPlacement');
    expect(i!.message).toContain('with outer: scale');
  });
  it('a mistyped nPlacement value suggests the allowed one', () => {
    const [i] = issues(text.replace('nPlacement: columns', 'nPlacement: column'));
    expect(i!.message).toBe('"column" is not allowed here (did you mean "columns"?); expected one of: group, columns');
  });
});
