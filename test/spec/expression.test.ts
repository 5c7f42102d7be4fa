import { describe, expect, it } from 'vitest';
import { evaluate, ExpressionSyntaxError, parseExpression, referencedNames } from '../../src/spec/expression.js';

const row = (vals: Record<string, number | string | null>) => (name: string) => (name in vals ? vals[name] : null);

describe('routing expressions', () => {
  it('parses membership and evaluates it', () => {
    const e = parseExpression('q5 in [1,2]');
    expect(evaluate(e, row({ q5: 1 }))).toBe(true);
    expect(evaluate(e, row({ q5: 2 }))).toBe(true);
    expect(evaluate(e, row({ q5: 3 }))).toBe(false);
    expect(evaluate(e, row({ q5: NaN }))).toBe(false);
  });

  it('and binds tighter than or; not and parentheses', () => {
    const e = parseExpression('a == 1 or b == 1 and c == 1');
    // a==1 or (b==1 and c==1)
    expect(evaluate(e, row({ a: 1, b: 0, c: 0 }))).toBe(true);
    expect(evaluate(e, row({ a: 0, b: 1, c: 0 }))).toBe(false);
    expect(evaluate(parseExpression('(a == 1 or b == 1) and c == 1'), row({ a: 1, b: 0, c: 0 }))).toBe(false);
    expect(evaluate(parseExpression('not (age < 27)'), row({ age: 30 }))).toBe(true);
    expect(evaluate(parseExpression('not age < 27'), row({ age: 20 }))).toBe(false);
  });

  it('the brief examples', () => {
    const e = parseExpression('work == 2 and applied_recently == 1');
    expect(evaluate(e, row({ work: 2, applied_recently: 1 }))).toBe(true);
    expect(evaluate(e, row({ work: 2, applied_recently: 2 }))).toBe(false);
    expect(referencedNames(e).map((r) => r.name)).toEqual(['work', 'applied_recently']);
  });

  it('comparisons with a missing answer are false; missing() tests it', () => {
    expect(evaluate(parseExpression('q1 != 1'), row({ q1: null }))).toBe(false);
    expect(evaluate(parseExpression('missing(q1)'), row({ q1: null }))).toBe(true);
    expect(evaluate(parseExpression('answered(q1)'), row({ q1: 3 }))).toBe(true);
    expect(evaluate(parseExpression('q1 not in [1, 2]'), row({ q1: 3 }))).toBe(true);
    expect(evaluate(parseExpression('q1 not in [1, 2]'), row({ q1: null }))).toBe(false);
  });

  it('all six comparison operators, "=" as "==", negative numbers, text', () => {
    const r = row({ x: 5, s: 'ja' });
    expect(['x < 6', 'x <= 5', 'x > 4', 'x >= 5', 'x == 5', 'x = 5', 'x != 4', 'x > -1', "s == 'ja'", 's in ["nee", "ja"]'].map((t) => evaluate(parseExpression(t), r))).toEqual(Array(10).fill(true));
  });

  it('syntax errors carry the position', () => {
    const cases: [string, number, RegExp][] = [
      ['q5 in [1,', 9, /expected a number/],
      ['q5 ==', 5, /expected a number/],
      ['q5 1', 3, /expected a comparison/],
      ['(q5 == 1', 8, /expected "\)"/],
      ['q5 == 1 q6', 8, /unexpected "q6"/],
      ['q5 == 1 && q6 == 2', 8, /unexpected character "&"/],
      ['and == 1', 0, /expected a question or variable name/],
    ];
    for (const [src, pos, msg] of cases) {
      let err: unknown;
      try {
        parseExpression(src);
      } catch (e) {
        err = e;
      }
      expect(err, src).toBeInstanceOf(ExpressionSyntaxError);
      expect((err as ExpressionSyntaxError).position, src).toBe(pos);
      expect((err as Error).message, src).toMatch(msg);
    }
  });
});
