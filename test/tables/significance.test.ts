/**
 * Significance: the tests the tables use equal R survey (tools/tables/kinds-fixtures.R →
 * test/fixtures/tables/kinds-r.json), and tables mark exactly what is significant at their level.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../src/data/io.js';
import { svyDesign } from '../../src/design/index.js';
import { computeStudy, type StudyResult } from '../../src/study/index.js';
import { designEstimator, estimateTests } from '../../src/tables/adapter.js';
import type { WaveEstimator } from '../../src/tables/estimator.js';
import type { Table } from '../../src/tables/model.js';

const R = JSON.parse(readFileSync('test/fixtures/tables/kinds-r.json', 'utf8')) as Record<string, { statistic: number; p: number; estimate: number; se: number; df: number }> & { bh_grid: number[] };

let est: WaveEstimator;
let col: (name: string) => Float64Array;
let result: StudyResult;
beforeAll(async () => {
  const data = await readDataset('test/fixtures/tables/kinds-2021.csv');
  est = designEstimator(svyDesign(data, {}));
  col = (name) => data.validNumbers(name);
  result = await computeStudy('test/fixtures/tables/kinds-study.yaml');
});
const table = (id: string): Table => result.tables.get(id)!;
const rel = (a: number, b: number): number => Math.abs(a / b - 1);
const mask = (f: (i: number) => boolean): Uint8Array => Uint8Array.from({ length: 12 }, (_, i) => (f(i) ? 1 : 0));
const group = (): Float64Array => col('grp').map((g) => g - 1);

describe('tests equal R survey', () => {
  it('Rao–Scott F (svychisq) for a cross-tab', () => {
    const r = est.raoScott(col('werk'), group(), mask(() => true));
    expect(rel(r.statistic, R.chisq_werk_grp.statistic)).toBeLessThan(1e-9);
    expect(rel(r.p, R.chisq_werk_grp.p)).toBeLessThan(1e-9);
  });
  it('Rao–Scott on a domain (grid row without N.v.t.; multiple response over those asked)', () => {
    const st2 = col('st2');
    const r = est.raoScott(st2, group(), mask((i) => st2[i] !== 9));
    expect(rel(r.p, R.chisq_st2_grp.p)).toBeLessThan(1e-9);
    const werk = col('werk');
    const h = est.raoScott(col('hulp_1'), group(), mask((i) => werk[i] === 2));
    expect(rel(h.p, R.chisq_hulp1_grp.p)).toBeLessThan(1e-9);
  });
  it('t-test (svyttest) of a mean between two groups', () => {
    const r = est.ttest(col('aandeel'), group(), mask(() => true));
    expect(rel(r.statistic, R.ttest_aandeel_grp.statistic)).toBeLessThan(1e-9);
    expect(rel(r.p, R.ttest_aandeel_grp.p)).toBeLessThan(1e-9);
  });
  it('difference between waves against a published share (se = √(p(1−p)/(n−1)), df = n − 1)', () => {
    const r = estimateTests.independentDifference({ estimate: R.st1_eens.estimate, se: R.st1_eens.se, df: R.st1_eens.df }, { estimate: 0.6, se: Math.sqrt(0.24 / 99), df: 99 });
    expect(rel(r.statistic, R.wave_st1.statistic)).toBeLessThan(1e-9);
    expect(rel(r.p, R.wave_st1.p)).toBeLessThan(1e-9);
  });
  it('Benjamini–Hochberg equals p.adjust(, "BH")', () => {
    const adj = estimateTests.benjaminiHochberg([R.chisq_st1_grp.p, R.chisq_st2_grp.p]);
    expect(rel(adj[0], R.bh_grid[0])).toBeLessThan(1e-12);
    expect(rel(adj[1], R.bh_grid[1])).toBeLessThan(1e-12);
  });
});

describe('tables mark what is significant', () => {
  it('a grid row tested across the subgroup gets "*" after its label, with the note (report 2, Tabel 10)', () => {
    // R: st1 p = .415, st2 p = .032 < .05
    const t = table('s4');
    expect(t.rows.map((r) => r.label)).toEqual(['Stelling 1', 'Stelling 2*']);
    expect(t.notes).toContain('* Significant verschil (p<.05) tussen kleine en grote gemeenten');
  });
  it('with Benjamini–Hochberg the same row is no longer significant (adjusted p = .063)', () => {
    const t = table('s4bh');
    expect(t.rows.map((r) => r.label)).toEqual(['Stelling 1', 'Stelling 2']);
    expect(t.notes.some((n) => n.includes('Significant'))).toBe(false);
  });
  it('a cross-tab marks the compared column heads; the level is configurable (p = .069 < .1)', () => {
    const t = table('s14');
    expect(t.columns.map((c) => c.label)).toEqual(['Totaal', 'Klein*', 'Groot*']);
    expect(t.notes).toContain('* Significant verschil (p<.1) tussen kleine en grote gemeenten');
    // the spec's own header texts, with the mark kept
    expect(table('s14l').columns.map((c) => c.label)).toEqual(['Totaal', 'Kleine gemeenten*', 'Grote gemeenten*']);
    expect(table('s14l').stubHead).toBe('Werk');
    expect(table('t22l').columns.map((c) => c.label)).toEqual(['Aantal suggesties']);
    expect(table('t22l').stubHead).toBe('Thema');
    // the same table at the default .05 has no mark
    expect(table('t14').columns.map((c) => c.label)).toEqual(['Totaal', 'Klein', 'Groot']);
  });
  it('no mark where nothing is significant (multiple response p = .66, average share p = .84)', () => {
    expect(table('s15').rows.map((r) => r.label)).toEqual(['Gesprekken', 'Training']);
    expect(table('s21').rows.map((r) => r.label)).toEqual(['Klein (N=6)', 'Groot (N=6)']);
    expect(table('s15').notes).toEqual([]);
  });
  it('item share by subgroup: two groups → t-test of the share (p = .307 < .5); the note says which group is higher', () => {
    expect(table('s17').rows[0].label).toBe('Stelling 1*');
    // Klein 83% (5 of 6) against Groot 50% (2 of 4)
    expect(table('s17').rows[0].cells.map((c) => c.shown)).toEqual([70, 83, 50]);
    expect(table('s17').notes).toEqual(['* Significant verschil (p<.5) tussen kleine en grote gemeenten: hoger bij klein']);
  });
  it('the direction per category (t-test), per mean and per share chosen; rows named when they differ', () => {
    // werk: Ja Klein 50% > Groot 0%, Nee Klein 50% < Groot 100%
    expect(table('s14t').notes).toEqual(['* Significant verschil (p<.2) tussen kleine en grote gemeenten: hoger bij klein voor ‘Ja’; hoger bij groot voor ‘Nee’']);
    expect(table('s14t').rows[0].cells.map((c) => c.mark)).toEqual([undefined, '*', '*']);
    // aandeel: Klein 35% > Groot 32%
    expect(table('s21d').rows.map((r) => r.label)).toEqual(['Klein (N=6)*', 'Groot (N=6)*']);
    expect(table('s21d').notes).toEqual(['* Significant verschil (p<.9) tussen kleine en grote gemeenten: hoger bij klein']);
    // hulp: Gesprekken Klein 67% > Groot 50%, Training Klein 33% < Groot 50%
    expect(table('s15d').rows.map((r) => [r.label, ...r.cells.map((c) => c.shown)])).toEqual([
      ['Gesprekken*', 56, 67, 50],
      ['Training*', 44, 33, 50],
    ]);
    expect(table('s15d').notes).toEqual(['* Significant verschil (p<.9) tussen kleine en grote gemeenten: hoger bij klein voor ‘Gesprekken’; hoger bij groot voor ‘Training’']);
  });
  it('a whole distribution (Rao–Scott) or a spec\'s own note keeps the plain note', () => {
    expect(table('s14').notes).toEqual(['* Significant verschil (p<.1) tussen kleine en grote gemeenten']);
  });
  it('trend: the latest wave against the previous one (p = .543 < .6) marks the 2021 cell', () => {
    const c = table('str').rows[0].cells;
    expect(c[1].mark).toBe('*');
    expect(c[1].flags).toContain('significant');
    expect(c[0].mark).toBeUndefined();
    // the note says the direction (2021 70% against 2019 60%) and how the published SE was made
    expect(table('str').notes).toEqual([
      '* Significant hoger dan in 2019 (p<.6)',
      'Toets tegen 2019: de standaardfout van 2019 is berekend uit het gepubliceerde percentage en de N als bij een enkelvoudige aselecte steekproef, zonder designeffect (niet bekend); het verschil kan daardoor zekerder lijken dan het is.',
    ]);
    // a published mean has no SE: not tested, and the note names the row
    expect(table('tr').notes[0]).toBe('Niet getoetst tegen 2019 (van een gepubliceerd gemiddelde is geen standaardfout bekend): ‘Gemiddeld cijfer’.');
    // at the default level the trend table has no mark
    expect(table('tr').rows[0].cells[1].mark).toBeUndefined();
  });
});
