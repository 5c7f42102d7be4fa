/**
 * The N in titles ({N}, {N:question}, nLabel), its place in split grids (nPlacement) and item
 * subsets of a grid, over test/fixtures/tables/titles-study.yaml: the 12 hand-made respondents
 * of kinds-2021.csv, unweighted, so every N and percentage below is a hand count written out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { captionText } from '../../src/report/format.js';
import { renderHtmlTable } from '../../src/report/html.js';
import { buildJson } from '../../src/report/json.js';
import { renderTextTable } from '../../src/report/terminal.js';
import { buildWorkbook } from '../../src/report/xlsx.js';
import { computeStudy, type StudyResult } from '../../src/study/index.js';
import type { Cell, Table } from '../../src/tables/model.js';

let result: StudyResult;
beforeAll(async () => {
  result = await computeStudy('test/fixtures/tables/titles-study.yaml');
});

const table = (id: string): Table => {
  const t = result.tables.get(id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
};
const show = (c: Cell): number | string | null => c.text ?? c.shown;
const grid = (id: string): (string | number | null)[][] => table(id).rows.map((r) => [r.label, ...r.cells.map(show)]);

describe('N per question in the title (Tozo Tabel 19)', () => {
  it('fills {N:kent} and {N:aanvr} from the data and prints no N after the title', () => {
    const t = table('tozo');
    // kent: all 12 answered (8 Ja, 4 Nee); aanvr asked only if kent == 1: rows 1–8, all answered
    expect(t.title).toBe('Kent u de regeling? (N=12)/Aangevraagd? (N=8)');
    expect(captionText(t, 'nl-NL')).toBe('Tabel 19 Kent u de regeling? (N=12)/Aangevraagd? (N=8)');
    // the table's own N stays known for text references and tables.json
    expect(t.nShown).toBe(12);
    expect(grid('tozo')).toEqual([
      ['Kent u de regeling?', 67, 33], // 8/12, 4/12
      ['Aangevraagd?', 38, 63], // 3/8 = 37.5, 5/8 = 62.5 (each rounded half up)
    ]);
    // the N in the title is the base of that question's row
    expect(t.rows.map((r) => r.cells[0].n)).toEqual([12, 8]);
  });

  it('{N:question} leaves out N.v.t. where the kind does (likert5) and keeps it where it does not (likert5Nvt)', () => {
    // st1: 1,1,2,2,2,3,4,5,9,9,2,1 with 9 = N.v.t. → 10 without, 12 with
    expect(table('l5').title).toBe('Stelling 1 (N=10)');
    expect(table('l5').rows[0].cells[0].n).toBe(10);
    expect(table('l5n').title).toBe('Stelling 1 (N=12)');
    expect(table('l5n').rows[0].cells[0].n).toBe(12);
  });
});

describe('{N:question} is the base the table uses, for every grid kind', () => {
  // st1 has two N.v.t. (code 9): 10 where the kind leaves N.v.t. out, 12 where it keeps it
  const expected: Record<string, number> = {
    k_likert3: 10,
    k_likert4: 12,
    k_likertReversed: 12,
    k_itemGrid: 12,
    k_yesNoGrid: 10,
    k_ranking: 10,
    k_itemGridWithN: 10,
    k_likert5x: 12,
  };
  for (const [id, n] of Object.entries(expected)) {
    it(`${id}: N=${n}, the row's base`, () => {
      expect(table(id).title).toBe(`N=${n}`);
      expect(table(id).rows.find((r) => r.role === 'data')!.cells[0].n).toBe(n);
    });
  }
});

describe('the N after the title in the spec\'s own words (nLabel)', () => {
  it('"(Meerdere antwoorden mogelijk; N=9)"', () => {
    const t = table('mr');
    // hulp asked if werk == 2: rows 4–12, all answered
    expect(t.nShown).toBe(9);
    expect(t.nText).toBe('(Meerdere antwoorden mogelijk; N=9)');
    expect(captionText(t, 'nl-NL')).toBe('Tabel 9a Welke hulp? (Meerdere antwoorden mogelijk; N=9)');
    expect(renderHtmlTable(t, 0, 'nl-NL')).toContain('Welke hulp? (Meerdere antwoorden mogelijk; N=9)</span>');
    expect(renderTextTable(t, 'nl-NL').split('\n')[0]).toBe('Tabel 9a Welke hulp? (Meerdere antwoorden mogelijk; N=9)');
    expect(grid('mr')).toEqual([
      ['Gesprekken', 56], // hulp_1 over rows 4–12: 1,1,0,1,0,0,1,1,0 = 5/9
      ['Training', 44], // hulp_2: 0,0,1,0,1,1,1,0,0 = 4/9
    ]);
  });

  it('{N} inside the title, the footnote marker after it', () => {
    const t = table('inner');
    expect(t.title).toBe('Werk (N=12), alle respondenten1)');
    expect(t.nText).toBe('');
    expect(captionText(t, 'nl-NL')).toBe('Tabel 3 Werk (N=12), alle respondenten1)');
  });

  it('the title with its N in the XLSX sheet and tables.json', () => {
    const report = { title: 'T', locale: 'nl-NL', sections: [{ heading: 'H', blocks: ['tozo', 'mr'].map((id) => ({ type: 'table' as const, table: table(id) })) }] };
    const ws = buildWorkbook(report).getWorksheet('T19')!;
    expect(ws.getCell(1, 1).value).toBe('Tabel 19 Kent u de regeling? (N=12)/Aangevraagd? (N=8)');
    const json = buildJson(report);
    expect(json.tables.map((x) => [x.title, x.n, x.nText])).toEqual([
      ['Kent u de regeling? (N=12)/Aangevraagd? (N=8)', 12, ''],
      ['Welke hulp?', 9, '(Meerdere antwoorden mogelijk; N=9)'],
    ]);
  });
});

describe('item subsets of a grid', () => {
  it('only the items named, in their order', () => {
    // st2: 5,4,4,3,3,3,2,1,1,9,1,2 → without the one N.v.t. 11: HE 3, E 2, N 3, O 2, HO 1
    // st1 over 10 (two N.v.t.): HE 3, E 4, N 1, O 1, HO 1
    expect(grid('sub')).toEqual([
      ['Stelling 2', 27, 18, 27, 18, 9],
      ['Stelling 1', 30, 40, 10, 10, 10],
    ]);
    expect(grid('l5')).toHaveLength(1);
  });
});

describe('N placement in split grids (report 6 ".a" tables)', () => {
  it('default: once in the group header', () => {
    const t = table('byg');
    // Klein rows 1–6 (st1 1,1,2,2,2,3), Groot rows 7–12 (4,5,9,9,2,1): 6 each, N.v.t. kept by itemGridBy
    expect(t.columns.map((c) => [c.group, c.groupN, c.n])).toEqual([...Array(6).fill(['Klein', 6, undefined]), ...Array(6).fill(['Groot', 6, undefined])]);
    const html = renderHtmlTable(t, 0, 'nl-NL');
    expect(html).toContain('class="group">Klein<span class="n">(N=6)</span></th>');
    expect(html.match(/\(N=6\)/g)).toHaveLength(2);
    const text = renderTextTable(t, 'nl-NL');
    expect(text.match(/Klein \(N=6\)/g)).toHaveLength(1);
    const report = { title: 'T', locale: 'nl-NL', sections: [{ heading: 'H', blocks: [{ type: 'table' as const, table: t }] }] };
    const ws = buildWorkbook(report).getWorksheet('T7')!;
    expect(ws.getCell(3, 2).value).toBe('Klein (N=6)');
    expect(ws.getCell(4, 2).value).toBe('Helemaal eens');
  });

  it('nPlacement: columns puts it under every answer column', () => {
    const t = table('byc');
    expect(t.columns.map((c) => [c.group, c.groupN, c.n])).toEqual([...Array(6).fill(['Klein', undefined, 6]), ...Array(6).fill(['Groot', undefined, 6])]);
    expect(renderHtmlTable(t, 0, 'nl-NL').match(/\(N=6\)/g)).toHaveLength(12);
  });
});
