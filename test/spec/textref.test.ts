import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTextReferences } from '../../src/spec/textref.js';
import { largestRemainder } from '../../src/tables/rounding.js';

describe('text references', () => {
  it('parses table N, row cells with an optional column, and positions', () => {
    const text = 'Van hen {{ t5a.row3.pct }} en {{t1.n}}; {{ t4.row1.col2.mean }}.';
    const refs = parseTextReferences(text);
    expect(refs.map((r) => [r.table, r.row, r.col, r.stat])).toEqual([
      ['t5a', 3, 1, 'pct'],
      ['t1', null, 1, 'n'],
      ['t4', 1, 2, 'mean'],
    ]);
    expect(text.slice(refs[0].start, refs[0].end)).toBe('{{ t5a.row3.pct }}');
  });
  it('rejects what it cannot resolve, saying how to write it', () => {
    expect(() => parseTextReferences('{{ t5a }}')).toThrow(/expected a table id and a statistic/);
    expect(() => parseTextReferences('{{ t5a.row3.percent }}')).toThrow(/unknown statistic "percent"/);
    expect(() => parseTextReferences('{{ t5a.pct }}')).toThrow(/"pct" needs a row/);
    expect(() => parseTextReferences('{{ t5a.row0.pct }}')).toThrow(/rows are counted from 1/);
    expect(() => parseTextReferences('{{ t5a.row1.pct.x }}')).toThrow(/unexpected text after the statistic/);
  });
});

describe('largest remainder (property)', () => {
  it('for any counts: sums to 100, and each share is within 1 of its exact percentage', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }), (counts) => {
        const total = counts.reduce((a, b) => a + b, 0);
        fc.pre(total > 0);
        const shares = counts.map((c) => c / total);
        const r = largestRemainder(shares) as number[];
        expect(r.reduce((a, b) => a + b, 0)).toBe(100);
        r.forEach((x, i) => expect(Math.abs(x - 100 * shares[i])).toBeLessThan(1));
      }),
    );
  });
});
