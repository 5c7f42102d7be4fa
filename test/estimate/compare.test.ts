import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, waveDifference } from '../../src/estimate/compare.js';
import { expectClose } from './helpers.js';

describe('Benjamini–Hochberg', () => {
  it('equals R p.adjust(p, "BH") (fixture from tools/r/estimate-fixtures.R)', () => {
    const fx = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/estimate/bh.json'), 'utf8')) as { p: number[]; bh: number[] };
    const got = benjaminiHochberg(fx.p);
    fx.bh.forEach((v, i) => expectClose(got[i], v, `p[${i}]`));
  });
  it('hand calculation with missing p-values left out', () => {
    // m = 3 valid: sorted 0.01, 0.02, 0.04 → 0.03, 0.03, 0.04
    expect(benjaminiHochberg([0.04, null, 0.01, 0.02])).toEqual([0.04, null, 0.03, 0.03]);
  });
});

describe('wave difference (independent samples)', () => {
  it('hand calculation: SE from the sum of variances, Welch–Satterthwaite df', () => {
    const r = waveDifference({ estimate: 0.4, se: 0.03, df: 20 }, { estimate: 0.5, se: 0.04, df: 30 });
    expectClose(r.estimate, 0.1, 'difference');
    expectClose(r.se, 0.05, 'se'); // √(0.0009 + 0.0016)
    // (0.0025)² / (0.0009²/20 + 0.0016²/30) = 6.25e-6 / (4.05e-8 + 8.5333…e-8)
    expectClose(r.df, 6.25e-6 / (0.0009 ** 2 / 20 + 0.0016 ** 2 / 30), 'df');
    expectClose(r.statistic, 2, 't');
    expect(r.p).toBeGreaterThan(0.04);
    expect(r.p).toBeLessThan(0.07);
  });
  it('not estimable when a wave has no estimate', () => {
    expect(waveDifference({ estimate: null, se: null, df: 3 }, { estimate: 1, se: 1, df: 3 }).estimate).toBeNull();
  });
});
