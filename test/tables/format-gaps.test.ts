/**
 * Spec features that report 1A needed (the worked example's former "schema gaps"): published
 * figures of an earlier wave in a file of their own (inline still works), a title without N,
 * a footnote marker after the title, and column labels as printed. Data by hand: 10
 * respondents, q = 1 (Ja) for 4 of them → 40%; Nee 60%.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SpecError } from '../../src/spec/index.js';
import { computeStudy, type StudyResult } from '../../src/study/index.js';

const DATA = 'q\n1\n1\n2\n2\n1\n2\n2\n2\n1\n2\n';
const spec = (wave2017: string): string => `
study: { id: gaps, title: Gaps, specVersion: 1, locale: nl-NL }
waves:
  - { year: 2017, published: { t: { rows: { q: 55 } } } }
  - ${wave2017}
  - { year: 2021, data: b.csv, weighting: none }
questions:
  - { id: q, wording: Q, type: single, categories: [{ code: 1, label: Ja }, { code: 2, label: Nee }] }
tables:
  - id: t
    number: 1
    kind: trend
    title: Trend
    footnoteMark: 1)
    rows: [{ key: q, variable: q, label: Q ja, codes: [1] }]
    notes: ['1)  Anders gevraagd in 2021.']
    options: { waveTest: false, showN: false }
  - { id: f, number: 2, kind: frequency, title: Verdeling, questions: q, columnLabels: [Aandeel] }
`;

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-gaps-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('format gaps of report 1A, closed', () => {
  it('reads published figures inline and from a file, relative to the spec', async () => {
    const dir = dirWith({
      'b.csv': DATA,
      'p2019.yaml': '# figures of 2019\nt:\n  rows: { q: 48 }\n',
      'study.yaml': spec('{ year: 2019, published: p2019.yaml }'),
    });
    const r = await computeStudy(join(dir, 'study.yaml'));
    const t = r.tables.get('t')!;
    expect(t.columns.map((c) => c.label)).toEqual(['2017', '2019', '2021']);
    expect(t.rows[0].cells.map((c) => c.shown)).toEqual([55, 48, 40]); // inline, file, 4/10
    expect(t.rows[0].cells[1].flags).toContain('published');
  });

  it('leaves the N out of the title, and puts the footnote marker after it', async () => {
    const dir = dirWith({ 'b.csv': DATA, 'p.yaml': 't: { rows: { q: 48 } }\n', 'study.yaml': spec('{ year: 2019, published: p.yaml }') });
    const r = await computeStudy(join(dir, 'study.yaml'));
    const t = r.tables.get('t')!;
    expect(t.nShown).toBeNull();
    expect(t.title).toBe('Trend1)');
    expect(t.footnoteMark).toBe('1)');
    expect(t.notes).toEqual(['1)  Anders gevraagd in 2021.']);
    const f = r.tables.get('f')!;
    expect(f.nShown).toBe(10);
    expect(f.columns.map((c) => c.label)).toEqual(['Aandeel']);
    expect(f.rows.map((x) => [x.label, x.cells[0].shown])).toEqual([['Ja', 40], ['Nee', 60]]);
  });

  it('names the published file and its line when its figures are wrong', async () => {
    const dir = dirWith({ 'b.csv': DATA, 'p.yaml': '# 2019\nt:\n  rows:\n    q: veel\n', 'study.yaml': spec('{ year: 2019, published: p.yaml }') });
    const e = await computeStudy(join(dir, 'study.yaml')).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(SpecError);
    const issue = (e as SpecError).issues[0];
    expect(issue.file).toBe(join(dir, 'p.yaml'));
    expect(issue.line).toBe(4);
    expect(issue.field).toBe('t.rows.q');
  });

  it('names the spec field when the published file is missing', async () => {
    const dir = dirWith({ 'b.csv': DATA, 'study.yaml': spec('{ year: 2019, published: nowhere.yaml }') });
    const e = (await computeStudy(join(dir, 'study.yaml')).catch((x: unknown) => x)) as SpecError;
    expect(e).toBeInstanceOf(SpecError);
    expect(e.issues[0].field).toBe('waves[1].published');
    expect(e.issues[0].line).toBe(5);
    expect(e.message).toContain('cannot read the file of published figures');
  });
});

describe('format gaps of report 6, closed', () => {
  // 6 respondents: g = 1, 1, 1, 2, 2, 2; c = 1 for everyone; x = 1, 2, 1, 2, 2, 2
  const data = 'g,c,x\n1,1,1\n1,1,2\n1,1,1\n2,1,2\n2,1,2\n2,1,2\n';
  const spec = `
study: { id: r6, title: R6, specVersion: 1, locale: nl-NL }
waves: [{ year: 2021, data: d.csv, weighting: none }]
questions:
  - { id: c, wording: C, type: single, categories: [{ code: 1, label: Eén keer of meer }, { code: 2, label: Nooit }] }
  - { id: x, wording: X, type: single, categories: [{ code: 1, label: Ja }, { code: 2, label: Nee }] }
background: [{ id: g, label: G, categories: [{ code: 1, label: Klein }, { code: 2, label: Groot }] }]
subgroups: [{ id: s, label: S, variable: g, total: true, groups: [{ label: Klein, codes: 1 }, { label: Groot, codes: 2 }] }]
defaults: { minBase: 1, significance: { level: 0.05 } }
tables:
  - { id: a, number: 1, kind: crossTab, title: A, questions: c, options: { by: s } }
  - { id: b, number: 2, kind: crossTab, title: B, questions: x, options: { by: s, byTotal: false } }
  - id: p
    number: 3
    kind: populationSampleResponse
    title: P
    content:
      columns: [Klasse, { label: n, group: Populatie }, { label: n, group: Respons }]
      rows: [{ label: Klein, cells: [10, 3] }, { label: Eindtotaal, cells: [20, 6] }]
`;
  let r: StudyResult;
  beforeAll(async () => {
    const dir = dirWith({ 'd.csv': data, 'study.yaml': spec });
    r = await computeStudy(join(dir, 'study.yaml'));
  });

  it('a question everyone answers alike is tabulated (0% printed) without a test', () => {
    const a = r.tables.get('a')!;
    expect(a.columns.map((c) => [c.label, c.n])).toEqual([['Totaal', 6], ['Klein', 3], ['Groot', 3]]);
    expect(a.rows.map((x) => [x.label, ...x.cells.map((c) => c.shown)])).toEqual([
      ['Eén keer of meer', 100, 100, 100],
      ['Nooit', 0, 0, 0],
    ]);
    expect(a.notes).toEqual([]);
  });

  it('byTotal: false leaves the Totaal column out of one table only', () => {
    const b = r.tables.get('b')!;
    // Klein: Ja 2 of 3 = 67%, Nee 33%; Groot: Ja 0 of 3, Nee 100%
    expect(b.columns.map((c) => c.label.replace('*', ''))).toEqual(['Klein', 'Groot']);
    expect(b.rows.map((x) => x.cells.map((c) => c.shown))).toEqual([[67, 0], [33, 100]]);
  });

  it('content columns may sit under a spanning group header', () => {
    const p = r.tables.get('p')!;
    expect(p.stubHead).toBe('Klasse');
    expect(p.columns).toEqual([{ label: 'n', group: 'Populatie' }, { label: 'n', group: 'Respons' }]);
    expect(p.rows.map((x) => x.role)).toEqual(['data', 'total']);
  });
});

describe('format gaps of report 2, closed', () => {
  // 4 respondents: a = 10, 20, 30, 40 (mean 25); b = 50, 50, 70, 70 (mean 60); themes t1 = 1, 2, 0, 1; t9 = 0, 0, 1, 0
  const data = 'a,b,t1,t9\n10,50,1,0\n20,50,2,0\n30,70,0,1\n40,70,1,0\n';
  const spec = `
study: { id: r2, title: R2, specVersion: 1, locale: nl-NL }
waves: [{ year: 2020, data: d.csv, weighting: none }]
questions:
  - { id: p, wording: Welk deel …, type: numbers, items: [{ variable: a, label: …deel A }, { variable: b, label: …deel B }] }
background:
  - { id: th, label: Thema's, type: multiple, items: [{ variable: t1, label: Caseload }, { variable: t9, label: Overig }] }
defaults: { minBase: 1 }
tables:
  - { id: av, number: 1, kind: averageShare, title: AV, questions: p, rowLabels: [Deel A, Deel B] }
  - { id: th, number: 2, kind: themes, title: TH, questions: th, options: { totalLabel: Totaal } }
`;
  it('a numbers battery averages per item; rowLabels and totalLabel replace the computed labels', async () => {
    const dir = dirWith({ 'd.csv': data, 'study.yaml': spec });
    const r = await computeStudy(join(dir, 'study.yaml'));
    const av = r.tables.get('av')!;
    expect(av.rows.map((x) => [x.label, x.cells[0].shown])).toEqual([['Deel A', 25], ['Deel B', 60]]);
    expect(av.nShown).toBe(4);
    const th = r.tables.get('th')!;
    expect(th.rows.map((x) => [x.label, x.cells[0].shown])).toEqual([['Caseload', 4], ['Overig', 1], ['Totaal', 5]]);
  });

  it('more rowLabels than rows is an error naming the field', async () => {
    const dir = dirWith({ 'd.csv': data, 'study.yaml': spec.replace('rowLabels: [Deel A, Deel B]', 'rowLabels: [A, B, C]') });
    await expect(computeStudy(join(dir, 'study.yaml'))).rejects.toThrow(/2 data rows but 3 rowLabels/);
  });
});

describe('format gaps of report 4, closed: back-coding "Anders, namelijk"', () => {
  // 5 respondents: v = 1, 3, 3, 2, 3 with texts for the three "Anders": "overleg", "x", "overleg"
  const data = 'id,v,v_txt\n1,1,\n2,3,overleg\n3,3,x\n4,2,\n5,3,overleg\n';
  const spec = (rules: string): string => `
study: { id: r4, title: R4, specVersion: 1, locale: nl-NL }
waves: [{ year: 2021, data: d.csv, weighting: none }]
questions:
  - id: v
    wording: V
    type: single
    categories: [{ code: 1, label: A }, { code: 2, label: B }, { code: 3, label: 'Anders, namelijk', special: other, textVariable: v_txt }]
background: [{ id: id, label: Id, type: number }]
derived:
  - { id: v2, type: backcode, from: v, rules: ${rules} }
defaults: { minBase: 1 }
tables:
  - { id: t, number: 1, kind: frequency, title: T, questions: v2 }
`;
  it('moves the "Anders" answers whose rule holds, keeps the others (by text or by id)', async () => {
    for (const rules of ['[{ code: 2, when: v_txt == "overleg" }]', '[{ code: 2, when: "id in [2, 5]" }]']) {
      const dir = dirWith({ 'd.csv': data, 'study.yaml': spec(rules) });
      const r = await computeStudy(join(dir, 'study.yaml'));
      // A 1 of 5 = 20%, B 1 + 2 moved = 60%, Anders 1 left = 20%
      expect(r.tables.get('t')!.rows.map((x) => [x.label, x.cells[0].shown])).toEqual([['A', 20], ['B', 60], ['Anders, namelijk', 20]]);
    }
  });

  it('a rule to a code the question does not have is an error naming the field', async () => {
    const dir = dirWith({ 'd.csv': data, 'study.yaml': spec('[{ code: 7, when: "id == 2" }]') });
    const e = (await computeStudy(join(dir, 'study.yaml')).catch((x: unknown) => x)) as SpecError;
    expect(e).toBeInstanceOf(SpecError);
    expect(e.issues[0].field).toBe('derived[0].rules[0].code');
    expect(e.message).toContain('code 7 is not a category of "v"');
  });
});

describe('format gaps of report 3, closed: parallel questionnaires stacked in one wave', () => {
  // Wajong file: q = 1, 1, 2 and w (asked only in Wajong) = 1, 2, 2; WW file: q = 2, 2, 2, 1, no column w
  const wajong = 'q,w\n1,1\n1,2\n2,2\n';
  const ww = 'q,t\n2,x\n2,\n2,y\n1,z\n';
  const spec = (data: string): string => `
study: { id: r3, title: R3, specVersion: 1, locale: nl-NL }
waves:
  - { year: 2021, data: ${data}, stackVariable: regeling, weighting: none }
questions:
  - { id: q, wording: Q, type: single, categories: [{ code: 1, label: Ja }, { code: 2, label: Nee }] }
  - { id: w, wording: W, type: single, askedIf: regeling == 1, categories: [{ code: 1, label: Ja }, { code: 2, label: Nee }] }
  - { id: t, wording: T, type: open, askedIf: regeling == 3 }
background:
  - { id: regeling, label: Regeling, categories: [{ code: 1, label: Wajong }, { code: 3, label: WW }] }
subgroups:
  - { id: reg, label: Regeling, variable: regeling, total: false, groups: [{ label: Wajong, codes: 1 }, { label: WW, codes: 3 }] }
defaults: { minBase: 1 }
tables:
  - { id: x, number: 1, kind: crossTab, title: X, questions: q, options: { by: reg } }
  - { id: y, number: 2, kind: frequency, title: Y, questions: w }
`;
  it('stacks the files with the source variable; a question of one questionnaire is over its rows only', async () => {
    const dir = dirWith({ 'wajong.csv': wajong, 'ww.csv': ww, 'study.yaml': spec('[{ file: wajong.csv, code: 1 }, { file: ww.csv, code: 3 }]') });
    const r = await computeStudy(join(dir, 'study.yaml'));
    const x = r.tables.get('x')!;
    // Wajong: Ja 2 of 3 = 67%, Nee 33%; WW: Ja 1 of 4 = 25%, Nee 75%
    expect(x.columns.map((c) => [c.label, c.n])).toEqual([['Wajong', 3], ['WW', 4]]);
    expect(x.rows.map((row) => row.cells.map((c) => c.shown))).toEqual([[67, 25], [33, 75]]);
    const y = r.tables.get('y')!;
    expect(y.nShown).toBe(3); // w only in the Wajong file: Ja 1 of 3 = 33%
    expect(y.rows.map((row) => row.cells[0].shown)).toEqual([33, 67]);
  });

  it('several files without stackVariable is an error naming the field', async () => {
    const dir = dirWith({ 'wajong.csv': wajong, 'ww.csv': ww, 'study.yaml': spec('[{ file: wajong.csv, code: 1 }, { file: ww.csv, code: 3 }]').replace(', stackVariable: regeling', '') });
    const e = (await computeStudy(join(dir, 'study.yaml')).catch((x: unknown) => x)) as SpecError;
    expect(e).toBeInstanceOf(SpecError);
    expect(e.issues.map((i) => i.field)).toContain('waves[0].data');
  });
});

describe('population/sample/response from a sampling frame', () => {
  // 5 units: strata 1,1,2,2,2; inhabitants 1000, 3000, 10000, 20000, 30000; drawn 1,0,1,1,1; responded 1,0,0,1,1
  const frame = 'k,inw,s,r\n1,1000,1,1\n1,3000,0,0\n2,10000,1,0\n2,20000,1,1\n2,30000,1,1\n';
  const spec = `
study: { id: f, title: F, specVersion: 1, locale: nl-NL }
waves: [{ year: 2021, data: d.csv, weighting: none }]
questions: [{ id: q, wording: Q, type: number }]
background: [{ id: k, label: Klasse, categories: [{ code: 1, label: Klein }, { code: 2, label: Groot }] }]
tables:
  - id: p
    number: 1
    kind: populationSampleResponse
    title: P
    frame: { file: kader.csv, by: k, sampled: s, responded: r, sums: [{ variable: inw, label: Inwoners (dzd), divide: 1000 }] }
`;
  it('counts units and sums per stratum in population, sample and response', async () => {
    const dir = dirWith({ 'd.csv': 'q,k\n1,1\n2,2\n', 'kader.csv': frame, 'study.yaml': spec });
    const t = (await computeStudy(join(dir, 'study.yaml'))).tables.get('p')!;
    expect(t.stubHead).toBe('Klasse');
    expect(t.columns.map((c) => `${c.group}/${c.label}`)).toEqual(['Populatie/Aantal', 'Populatie/Inwoners (dzd)', 'Steekproef/Aantal', 'Steekproef/Inwoners (dzd)', 'Respons/Aantal', 'Respons/Inwoners (dzd)']);
    expect(t.rows.map((r) => [r.label, ...r.cells.map((c) => c.shown)])).toEqual([
      ['Klein', 2, 4, 1, 1, 1, 1],
      ['Groot', 3, 60, 3, 60, 2, 50],
      ['Eindtotaal', 5, 64, 4, 61, 3, 51],
    ]);
  });

  it('a missing frame file is an error naming the field', async () => {
    const dir = dirWith({ 'd.csv': 'q,k\n1,1\n2,2\n', 'study.yaml': spec });
    const e = (await computeStudy(join(dir, 'study.yaml')).catch((x: unknown) => x)) as Error & { location: { field?: string } };
    expect(e.message).toContain('sampling frame of table 1 does not exist');
    expect(e.location.field).toBe('tables[0].frame.file');
  });
});
