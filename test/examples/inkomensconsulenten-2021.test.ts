/**
 * Example inkomensconsulenten-2021 (report 6 of the seed, configured from scratch): the spec runs
 * end to end on the synthetic data, and its tables have the structure report 6 prints —
 * population/sample/response with spanning headers, Totaal | Kleine en middelgrote | Grote
 * columns with their N, ".a" tables with only the two groups, unweighted percentages, and
 * significance marks where R survey finds p < .05.
 *
 * Independent sources: percentages are recounted here from the CSV rows (unweighted: a share is
 * a count over a count); the significance decisions come from R (svychisq, statistic "F", on
 * the same stratified unweighted design) in examples/inkomensconsulenten-2021/check-significance.R,
 * whose output is committed next to it (check-significance.out).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, generateFrame } from '../../examples/inkomensconsulenten-2021/generate.js';
import { computeStudy, type StudyResult } from '../../src/study/index.js';
import type { Table } from '../../src/tables/model.js';

const DIR = 'examples/inkomensconsulenten-2021';
const csv = readFileSync(`${DIR}/data/gemeenten-2021.csv`, 'utf8');
const [head, ...lines] = csv.trim().split('\n');
const names = head.split(',');
const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
const pct = (num: number, den: number): number => Math.round((100 * num) / den);
const count = (pred: (r: Record<string, string>) => boolean): number => rows.filter(pred).length;
const small = (r: Record<string, string>): boolean => r.grootteklasse !== '3';

let result: StudyResult;
const table = (id: string): Table => result.tables.get(id)!;
beforeAll(async () => {
  result = await computeStudy(`${DIR}/study.yaml`);
});

describe('example inkomensconsulenten-2021 (report 6)', () => {
  it('the committed data are the seeded generator’s output', () => {
    expect(generate()).toBe(csv);
    expect(rows.length).toBe(104);
    expect(count((r) => r.grootteklasse === '1')).toBe(17);
    expect(count((r) => r.grootteklasse === '3')).toBe(37);
  });

  it('Tabel 1: population / sample / response computed from the sampling frame, spanning headers', () => {
    const frame = readFileSync(`${DIR}/data/steekproefkader-2021.csv`, 'utf8');
    expect(generateFrame()).toBe(frame);
    const units = frame.trim().split('\n').slice(1).map((l) => l.split(',').map(Number)); // gemeente, klasse, inwoners, steekproef, respons
    const t = table('t1');
    expect(t.stubHead).toBe('Gemeentegrootteklasse');
    expect(t.columns.map((c) => `${c.group}/${c.label}`)).toEqual([
      'Populatie/# gemeenten', 'Populatie/# inwoners (dzd)', 'Steekproef/# gemeenten', 'Steekproef/# inwoners (dzd)', 'Respons/# gemeenten', 'Respons/# inwoners (dzd)',
    ]);
    expect(t.rows.map((r) => [r.label, r.role])).toEqual([
      ['Klein (<20.000)', 'data'], ['Middelgroot (>=20.000 en <=85.000)', 'data'], ['Groot (> 85.000)', 'data'], ['Eindtotaal', 'total'],
    ]);
    // the seed's design: 78/233/41 municipalities, 26/63/41 drawn, 17/50/37 responded
    expect(t.rows.map((r) => [r.cells[0].shown, r.cells[2].shown, r.cells[4].shown])).toEqual([[78, 26, 17], [233, 63, 50], [41, 41, 37], [352, 130, 104]]);
    const dzd = (keep: (u: number[]) => boolean): number => Math.round(units.filter(keep).reduce((a, u) => a + u[2], 0) / 1000);
    expect(t.rows[0].cells[1].shown).toBe(dzd((u) => u[1] === 1));
    expect(t.rows[2].cells[5].shown).toBe(dzd((u) => u[1] === 3 && u[4] === 1));
    expect(t.rows[3].cells[3].shown).toBe(dzd((u) => u[3] === 1));
    expect(t.nShown).toBeNull();
    // the respondents of the frame are the municipalities in the survey data, per size class
    expect(units.filter((u) => u[4] === 1 && u[1] === 1).length).toBe(count((r) => r.grootteklasse === '1'));
  });

  it('Tabel 1b: the same table typed in as printed (content)', () => {
    const t = table('t1b');
    expect(t.columns.map((c) => c.group)).toEqual(['Populatie', 'Populatie', 'Steekproef', 'Steekproef', 'Respons', 'Respons']);
    expect(t.rows[3].cells.map((c) => c.shown)).toEqual([352, 17384, 130, 10228, 104, 7906]);
  });

  it('Tabel 4: Totaal | groups with exact N, unweighted column percentages, the columns marked', () => {
    const t = table('t4');
    expect(t.nShown).toBe(104);
    expect(t.columns.map((c) => [c.label, c.n])).toEqual([
      ['Totaal', 104],
      ['Kleine en middelgrote gemeenten*', 67],
      ['Grote gemeenten*', 37],
    ]);
    for (const [ri, code] of ['1', '2', '3'].entries()) {
      expect(t.rows[ri].cells.map((c) => c.shown)).toEqual([
        pct(count((r) => r.wijkteam === code), 104),
        pct(count((r) => small(r) && r.wijkteam === code), 67),
        pct(count((r) => !small(r) && r.wijkteam === code), 37),
      ]);
    }
    // R: svychisq p = 0.0034 < .05
    expect(t.notes).toEqual(['* Significant verschil (p<.05) tussen kleine/middelgrote en grote gemeenten']);
  });

  it('Tabel 2: multiple response by size class; only the option R finds significant is marked', () => {
    const t = table('t2');
    expect(t.rows).toHaveLength(7);
    // R: only taak_6 (boetes) has p < .05 (0.0050); the others are 0.15–0.65
    expect(t.rows.map((r) => r.label.endsWith('*'))).toEqual([false, false, false, false, false, true, false]);
    expect(t.rows[5].cells.map((c) => c.shown)).toEqual([
      pct(count((r) => r.taak_6 === '1'), 104),
      pct(count((r) => small(r) && r.taak_6 === '1'), 67),
      pct(count((r) => !small(r) && r.taak_6 === '1'), 37),
    ]);
  });

  it('Tabel 3: everyone answers the same; "Nooit 0%" printed, no test and no note', () => {
    const t = table('t3');
    expect(t.rows.map((r) => [r.label, ...r.cells.map((c) => c.shown)])).toEqual([
      ['Nooit', 0, 0, 0],
      ['Één keer of meer', 100, 100, 100],
    ]);
    expect(t.notes).toEqual([]);
  });

  it('Tabel 9: list-encoded multiple response over those asked (routing)', () => {
    const t = table('t9');
    const asked = rows.filter((r) => r.steun_geboden === '1');
    expect(t.nShown).toBe(asked.length);
    expect(t.rows[0].cells[0].shown).toBe(pct(asked.filter((r) => r.steun.split(';').includes('1')).length, asked.length));
  });

  it('".a" tables: only the two groups (byTotal: false), N once per group header as the print has it, no N in the title', () => {
    for (const id of ['t8a', 't24a', 't30a']) {
      const t = table(id);
      expect(t.nShown).toBeNull();
      expect(new Set(t.columns.map((c) => c.group))).toEqual(new Set(['Kleine en middelgrote gemeenten', 'Grote gemeenten']));
      expect(new Set(t.columns.map((c) => c.groupN))).toEqual(new Set([67, 37]));
      expect(t.columns.every((c) => c.n === undefined)).toBe(true);
    }
    // 30.a: collapsed to three points with N.v.t. left out of the base
    const t = table('t30a');
    expect(t.columns.slice(0, 3).map((c) => c.label)).toEqual(['(Helemaal) eens', 'Neutraal', '(Helemaal) oneens']);
    const base = rows.filter((r) => small(r) && r.resp_1 !== '6');
    expect(t.rows[0].cells[0].shown).toBe(pct(base.filter((r) => r.resp_1 === '1' || r.resp_1 === '2').length, base.length));
  });

  it('Tabel 24: ranking grid, each reason’s ranks sum to 100', () => {
    const t = table('t24');
    expect(t.columns.map((c) => c.label)).toEqual(['1 Belangrijkste reden', '2', '3', '4 Minst belangrijke reden']);
    expect(t.rows[0].cells[0].shown).toBe(pct(count((r) => r.reden_1 === '1'), 104));
  });
});
