import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cohensKappa, krippendorffAlpha, type CodeValue } from '../../src/coding/agreement.js';
import { codeAgreement } from '../../src/coding/code-agreement.js';

interface KappaCase {
  name: string;
  first: (number | string)[];
  second: (number | string)[];
  kappa: number;
}
const sklearn = JSON.parse(readFileSync(new URL('../fixtures/coding/kappa-sklearn.json', import.meta.url), 'utf8')) as { cases: KappaCase[] };

describe("Cohen's kappa", () => {
  // Reference: scikit-learn cohen_kappa_score (tools/coding/kappa-fixtures.py).
  for (const c of sklearn.cases) {
    it(`equals scikit-learn: ${c.name}`, () => {
      const r = cohensKappa(c.first, c.second);
      expect(r.units).toBe(c.first.length);
      expect(Math.abs(r.kappa - c.kappa)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(c.kappa)));
    });
  }

  it('counts only answers both coders coded', () => {
    // Hand calculation: units 1-4 are coded by both: agreements 3 of 4 (p_o = .75);
    // coder 1 gives 1,1,0,0 and coder 2 gives 1,0,0,0: p_e = .5*.25 + .5*.75 = .5; κ = .25/.5 = .5.
    const r = cohensKappa([1, 1, 0, 0, 1, null], [1, 0, 0, 0, null, 1]);
    expect(r.units).toBe(4);
    expect(r.kappa).toBeCloseTo(0.5, 14);
  });

  it('is undefined, not 1 or 0, when both coders always give the same single category', () => {
    const r = cohensKappa([1, 1, 1], [1, 1, 1]);
    expect(r.defined).toBe(false);
    expect(Number.isNaN(r.kappa)).toBe(true);
  });
});

describe("Krippendorff's alpha", () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four coders
  // A-D, twelve units, "." missing. Published: nominal .743, interval .849, ratio .797.
  const _ = null;
  const reliability: CodeValue[][] = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ];
  it('reproduces the published worked example (nominal, interval, ratio)', () => {
    const nominal = krippendorffAlpha(reliability, 'nominal');
    expect(nominal.alpha).toBeCloseTo(0.743, 3);
    // Unit 12 has one value only: 11 pairable units, n = 40 values (the paper's n..).
    expect(nominal.units).toBe(11);
    expect(nominal.values).toBe(40);
    expect(krippendorffAlpha(reliability, 'interval').alpha).toBeCloseTo(0.849, 3);
    expect(krippendorffAlpha(reliability, 'ratio').alpha).toBeCloseTo(0.797, 3);
  });

  it('equals Cohen-like hand calculation for two coders without missing values', () => {
    // Two coders, four units: (1,1) (0,0) (1,0) (0,0). Coincidences: o11 = 2, o00 = 4, o10 = o01 = 1;
    // n1 = 3, n0 = 5, n = 8. alpha = 1 - (n-1) * (o10 + o01) / (n1 n0 + n0 n1) = 1 - 7 * 2 / 30.
    const r = krippendorffAlpha([
      [1, 0, 1, 0],
      [1, 0, 0, 0],
    ]);
    expect(r.alpha).toBeCloseTo(1 - 14 / 30, 14);
  });

  it('is undefined when every value is the same', () => {
    const r = krippendorffAlpha([
      [1, 1],
      [1, 1],
    ]);
    expect(r.defined).toBe(false);
  });
});

describe('agreement per code', () => {
  it('scores each code present/absent per answer and coder, with the number of units', () => {
    const report = codeAgreement(
      [
        { unit: 'a1', coder: 'ans', codes: ['werk', 'geld'] },
        { unit: 'a1', coder: 'bram', codes: ['werk'] },
        { unit: 'a2', coder: 'ans', codes: ['geld'] },
        { unit: 'a2', coder: 'bram', codes: ['geld'] },
        { unit: 'a3', coder: 'ans', codes: [] },
        { unit: 'a3', coder: 'bram', codes: ['werk'] },
        { unit: 'a4', coder: 'ans', codes: ['werk'] },
      ],
      ['werk', 'geld', 'zorg'],
    );
    expect(report.coders).toEqual(['ans', 'bram']);
    expect(report.doubleCoded).toBe(3);
    const werk = report.perCode.find((c) => c.code === 'werk')!;
    // werk: ans 1,0,0 ; bram 1,0,1 on a1..a3 (a4 single-coded): p_o = 2/3, p_e = (1/3)(2/3) + (2/3)(1/3) = 4/9.
    expect(werk.kappa!.units).toBe(3);
    expect(werk.kappa!.kappa).toBeCloseTo((2 / 3 - 4 / 9) / (1 - 4 / 9), 14);
    expect(werk.alpha.units).toBe(3);
    expect(werk.used).toBe(3);
    const zorg = report.perCode.find((c) => c.code === 'zorg')!;
    expect(zorg.alpha.defined).toBe(false);
    expect(report.pooled.units).toBe(9);
  });

  it('refuses two codings of one answer by the same coder', () => {
    expect(() =>
      codeAgreement(
        [
          { unit: 'a1', coder: 'ans', codes: [] },
          { unit: 'a1', coder: 'ans', codes: ['x'] },
        ],
        ['x'],
      ),
    ).toThrow(/two codings/);
  });
});
