/**
 * The wave test of trend tables against published figures equals R survey
 * (test/fixtures/tables/wave-test.R → wave-test-r.json): the 2021 share and SE from the weighted,
 * stratified microdata as svymean gives them; the published 2019 SE as an SRS of n with share p
 * (what svymean gives for such a sample) times √deff, with the design effect of the wave or of
 * the table; the Welch–Satterthwaite t and p. The notes say the direction, the method and which
 * rows were not tested.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeStudy, type StudyResult } from '../../src/study/index.js';
import { estimateTests } from '../../src/tables/adapter.js';
import type { Cell, Table } from '../../src/tables/model.js';

interface Share {
  estimate: number;
  se: number;
  df: number;
}
interface Wave {
  se19: number;
  statistic: number;
  df: number;
  p: number;
}
const R = JSON.parse(readFileSync('test/fixtures/tables/wave-test-r.json', 'utf8')) as { q1: Share; q3: Share; wq_q1: Wave; wq_q3: Wave; wqd_q1: Wave; wqs_q1: Wave; glm_q1: { statistic: number; se19: number } };
const rel = (a: number, b: number): number => Math.abs(a / b - 1);

let result: StudyResult;
beforeAll(async () => {
  result = await computeStudy('test/fixtures/tables/wave-test.yaml');
});
const table = (id: string): Table => result.tables.get(id)!;
const printed = (t: Table): (string | number | null)[][] => t.rows.map((r) => [r.label, ...r.cells.map((c) => (c.text ?? c.shown === null ? null : `${c.shown}${c.mark ?? ''}`))]);

/** The test a table makes for one row, from its cells: microdata df from R (degf), published n − 1. */
function test(latest: Cell, previous: Cell, latestDf: number) {
  return estimateTests.independentDifference({ estimate: latest.estimate!, se: latest.se!, df: latestDf }, { estimate: previous.estimate!, se: previous.se!, df: previous.n! - 1 });
}

describe('wave test against published figures equals R survey', () => {
  it('2021 shares and SEs from the weighted stratified design (svymean)', () => {
    const [q1, q3] = table('wq').rows.map((r) => r.cells[2]);
    expect(rel(q1.estimate!, R.q1.estimate)).toBeLessThan(1e-9);
    expect(rel(q1.se!, R.q1.se)).toBeLessThan(1e-9);
    expect(rel(q3.se!, R.q3.se)).toBeLessThan(1e-9);
  });
  it('published SE: SRS of n with share p (svymean / svyglm), times √deff of the wave (1.3) or the table (2)', () => {
    expect(rel(table('wq').rows[0].cells[1].se!, R.wq_q1.se19)).toBeLessThan(1e-9);
    expect(rel(table('wq').rows[1].cells[1].se!, R.wq_q3.se19)).toBeLessThan(1e-9);
    expect(rel(table('wqd').rows[0].cells[0].se!, R.wqd_q1.se19)).toBeLessThan(1e-9);
    // no design effect given: exactly what R svymean gives for 198 of 300
    expect(rel(table('wqs').rows[0].cells[0].se!, R.glm_q1.se19)).toBeLessThan(1e-9);
  });
  it('t statistic and p-value (Welch–Satterthwaite) as R computes them from those SEs', () => {
    const cases: [string, number, Wave][] = [
      ['wq', 0, R.wq_q1],
      ['wq', 1, R.wq_q3],
      ['wqd', 0, R.wqd_q1],
      ['wqs', 0, R.wqs_q1],
    ];
    for (const [id, row, ref] of cases) {
      const cells = table(id).rows[row].cells;
      const r = test(cells[cells.length - 1], cells[cells.length - 2], R.q1.df);
      expect(rel(r.statistic, ref.statistic)).toBeLessThan(1e-9);
      expect(rel(r.p, ref.p)).toBeLessThan(1e-9);
    }
    // the same statistic from svyglm(y ~ wave) on the stacked waves with the waves as strata
    const c = table('wqs').rows[0].cells;
    expect(rel(test(c[1], c[0], R.q1.df).statistic, R.glm_q1.statistic)).toBeLessThan(1e-9);
  });
});

describe('marks and notes', () => {
  it('both directions (p = .0001 higher, p = .009 lower): the 2021 cells marked, the note names the rows; 2017 is not tested', () => {
    const t = table('wq');
    expect(printed(t)).toEqual([
      ['Vraag 1 ja', '40', '55', '76*'],
      ['Vraag 3 ja', '60', '58', '40*'],
    ]);
    expect(t.notes).toEqual([
      '* Significant verschil met 2019 (p<.05): hoger bij ‘Vraag 1 ja’; lager bij ‘Vraag 3 ja’',
      'Toets tegen 2019: de standaardfout van 2019 is berekend uit het gepubliceerde percentage en de N als bij een enkelvoudige aselecte steekproef, met designeffect 1,3.',
    ]);
  });
  it('one direction: "Significant hoger dan in 2019", with the table\'s own design effect', () => {
    expect(printed(table('wqd'))).toEqual([['Vraag 1 ja', '55', '76*']]);
    expect(table('wqd').notes).toEqual([
      '* Significant hoger dan in 2019 (p<.05)',
      'Toets tegen 2019: de standaardfout van 2019 is berekend uit het gepubliceerde percentage en de N als bij een enkelvoudige aselecte steekproef, met designeffect 2.',
    ]);
  });
  it('p = .058 is not marked at .05; the note says no design effect was known', () => {
    expect(printed(table('wqs'))).toEqual([['Vraag 1 ja', '66', '76']]);
    expect(table('wqs').notes).toEqual([
      'Toets tegen 2017: de standaardfout van 2017 is berekend uit het gepubliceerde percentage en de N als bij een enkelvoudige aselecte steekproef, zonder designeffect (niet bekend); het verschil kan daardoor zekerder lijken dan het is.',
    ]);
  });
  it('no N for the earlier wave: nothing marked, a note that the difference was not tested', () => {
    expect(printed(table('wqn'))).toEqual([
      ['Vraag 1 ja', '55', '76'],
      ['Vraag 3 ja', '58', '40'],
    ]);
    expect(table('wqn').notes).toEqual(['Het verschil tussen 2019 en 2021 is niet getoetst: van 2019 is geen N bekend.']);
  });
  it('a published mean has no SE: that row is named as not tested, the share is tested', () => {
    const t = table('wqm');
    expect(t.rows[0].cells[1].mark).toBe('*'); // p = .000125 < .001
    expect(t.rows[1].cells[1].mark).toBeUndefined();
    expect(t.notes).toEqual([
      '* Significant hoger dan in 2019 (p<.001)',
      'Niet getoetst tegen 2019 (van een gepubliceerd gemiddelde is geen standaardfout bekend): ‘Gemiddelde’.',
      'Toets tegen 2019: de standaardfout van 2019 is berekend uit het gepubliceerde percentage en de N als bij een enkelvoudige aselecte steekproef, met designeffect 1,3.',
    ]);
  });
});
