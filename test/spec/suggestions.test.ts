/**
 * Near-match suggestions (issue 13 item 8): every unknown field, kind, type, value or name in a
 * study spec names the nearest allowed one ("shown" → "showN"), at its file, line and field.
 * Each case below mistypes one thing in the annotated minimal spec.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSpec, SpecError } from '../../src/spec/index.js';

const text = readFileSync('test/fixtures/spec/minimal-study.yaml', 'utf8');

function firstIssue(src: string): SpecError['issues'][number] {
  try {
    parseSpec(src, 'study.yaml');
  } catch (e) {
    if (e instanceof SpecError) return e.issues[0]!;
    throw e;
  }
  throw new Error('expected a SpecError');
}

/** Replace exactly one occurrence (the test fails loudly when the fixture changes). */
function mistype(from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`"${from}" must occur exactly once in the fixture`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

const cases: [what: string, from: string, to: string, suggestion: string][] = [
  ['a top-level field', 'tables:\n', 'tabels:\n', 'unknown field "tabels" (did you mean "tables"?)'],
  ['a table option', 'options: { by: leeftijd', 'options: { bye: leeftijd', 'unknown field "bye" (did you mean "by"?)'],
  ['a table kind', 'kind: likert5Nvt\n', 'kind: likert5nvt\n', '"likert5nvt" is not allowed here (did you mean "likert5Nvt"?)'],
  ['a question type', 'type: rating                         # range', 'type: ratin                         # range', '"ratin" is not allowed here (did you mean "rating"?)'],
  ['a field of a question', 'wording: Welk rapportcijfer', 'wordng: Welk rapportcijfer', 'unknown field "wordng" (did you mean "wording"?)'],
  ['a special answer', 'special: dontKnow', 'special: dontknow', '"dontknow" is not allowed here (did you mean "dontKnow"?)'],
  ['a field of a weighting request inside a wave', '      request:\n', '      requst:\n', 'unknown field "requst" (did you mean "request"?)'],
  ['an nRounding field', 'nRounding: { tensFrom: 100 }', 'nRounding: { tensfrom: 100 }', 'unknown field "tensfrom" (did you mean "tensFrom"?)'],
  ['a subgroup of a table', 'options: { by: leeftijd', 'options: { by: leeftjd', 'unknown subgroup "leeftjd" (did you mean "leeftijd"?)'],
  ['a table in a section', '- table: t1\n', '- table: t11\n', 'unknown table "t11" (did you mean "t1"?)'],
  ['a table in a text reference', '(N={{ t1.n }})', '(N={{ t11.n }})', 'text refers to unknown table "t11" in "{{ t11.n }}" (did you mean "t1"?)'],
  ['a named collapse', '  minBase: 5 ', '  collapse: eens33\n  minBase: 5 ', 'unknown collapse "eens33" (did you mean "eens3"?)'],
  ['a scale', 'categories: eens5\n', 'categories: eens55\n', 'unknown scale "eens55" (did you mean "eens5"?)'],
  ['a word of a union (nRounding)', 'nRounding: { tensFrom: 100 }', 'nRounding: tenz', '"tenz" is not allowed here (did you mean "tens"?); expected one of: exact, tens, or an object'],
  ['published figures for an unknown table', '      t3b:\n        n: 650', '      t3bb:\n        n: 650', 'published figures for unknown table "t3bb" (did you mean "t3b"?)'],
];

describe('near-match suggestions in study.yaml', () => {
  for (const [what, from, to, suggestion] of cases) {
    it(what, () => {
      const issue = firstIssue(mistype(from, to));
      expect(issue.message).toContain(suggestion);
      expect(issue.file).toBe('study.yaml');
      expect(issue.line).toBeGreaterThan(0);
    });
  }
});
