/**
 * AAPOR outcome rates of src/sampling/response.ts against hand calculations with the formulas of
 * the Standard Definitions (9th ed. 2016, pp. 61–64; 10th ed. 2023 "Outcome rates").
 */
import { describe, expect, it } from 'vitest';
import { type Disposition, parseDisposition, responseRates } from '../../src/sampling/response.js';

const many = (d: Disposition, n: number): Disposition[] => Array.from({ length: n }, () => d);

describe('AAPOR outcome rates', () => {
  it('RR1, RR2, COOP1, COOP2, REF1 and CON1 of a known mix', () => {
    // I = 40, P = 10, R = 20, NC = 5, O = 5, UH = 15, UO = 5, NE = 10 (110 cases).
    const d = [...many('I', 40), ...many('P', 10), ...many('R', 20), ...many('NC', 5), ...many('O', 5), ...many('UH', 15), ...many('UO', 5), ...many('NE', 10)];
    const [total] = responseRates(d);
    expect(total.gross).toBe(110);
    expect(total.net).toBe(50);
    // Denominator of RR and REF: (I+P) + (R+NC+O) + (UH+UO) = 50 + 30 + 20 = 100 (NE left out).
    expect(total.rr1).toBeCloseTo(40 / 100, 15); // 0.40
    expect(total.rr2).toBeCloseTo(50 / 100, 15); // 0.50
    // Contacted eligible: (I+P) + R + O = 50 + 20 + 5 = 75.
    expect(total.coop1).toBeCloseTo(40 / 75, 15); // 0.5333…
    expect(total.coop2).toBeCloseTo(50 / 75, 15); // 0.6666…
    expect(total.ref1).toBeCloseTo(20 / 100, 15); // 0.20
    // CON1 = 75 / (75 + NC 5 + UH 15 + UO 5) = 75 / 100.
    expect(total.con1).toBeCloseTo(75 / 100, 15); // 0.75
  });

  it('per stratum, with NaN where a denominator is 0', () => {
    const d: Disposition[] = ['I', 'P', 'R', 'UH', 'NE', 'NC', 'NC', 'UO', 'UO'];
    const strata = ['A', 'A', 'A', 'A', 'A', 'B', 'B', 'B', 'B'];
    const [total, a, b] = responseRates(d, strata);
    expect(total.stratum).toBe('total');
    // A: I 1, P 1, R 1, UH 1, NE 1 → denominator 4; contacted 1 + 1 + 1 = 3.
    expect([a.stratum, a.rr1, a.rr2, a.coop1, a.coop2, a.ref1, a.con1]).toEqual(['A', 1 / 4, 2 / 4, 1 / 3, 2 / 3, 1 / 4, 3 / 4]);
    // B: NC 2, UO 2 → RR 0 / 4; nobody contacted: COOP 0 / 0 = NaN; CON1 0 / 4.
    expect([b.stratum, b.rr1, b.rr2, b.ref1, b.con1]).toEqual(['B', 0, 0, 0, 0]);
    expect(b.coop1).toBeNaN();
    expect(b.coop2).toBeNaN();
    // Total: I 1, P 1, R 1, NC 2, UH 1, UO 2 → denominator 8; contacted 3; CON1 3 / 8.
    expect([total.rr1, total.rr2, total.coop1, total.ref1, total.con1]).toEqual([1 / 8, 2 / 8, 1 / 3, 1 / 8, 3 / 8]);
  });

  it('reads AAPOR numeric codes as their letters', () => {
    const codes = ['1.1', '1.2', '2.11', '2.112', '2.12', '2.20', '2.30', '3.11', '3.19', '3.30', '4.10'];
    expect(codes.map((c, i) => parseDisposition(c, i))).toEqual(['I', 'P', 'R', 'R', 'R', 'NC', 'O', 'UH', 'UH', 'UO', 'NE']);
  });
});
