/**
 * Example klantmanagers-2020 (report 2 of the seed, configured from scratch): the spec runs end
 * to end on the synthetic data and its tables have report 2's structure — buckets of a number
 * (largest first, "Totaal 100%"), averages of respondent-level percentages (a `numbers`
 * battery), routed bases, a horizontal bucket table with the seed's row label, averages split
 * by policy with the N in the row label, a theme table ending in "Totaal", and the row mark
 * "* Significant verschil (p<.05) tussen kleine en grote gemeenten" in Tabel 10.
 *
 * Independent sources: the numbers are recounted here from the CSV rows (unweighted: shares are
 * counts over counts, averages are plain means); the significance decisions come from R survey
 * in examples/klantmanagers-2020/check-significance.R (output committed in check-significance.out:
 * Tabel 10 row 1 p = 0.0023, rows 2-3 p > 0.27; Tabel 13 t-test p = 4.3e-11).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../examples/klantmanagers-2020/generate.js';
import { computeStudy, type StudyResult } from '../../src/study/index.js';
import type { Table } from '../../src/tables/model.js';

const DIR = 'examples/klantmanagers-2020';
const csv = readFileSync(`${DIR}/data/klantmanagers-2020.csv`, 'utf8');
const [head, ...lines] = csv.trim().split('\n');
const names = head.split(',');
const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
const num = (r: Record<string, string>, v: string): number => Number(r[v]);
const pct = (k: number, n: number): number => Math.round((100 * k) / n);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

let result: StudyResult;
const table = (id: string): Table => result.tables.get(id)!;
beforeAll(async () => {
  result = await computeStudy(`${DIR}/study.yaml`);
});

describe('example klantmanagers-2020 (report 2)', () => {
  it('the committed data are the seeded generator’s output', () => {
    expect(generate()).toBe(csv);
    expect(rows.length).toBe(103);
  });

  it('Tabel 1: caseload buckets, largest first, with Totaal 100%', () => {
    const t = table('t1');
    expect(t.nShown).toBe(103);
    expect(t.rows.map((r) => r.label)).toEqual(['Meer dan 150', '100-150', '75-99', '50-74', 'Minder dan 50', 'Totaal']);
    const c = rows.map((r) => num(r, 'caseload'));
    expect(t.rows[1].cells[0].shown).toBe(pct(c.filter((x) => x >= 100 && x <= 150).length, 103));
    expect(t.rows[4].cells[0].shown).toBe(pct(c.filter((x) => x < 50).length, 103));
    expect(t.rows[5].cells[0].shown).toBe(100);
  });

  it('Tabel 3: the average of each respondent’s percentages (a numbers battery)', () => {
    const t = table('t3');
    expect(t.rows).toHaveLength(5);
    for (let k = 1; k <= 5; k++) expect(t.rows[k - 1].cells[0].shown).toBe(Math.round(mean(rows.map((r) => num(r, `av_${k}`)))));
  });

  it('Tabel 5: a footnote marker after the title, its note under the table', () => {
    const t = table('t5');
    expect(t.title.endsWith('geboden kan worden1')).toBe(true);
    expect(t.notes[0].startsWith('1 Het betreft hier gemiddelden')).toBe(true);
  });

  it('Tabel 7 and 15: percentages over those routed to the question', () => {
    const asked7 = rows.filter((r) => r.dgr !== '3');
    expect(table('t7').nShown).toBe(asked7.length);
    expect(table('t7').rows[0].cells[0].shown).toBe(pct(asked7.filter((r) => r.init_1 === '1').length, asked7.length));
    const asked15 = rows.filter((r) => r.ontheffing === '1');
    expect(table('t15').nShown).toBe(asked15.length);
  });

  it('Tabel 10: only the row R finds significant between small and large is marked, with the seed’s note', () => {
    const t = table('t10');
    expect(t.columns.map((c) => c.label)).toEqual(['Vaak', 'Soms', 'Nooit']);
    expect(t.rows.map((r) => r.label.endsWith('*'))).toEqual([true, false, false]);
    expect(t.notes).toEqual(['Noot: * Significant verschil (p<.05) tussen kleine en grote gemeenten']);
    expect(t.rows[2].cells[0].shown).toBe(pct(rows.filter((r) => r.afspr_3 === '1').length, 103));
  });

  it('Tabel 11: one horizontal row with the seed’s label, buckets of a percentage', () => {
    const t = table('t11');
    expect(t.rows.map((r) => r.label)).toEqual(['Proportie klantmanagers dat dit aangeeft']);
    expect(t.columns.map((c) => c.label)).toEqual(['<=25%', '> 25% en < 60%', '>=60%']);
    expect(new Set(t.columns.map((c) => c.group))).toEqual(new Set(['Aandeel klanten dat is vrijgesteld in de caseload']));
    const v = rows.map((r) => num(r, 'vrijg_pct'));
    expect(t.rows[0].cells.map((c) => c.shown)).toEqual([
      pct(v.filter((x) => x <= 25).length, 103),
      pct(v.filter((x) => x > 25 && x < 60).length, 103),
      pct(v.filter((x) => x >= 60).length, 103),
    ]);
  });

  it('Tabel 13: averages by policy with the N in the row label, both marked (R t-test p < .05)', () => {
    const t = table('t13');
    const asked = rows.filter((r) => num(r, 'vrijg_pct') > 0);
    expect(t.nShown).toBe(asked.length);
    const formal = asked.filter((r) => r.ontheffing === '2');
    expect(t.rows[0].label).toBe(`Vrijstelling: Alleen formeel (N=${formal.length})*`);
    expect(t.rows[0].cells[0].shown).toBe(Math.round(mean(formal.map((r) => num(r, 'beschikking_pct')))));
    expect(t.title.endsWith(')3')).toBe(true);
  });

  it('Tabel 16: theme counts, "Overig" last, total row labelled "Totaal"', () => {
    const t = table('t16');
    expect(t.columns.map((c) => c.label)).toEqual(['Aantal reacties']);
    expect(t.rows[t.rows.length - 2].label).toBe('Overig');
    const last = t.rows[t.rows.length - 1];
    expect(last.label).toBe('Totaal');
    const total = rows.reduce((a, r) => a + ['thema_1', 'thema_2', 'thema_3', 'thema_overig'].reduce((b, v) => b + num(r, v), 0), 0);
    expect(last.cells[0].shown).toBe(total);
  });

  it('text references are filled from the tables', () => {
    const text = result.report.sections[0].blocks[0];
    expect(text.type).toBe('text');
    if (text.type === 'text') expect(text.paragraphs[0]).toContain('Van de 103 klantmanagers');
  });
});
