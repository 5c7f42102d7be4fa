/**
 * The generator equals the published xoshiro128** reference code and SplitMix32 seeding, as
 * compiled C: tools/c/xoshiro128starstar.c prints the expected numbers below.
 */
import { describe, expect, it } from 'vitest';
import { allocate, ppsSystematic, Xoshiro128 } from '../../src/sampling/index.js';

describe('Xoshiro128', () => {
  it('matches the C reference from state (1, 2, 3, 4)', () => {
    const g = Xoshiro128.fromState(1, 2, 3, 4);
    expect(Array.from({ length: 6 }, () => g.nextUint32())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });
  it('matches the C reference seeded with 42 through SplitMix32', () => {
    const g = new Xoshiro128(42);
    expect(Array.from({ length: 6 }, () => g.nextUint32())).toEqual([2837322924, 544945897, 479756282, 3500138142, 339756180, 113173290]);
  });
  it('gives uniforms in [0, 1) and unbiased integers', () => {
    const g = new Xoshiro128(7);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60000; i++) {
      const u = g.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      counts[g.below(6)]++;
    }
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(400); // > 4 SD
  });
});

describe('allocate', () => {
  it('takes a stratum whole when its proportional share exceeds it (hand calculation)', () => {
    // N = 5, 100, 100, weights ∝ N·S with S = 10, 1, 1 → ideal share of n = 30: 50/250·30 = 6 > 5 → take 5;
    // remaining 25 over two equal strata → 12.5 each → 13 (first by tie), 12.
    expect(allocate(30, [5, 100, 100], [50, 100, 100], 0, ['a', 'b', 'c'])).toEqual([5, 13, 12]);
  });
  it('refuses a minimum that cannot be met', () => {
    expect(() => allocate(5, [10, 10, 10], [1, 1, 1], 2, ['a', 'b', 'c'])).toThrow(/minimum of 2 per stratum over 3 strata needs 6/);
  });
});

describe('ppsSystematic', () => {
  it('makes certainty units iteratively (hand calculation)', () => {
    // sizes 50, 30, 10, 5, 5, n = 3: Σ = 100, 3·50/100 ≥ 1 → certain; then n' = 2 over Σ = 50:
    // 2·30/50 = 1.2 ≥ 1 → certain; then n' = 1 over Σ = 20: π = 10/20, 5/20, 5/20.
    const r = ppsSystematic(Float64Array.from([50, 30, 10, 5, 5]), 3, new Xoshiro128(1));
    expect(Array.from(r.pi)).toEqual([1, 1, 0.5, 0.25, 0.25]);
    expect(r.certainty).toBe(2);
    expect(r.chosen.length).toBe(3);
  });
});
