/**
 * Trend over two microdata waves (each with its own design), a question not asked in the
 * earlier wave, and the wave test. Unweighted SRS, so by hand: se = √(p(1−p)/(n−1)), df = n − 1,
 * t = (p₂ − p₁)/√(se₁² + se₂²) with Welch–Satterthwaite df; the p-value is R's
 * 2*pt(-abs(t), nu) = 0.11129166825171878 (R 4.2, survey 4.1.1).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeStudy, type StudyResult } from '../../src/study/index.js';
import { estimateTests } from '../../src/tables/adapter.js';

const A = 'q,r\n1,\n1,\n2,\n2,\n1,\n2,\n2,\n2,\n1,\n2,\n'; // 2019: q = 1 for 4 of 10; r not asked
const B = 'q,r\n1,1\n1,1\n1,2\n2,2\n1,1\n1,1\n1,2\n2,2\n1,1\n1,1\n1,1\n2,1\n'; // 2021: 9 of 12; r = 1 for 8 of 12
const spec = (level: number): string => `
study: { id: tr, title: Trend, specVersion: 1, locale: nl-NL }
waves:
  - { year: 2019, data: a.csv, weighting: none }
  - { year: 2021, data: b.csv, weighting: none }
questions:
  - { id: q, wording: Q, type: single, categories: [{ code: 1, label: Ja }, { code: 2, label: Nee }] }
  - { id: r, wording: R, type: single, categories: [{ code: 1, label: Ja }, { code: 2, label: Nee }], waves: [2021] }
defaults: { minBase: 5 }
tables:
  - id: t
    number: 1
    kind: trend
    title: Trend
    rows:
      - { key: q, variable: q, label: Q ja, codes: [1] }
      - { key: r, variable: r, label: R ja, codes: [1] }
    options: { significance: { level: ${level} } }
  - { id: d, number: 2, kind: trend, title: Verdeling, questions: q, options: { significance: { level: ${level} } } }
`;

async function run(level: number): Promise<StudyResult> {
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-trend-'));
  writeFileSync(join(dir, 'a.csv'), A);
  writeFileSync(join(dir, 'b.csv'), B);
  writeFileSync(join(dir, 'study.yaml'), spec(level));
  const steps: string[] = [];
  const r = await computeStudy(join(dir, 'study.yaml'), { onProgress: (done, total, label) => steps.push(`${done}/${total} ${label}`) });
  expect(steps).toEqual(['1/6 spec', '2/6 wave 2019', '3/6 wave 2021', '4/6 table 1', '5/6 table 2', '6/6 report']);
  return r;
}

let at05: StudyResult;
let at15: StudyResult;
beforeAll(async () => {
  at05 = await run(0.05);
  at15 = await run(0.15);
});

describe('trend over microdata waves', () => {
  it('each wave from its own data; "Niet gevraagd" where the question was not asked', () => {
    const t = at05.tables.get('t')!;
    expect(t.rows.map((r) => [r.label, ...r.cells.map((c) => c.text ?? c.shown)])).toEqual([
      ['Q ja', 40, 75], // 4/10, 9/12
      ['R ja', 'Niet gevraagd', 67], // 8/12
    ]);
    expect(t.rows[0].cells[0].se).toBeCloseTo(Math.sqrt((0.4 * 0.6) / 9), 12);
    expect(t.rows[0].cells[1].se).toBeCloseTo(Math.sqrt((0.75 * 0.25) / 11), 12);
  });
  it('distribution trend: rows = categories, columns = waves', () => {
    const d = at05.tables.get('d')!;
    expect(d.rows.map((r) => [r.label, ...r.cells.map((c) => c.shown)])).toEqual([
      ['Ja', 40, 75],
      ['Nee', 60, 25],
    ]);
  });
  it('latest vs previous wave: p = .111 — not marked at .05, marked at .15', () => {
    expect(at05.tables.get('t')!.rows[0].cells[1].mark).toBeUndefined();
    const c = at15.tables.get('t')!.rows[0].cells[1];
    expect(c.mark).toBe('*');
    // 2021 (75%) is higher than 2019 (40%); two microdata waves need no note on the method
    expect(at15.tables.get('t')!.notes).toEqual(['* Significant hoger dan in 2019 (p<.15)']);
    expect(at05.tables.get('t')!.notes).toEqual([]);
    const [a, b] = at05.tables.get('t')!.rows[0].cells;
    const r = estimateTests.independentDifference({ estimate: b.estimate!, se: b.se!, df: 11 }, { estimate: a.estimate!, se: a.se!, df: 9 });
    expect(Math.abs(r.statistic / 1.67404490476039691 - 1)).toBeLessThan(1e-9);
    expect(Math.abs(r.p / 0.11129166825171878 - 1)).toBeLessThan(1e-9);
    // the distribution trend tests each category too (same p for Ja and Nee)
    expect(at15.tables.get('d')!.rows.map((r) => r.cells[1].mark)).toEqual(['*', '*']);
  });
});
