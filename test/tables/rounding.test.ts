import { describe, expect, it } from 'vitest';
import { largestRemainder, roundHalfUp, roundN, wholePercent } from '../../src/tables/rounding.js';

describe('whole percentages', () => {
  it('round half away from zero, also where binary floating point falls just below .5', () => {
    expect(wholePercent(0.125)).toBe(13);
    expect(wholePercent(0.285)).toBe(29); // 0.285 * 100 = 28.499999999999996 in binary
    expect(wholePercent(0.004)).toBe(0);
    expect(wholePercent(0.005)).toBe(1);
    expect(roundHalfUp(6.45, 1)).toBe(6.5);
    expect(roundHalfUp(6.349, 1)).toBe(6.3);
    expect(roundHalfUp(-2.5)).toBe(-3);
  });
});

describe('largest remainder (Hamilton) rounding', () => {
  it('3/12, 4/12, 1/12, 1/12, 1/12, 2/12 → 25, 34, 8, 8, 8, 17', () => {
    // exact: 25, 33.33, 8.33, 8.33, 8.33, 16.67; floors 25+33+8+8+8+16 = 98, two points missing.
    // remainders .00 .33 .33 .33 .33 .67 → first to 16.67 (→17), then to the first .33 (33 → 34).
    expect(largestRemainder([3 / 12, 4 / 12, 1 / 12, 1 / 12, 1 / 12, 2 / 12])).toEqual([25, 34, 8, 8, 8, 17]);
  });

  it('three equal thirds → 34, 33, 33 (tie goes to the first)', () => {
    expect(largestRemainder([1 / 3, 1 / 3, 1 / 3])).toEqual([34, 33, 33]);
  });

  it('5/12, 5/12, 2/12 → 42, 42, 16 where plain rounding gives 42, 42, 17 (= 101)', () => {
    // 41.67, 41.67, 16.67: floors 41+41+16 = 98, remainders all .67 → the first two get a point.
    expect(largestRemainder([5 / 12, 5 / 12, 2 / 12])).toEqual([42, 42, 16]);
    expect([5 / 12, 5 / 12, 2 / 12].map(wholePercent)).toEqual([42, 42, 17]);
  });

  it('3/11, 2/11, 3/11, 2/11, 1/11 → 28, 18, 27, 18, 9', () => {
    // 27.27 18.18 27.27 18.18 9.09: floors sum 99; largest remainder .27 first → 28.
    expect(largestRemainder([3 / 11, 2 / 11, 3 / 11, 2 / 11, 1 / 11])).toEqual([28, 18, 27, 18, 9]);
  });

  it('always sums to exactly 100 for shares that sum to 1', () => {
    for (let n = 2; n <= 40; n++) {
      const counts = Array.from({ length: 7 }, (_, k) => ((k * 7 + n) % 5) + 1);
      const total = counts.reduce((a, b) => a + b, 0);
      const r = largestRemainder(counts.map((c) => c / total));
      expect(r.reduce((a, b) => (a as number) + (b as number), 0)).toBe(100);
    }
  });

  it('keeps nulls and falls back to plain rounding when shares do not sum to 1 (multiple response)', () => {
    expect(largestRemainder([0.5, null, 0.5])).toEqual([50, null, 50]);
    expect(largestRemainder([0.555, 0.444])).toEqual([56, 44]);
  });
});

describe('N in titles', () => {
  it('to tens from 100 upward, exact below (default)', () => {
    expect(roundN(144, undefined)).toBe(140);
    expect(roundN(685, undefined)).toBe(690);
    expect(roundN(99, undefined)).toBe(99);
    expect(roundN(52, undefined)).toBe(52);
    expect(roundN(100, undefined)).toBe(100);
  });
  it('configurable: exact, tens, or another threshold', () => {
    expect(roundN(783, 'exact')).toBe(783);
    expect(roundN(12, 'tens')).toBe(10);
    expect(roundN(155, { tensFrom: 200 })).toBe(155);
    expect(roundN(255, { tensFrom: 200 })).toBe(260);
  });
});
