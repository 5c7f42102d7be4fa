/**
 * The minimal example study, post-stratified to sex (5000/5000), against R survey:
 * tools/tables/minimal-fixtures.R wrote test/fixtures/tables/minimal-r.json.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeStudy, type StudyResult } from '../../src/study/index.js';
import type { Cell, Table } from '../../src/tables/model.js';

interface Stat {
  estimate: number | number[];
  se: number | number[];
}
const R = JSON.parse(readFileSync('test/fixtures/tables/minimal-r.json', 'utf8')) as Record<string, Stat>;

let result: StudyResult;
beforeAll(async () => {
  result = await computeStudy('test/fixtures/spec/minimal-study.yaml');
});
const table = (id: string): Table => result.tables.get(id)!;

function close(actual: number | null, expected: number): void {
  expect(actual).not.toBeNull();
  if (expected === 0) expect(Math.abs(actual!)).toBeLessThan(1e-12);
  else expect(Math.abs(actual! / expected - 1)).toBeLessThan(1e-9);
}
function matches(c: Cell, s: { estimate: number; se: number }): void {
  close(c.estimate, s.estimate);
  close(c.se, s.se);
}
const at = (s: Stat, i: number) => ({ estimate: (s.estimate as number[])[i], se: (s.se as number[])[i] });

describe('weighted tables equal R survey (postStratify on sex)', () => {
  it('frequency: share Ja with its SE', () => {
    matches(table('t1').rows[0].cells[0], R.t1_ja as { estimate: number; se: number });
    expect(table('t1').rows[0].cells[0].n).toBe(24);
    expect(table('t1').rows[0].cells[0].weightedN).toBeCloseTo(10000, 9);
  });
  it('multiple response over those asked (a domain of the full design)', () => {
    matches(table('t2').rows[0].cells[0], R.t2_hulp1 as { estimate: number; se: number });
  });
  it('grid with N.v.t.: every category share and SE', () => {
    const row = table('t3a').rows[1].cells;
    for (let k = 0; k < 6; k++) matches(row[k], at(R.t3a_st_hulp, k));
  });
  it('trend 2021 column: share (helemaal) eens without N.v.t.', () => {
    matches(table('t3b').rows[0].cells[1], R.t3b_st_werk as { estimate: number; se: number });
  });
  it('cross-tab by a derived subgroup (svyby domains)', () => {
    const row = table('t4').rows[0].cells;
    // columns: Totaal, tot 40 jaar, 40 jaar en ouder
    matches(row[1], at(R.t4_ja_by_age, 0));
    matches(row[2], at(R.t4_ja_by_age, 1));
  });
  it('rating mean and share insufficient', () => {
    const t = table('t5a');
    const mean = t.rows.find((r) => r.label === 'Gemiddeld cijfer')!.cells[0];
    const insuff = t.rows.find((r) => r.label === 'Aandeel onvoldoendes')!.cells[0];
    matches(mean, R.t5a_mean as { estimate: number; se: number });
    matches(insuff, R.t5a_insufficient as { estimate: number; se: number });
    expect(mean.shown).toBe(6); // 5.96875 → "6,0"
    expect(mean.decimals).toBe(1);
  });
});
