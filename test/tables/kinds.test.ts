/**
 * Every table kind over test/fixtures/tables/kinds-2021.csv: 12 respondents, unweighted, so
 * every expected percentage below is a hand count written out in the comment beside it.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeStudy, type StudyResult } from '../../src/study/index.js';
import type { Cell, Table } from '../../src/tables/model.js';

let result: StudyResult;
beforeAll(async () => {
  result = await computeStudy('test/fixtures/tables/kinds-study.yaml');
});

const table = (id: string): Table => {
  const t = result.tables.get(id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
};
const show = (c: Cell): number | string | null => c.text ?? c.shown;
/** The printed grid: one array per row, label first. */
const grid = (id: string): (string | number | null)[][] => table(id).rows.map((r) => [r.label, ...r.cells.map(show)]);
const heads = (id: string): string[] => table(id).columns.map((c) => (c.group ? `${c.group}/` : '') + c.label + (c.n !== undefined ? ` (N=${c.n})` : ''));

describe('T1 frequency', () => {
  it('werk: 3 of 12 Ja, 9 Nee, "Totaal 100%"', () => {
    expect(grid('t1')).toEqual([
      ['Ja', 25], // 3/12
      ['Nee', 75], // 9/12
      ['Totaal', 100],
    ]);
    expect(table('t1').nShown).toBe(12);
    expect(table('t1').rows[2].role).toBe('total');
  });
  it('cells carry estimate, SE, CI, n and weighted N', () => {
    const c = table('t1').rows[0].cells[0];
    expect(c.estimate).toBeCloseTo(0.25, 12);
    // SRS with weights 1: se = sqrt(p(1-p)/(n-1)) = sqrt(0.1875/11)
    expect(c.se).toBeCloseTo(Math.sqrt(0.1875 / 11), 12);
    expect(c.n).toBe(12);
    expect(c.weightedN).toBe(12);
    expect(c.ci).not.toBeNull();
    expect(c.ci![0]).toBeLessThan(0.25);
    expect(c.ci![1]).toBeGreaterThan(0.25);
  });
  it('largest remainder: st1 counts 3,4,1,1,1,2 of 12 → 25, 34, 8, 8, 8, 17 (plain rounding sums to 99)', () => {
    expect(grid('t1lr').map((r) => r[1])).toEqual([25, 34, 8, 8, 8, 17]);
  });
  it('a table filter restricts the base (grp == 1: werk 1,1,1,2,2,2)', () => {
    expect(grid('flt')).toEqual([
      ['Ja', 50],
      ['Nee', 50],
    ]);
    expect(table('flt').nShown).toBe(6);
  });
  it('N rounding to tens: 12 → 10', () => {
    expect(table('ntens').nShown).toBe(10);
  });
});

describe('T2 multiple response over those asked', () => {
  it('hulp asked of werk == 2 (9 rows): Gesprekken 5/9, Training 4/9', () => {
    expect(grid('t2')).toEqual([
      ['Gesprekken', 56], // 5/9 = 55.6
      ['Training', 44], // 4/9 = 44.4
    ]);
    expect(table('t2').nShown).toBe(9);
  });
  it('a domain SE keeps the full design: sqrt(N/(N-1) · Σ_d (y-ȳ)² / n_d²)', () => {
    // ȳ = 5/9; Σ (y-ȳ)² = 5·(4/9)² + 4·(5/9)² = 180/81; n_d = 9, N = 12.
    const se = Math.sqrt((12 / 11) * (180 / 81) / 81);
    expect(table('t2').rows[0].cells[0].se).toBeCloseTo(se, 12);
  });
});

describe('T3 item share', () => {
  it('share (Helemaal) eens without N.v.t.: st1 7/10, st2 5/11', () => {
    expect(grid('t3')).toEqual([
      ['Stelling 1', 70],
      ['Stelling 2', 45], // 45.45
    ]);
    expect(table('t3').nShown).toBe(11); // answered at least one statement with a scale value
  });
});

describe('T4–T11 statement grids', () => {
  it('T4 likert5 drops N.v.t. from the base: st1 3,4,1,1,1 of 10; st2 3,2,3,2,1 of 11', () => {
    expect(heads('t4')).toEqual(['Helemaal eens', 'Eens', 'Niet eens/niet oneens', 'Oneens', 'Helemaal oneens']);
    expect(grid('t4')).toEqual([
      ['Stelling 1', 30, 40, 10, 10, 10],
      ['Stelling 2', 27, 18, 27, 18, 9], // 27.3 18.2 27.3 18.2 9.1 (sum 99)
    ]);
  });
  it('T4 with largest remainder: st2 → 28, 18, 27, 18, 9', () => {
    expect(grid('t4lr')[1]).toEqual(['Stelling 2', 28, 18, 27, 18, 9]);
  });
  it('T5 likert5Nvt keeps N.v.t. as a column in the base of 12', () => {
    expect(grid('t5')).toEqual([
      ['Stelling 1', 25, 33, 8, 8, 8, 17], // 3,4,1,1,1,2 of 12
      ['Stelling 2', 25, 17, 25, 17, 8, 8], // 3,2,3,2,1,1 of 12
    ]);
  });
  it('T6 likert3 collapses 1–2 / 3 / 4–5 from unrounded data, without N.v.t.', () => {
    expect(heads('t6')).toEqual(['(Helemaal) eens', 'Neutraal', '(Helemaal) oneens']);
    expect(grid('t6')).toEqual([
      ['Stelling 1', 70, 10, 20], // 7,1,2 of 10
      ['Stelling 2', 45, 27, 27], // 5,3,3 of 11
    ]);
  });
  it('T7 likert4 / T10 yes-no: yn_1 6 of 12, yn_2 3 of 12', () => {
    const expected = [
      ['Ja-nee 1', 50, 50],
      ['Ja-nee 2', 25, 75],
    ];
    expect(grid('t7')).toEqual(expected);
    expect(grid('t10')).toEqual(expected);
  });
  it('T8 reversed: disagree first, N.v.t. stays last', () => {
    expect(heads('t8')).toEqual(['Helemaal oneens', 'Oneens', 'Niet eens/niet oneens', 'Eens', 'Helemaal eens', 'N.v.t.']);
    expect(grid('t8')[0]).toEqual(['Stelling 1', 8, 8, 8, 33, 25, 17]);
  });
  it('T9 item battery with item routing: sat_1 asked of 9 (5,3,1), sat_2 of 12 (4,4,4)', () => {
    expect(grid('t9')).toEqual([
      ['Voorziening 1', 56, 33, 11],
      ['Voorziening 2', 33, 33, 33],
    ]);
  });
  it('T11 ranking: reason A ranked first by 8 of 12', () => {
    expect(grid('t11')).toEqual([
      ['Reden A', 67, 33],
      ['Reden B', 33, 67],
    ]);
  });
  it('T24 grid with an N column per row and no N in the title', () => {
    expect(grid('t24')).toEqual([
      ['Voorziening 1', 56, 33, 11, 9],
      ['Voorziening 2', 33, 33, 33, 12],
    ]);
    expect(table('t24').nShown).toBeNull();
    expect(table('t24').rows[0].cells[3].format).toBe('count');
  });
});

describe('T12 trend', () => {
  it('published 2019 figures, microdata 2021, "Niet gevraagd" where 2019 has no figure', () => {
    expect(heads('tr')).toEqual(['2019', '2021']);
    expect(grid('tr')).toEqual([
      ['Stelling 1 eens', 60, 70], // 2021: 7 of 10 without N.v.t.
      ['Stelling 2 eens', 'Niet gevraagd', 45], // 5 of 11
      ['Gemiddeld cijfer', 6.1, 6.3], // 76/12 = 6.33
    ]);
    const t = table('tr');
    expect(t.rows[0].cells[0].flags).toContain('published');
    expect(t.rows[1].cells[0].flags).toContain('notAsked');
    expect(t.nShown).toBeNull();
    // SE a published share implies under SRS: sqrt(p(1-p)/(n-1)) with p = .60, n = 100
    expect(t.rows[0].cells[0].se).toBeCloseTo(Math.sqrt(0.6 * 0.4 / 99), 12);
    expect(t.rows[2].cells[1].decimals).toBe(1);
  });
});

describe('T13 two sub-questions', () => {
  it('each column has its own base and total', () => {
    expect(heads('t13')).toEqual(['Training (N=5)', 'Werkervaringsplaats (N=6)']);
    expect(grid('t13')).toEqual([
      ['Goed', 60, 17], // 3/5, 1/6
      ['Matig', 20, 33], // 1/5, 2/6
      ['Slecht', 20, 50], // 1/5, 3/6
      ['Totaal', 100, 100],
    ]);
  });
});

describe('T14–T17, T19, T21 split by subgroup', () => {
  it('T14 cross-tab: Totaal, Klein, Groot with their N', () => {
    expect(heads('t14')).toEqual(['Totaal (N=12)', 'Klein (N=6)', 'Groot (N=6)']);
    expect(grid('t14')).toEqual([
      ['Ja', 25, 50, 0], // 3/12, 3/6, 0/6
      ['Nee', 75, 50, 100],
    ]);
  });
  it('T14 with buckets, a total row and a mean row (report 3, Tabel 3)', () => {
    // aandeel klein 10,20,30,40,50,60; groot 0,0,100,20,30,40
    expect(grid('t14m')).toEqual([
      ['<=25%', 42, 33, 50], // 5/12; 10,20 of 6; 0,0,20 of 6
      ['> 25% en < 60%', 42, 50, 33], // 30,40,50; 30,40
      ['>=60%', 17, 17, 17], // 60; 100
      ['Totaal', 100, 100, 100],
      ['Gemiddeld', 33, 35, 32], // 400/12, 210/6, 190/6
    ]);
    expect(table('t14m').rows[4].role).toBe('mean');
  });
  it('T15 multiple response by subgroup over those asked', () => {
    expect(heads('t15')).toEqual(['Totaal (N=9)', 'Klein (N=3)', 'Groot (N=6)']);
    expect(grid('t15')).toEqual([
      ['Gesprekken', 56, 67, 50], // 5/9, 2/3, 3/6
      ['Training', 44, 33, 50], // 4/9, 1/3, 3/6
    ]);
  });
  it('T16 subgroup-split grid: outer header subgroup, inner the scale', () => {
    const t = table('t16');
    expect(t.columns).toHaveLength(18);
    expect(t.columns[6]).toEqual({ label: 'Helemaal eens', group: 'Klein', groupN: 6 });
    // Totaal 3,4,1,1,1,2 of 12; Klein (1,1,2,2,2,3) 2,3,1,0,0,0 of 6; Groot (4,5,9,9,2,1) 1,1,0,1,1,2 of 6
    expect(grid('t16')[0]).toEqual(['Stelling 1', 25, 33, 8, 8, 8, 17, 33, 50, 17, 0, 0, 0, 17, 17, 0, 17, 17, 33]);
  });
  it('T16 with the scale outside and the subgroups inside (report 3)', () => {
    const t = table('t16o');
    expect(t.columns.slice(0, 4)).toEqual([
      { label: 'Totaal', group: 'Helemaal eens', n: 10 },
      { label: 'Klein', group: 'Helemaal eens', n: 6 },
      { label: 'Groot', group: 'Helemaal eens', n: 4 },
      { label: 'Totaal', group: 'Eens', n: 10 },
    ]);
    // without N.v.t.: Totaal 3,4,1,1,1 of 10; Klein 2,3,1,0,0 of 6; Groot (4,5,2,1) 1,1,0,1,1 of 4
    expect(grid('t16o')[0]).toEqual(['Stelling 1', 30, 33, 25, 40, 50, 25, 10, 17, 0, 10, 0, 25, 10, 0, 25]);
  });
  it('T17 item share by subgroup', () => {
    expect(grid('t17')).toEqual([
      ['Stelling 1', 70, 83, 50], // 7/10, 5/6, 2/4
      ['Stelling 2', 45, 0, 100], // 5/11, 0/6, 5/5
    ]);
  });
  it('T19 mean rating and share ≤ 5 by subgroup', () => {
    expect(heads('t19')).toEqual(['Gemiddeld cijfer/Totaal', 'Gemiddeld cijfer/Klein', 'Gemiddeld cijfer/Groot', 'Aandeel onvoldoendes/Totaal', 'Aandeel onvoldoendes/Klein', 'Aandeel onvoldoendes/Groot']);
    // Klein 8,7,6,5,9,7 → 42/6 = 7.0 and 1/6; Groot 4,6,7,8,3,6 → 34/6 = 5.67 and 2/6
    expect(grid('t19')).toEqual([['Rapportcijfer', 6.3, 7, 5.7, 25, 17, 33]]);
  });
  it('T21 average share, overall and by subgroup with N in the row label', () => {
    expect(grid('t21')).toEqual([['Aandeel van de caseload (%)', 33]]); // 400/12
    expect(grid('t21b')).toEqual([
      ['Klein (N=6)', 35], // 210/6
      ['Groot (N=6)', 32], // 190/6 = 31.7
    ]);
  });
});

describe('T18 rating', () => {
  it('distribution 1–10, total, mean with one decimal and share ≤ 5', () => {
    expect(grid('t18')).toEqual([
      ['1', 0],
      ['2', 0],
      ['3', 8],
      ['4', 8],
      ['5', 8],
      ['6', 25],
      ['7', 25],
      ['8', 17],
      ['9', 8],
      ['10', 0],
      ['Totaal', 100],
      ['Gemiddeld cijfer', 6.3], // 76/12
      ['Aandeel onvoldoendes', 25], // 3, 4, 5: 3 of 12
    ]);
    const mean = table('t18').rows[11].cells[0];
    expect(mean).toMatchObject({ format: 'mean', decimals: 1 });
    expect(mean.estimate).toBeCloseTo(76 / 12, 12);
  });
});

describe('T20 buckets, T22 themes, T23 response, T25 funnel, T26 profile, T27 count + %, T28 overview', () => {
  it('T20 buckets of a derived variable (≤25: 5, 25–60: 5, ≥60: 2 of 12)', () => {
    expect(grid('t20')).toEqual([['Percentage', 42, 42, 17]]);
    expect(grid('t20lr')).toEqual([['Percentage', 42, 42, 16]]);
    expect(heads('t20')[0]).toBe('Aandeel in klassen/<=25%');
  });
  it('T22 theme counts sorted, "Overig" last, Eindtotaal', () => {
    expect(grid('t22')).toEqual([
      ['Snelheid', 6],
      ['Bereikbaarheid', 3],
      ['Overig', 2],
      ['Eindtotaal', 11],
    ]);
  });
  it('T23 sample and response per wave, or the given content', () => {
    expect(grid('t23')).toEqual([
      ['2019', '', '', ''],
      ['2021', 40, 12, 30],
    ]);
    expect(grid('t23b')).toEqual([
      ['Klein', 78, 26],
      ['Eindtotaal', 352, 130],
    ]);
  });
  it('T25 funnel: each row over its own base, N in the label', () => {
    expect(grid('t25')).toEqual([
      ['Kent u de regeling? (N=12)', 67, 33], // 8/12
      ['Aangevraagd? (N=8)', 38, 63], // 3/8 = 37.5, 5/8 = 62.5
    ]);
  });
  it('T26 profile blocks', () => {
    expect(grid('t26')).toEqual([
      ['Geslacht'],
      ['Man', 58], // 7/12
      ['Vrouw', 42],
      ['Gemeentegrootte'],
      ['Klein', 50],
      ['Groot', 50],
    ]);
  });
  it('T27 unweighted count beside the percentage', () => {
    expect(grid('t27')).toEqual([
      ['Ja', 3, 25],
      ['Nee', 9, 75],
      ['Totaal', 12, 100],
    ]);
  });
  it('T28 overview is a text grid', () => {
    expect(table('ov').stubHead).toBe('Onderzoek');
    expect(grid('ov')).toEqual([['Klantenquête', 'Ervaringen', 'juni-augustus 2021']]);
  });
});

describe('disclosure control', () => {
  it('columns with a base under the minimum are suppressed and noted', () => {
    const t = table('disc');
    expect(grid('disc')).toEqual([
      ['Ja', 25, null, null],
      ['Nee', 75, null, null],
    ]);
    expect(t.rows[0].cells[1].flags).toEqual(['suppressed']);
    expect(t.rows[0].cells[1].estimate).toBeNull();
    expect(t.notes).toContain('– Niet getoond: gebaseerd op minder dan 10 respondenten.');
  });
  it('a table with N under the minimum shows no number', () => {
    const t = table('disc2');
    expect(t.nShown).toBe(8);
    expect(t.rows.every((r) => r.cells.every((c) => c.shown === null && c.flags.includes('suppressed')))).toBe(true);
    expect(t.notes[0]).toBe('Niet getoond: de tabel is gebaseerd op minder dan 10 respondenten.');
  });
});

describe('disclosure uses the unrounded base', () => {
  it('N = 8 printed as 10 (to tens) is still under a minimum of 10', () => {
    const t = table('disc3');
    expect(t.nShown).toBe(10);
    expect(t.rows.every((r) => r.cells.every((c) => c.flags.includes('suppressed')))).toBe(true);
  });
});

describe('text references', () => {
  it('are filled with the numbers as printed, Dutch decimal comma', () => {
    const block = result.report.sections[0].blocks[0];
    expect(block).toEqual({ type: 'text', paragraphs: ['Een kwart werkt (25%, N=12); gemiddeld cijfer 6,3.'] });
  });
});

describe('subgroups not asked, low bases', () => {
  it('"Niet gevraagd" where the routing asked nobody of a group; lowBase flags small bases', () => {
    // g2q asked of grp == 2 only: Ja 1,1,2,1,2,2 → 3 of 6
    expect(grid('na')).toEqual([
      ['Stelling 1', 25, 33, 17], // target = first category (1): 3/12, 2/6, 1/6
      ['Alleen grote gemeenten', 50, 'Niet gevraagd', 50],
    ]);
    const t = table('na');
    expect(t.rows[1].cells[1].flags).toEqual(['notAsked']);
    expect(t.rows[0].cells[1].flags).toEqual(['lowBase']); // base 6 < 7
    expect(t.rows[0].cells[0].flags).toEqual([]); // base 12
  });
});

describe('T2 multiple response: the base row', () => {
  it('"Totaal 100%" after the options (also when sorted), with the base as n: those asked who answered', () => {
    // by hand from kinds-2021.csv: asked = werk 2; answered = hulp_1 or hulp_2 not empty
    const lines = readFileSync('test/fixtures/tables/kinds-2021.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const based = lines.filter((c) => c[2] === '2' && (c[3] !== '' || c[4] !== ''));
    const t = table('t2t');
    const last = t.rows[t.rows.length - 1];
    expect(last.label).toBe('Totaal');
    expect(last.role).toBe('total');
    expect(last.cells.map((c) => [c.shown, c.n, c.weightedN])).toEqual([[100, based.length, based.length]]); // unweighted design
    // sorting orders the options only; the base row stays last
    expect(t.rows.slice(0, -1).map((r) => r.label).sort()).toEqual(['Gesprekken', 'Training']);
    expect(t.nShown).toBe(based.length);
    // by subgroup: one 100% per column with that column's base
    const b = table('t15t');
    const total = b.rows[b.rows.length - 1];
    const perGroup = ['1', '2'].map((g) => based.filter((c) => c[1] === g).length);
    expect(total.cells.map((c) => [c.shown, c.n])).toEqual([
      [100, based.length],
      [100, perGroup[0]],
      [100, perGroup[1]],
    ]);
    expect(b.columns.map((c) => c.n)).toEqual([based.length, ...perGroup]);
  });
});
