/** Derived variables and list-encoded multiple response, on 8 hand-made rows. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeStudy, type StudyResult } from '../../src/study/index.js';

const CSV = `id,q,hulp,n
1,1,"1;3",3
2,2,2,7
3,3,,12
4,4,"1,2",
5,5,1 3,20
6,9,3,1
7,1,,5
8,2,2,9
`;
const SPEC = `
study: { id: d, title: Afgeleid, specVersion: 1, locale: en-GB }
waves: [{ year: 2021, data: d.csv, weighting: none }]
scales:
  eens5: [{ code: 1, label: A1 }, { code: 2, label: A2 }, { code: 3, label: A3 }, { code: 4, label: A4 }, { code: 5, label: A5 }, { code: 9, label: NA, special: notApplicable }]
questions:
  - { id: q, wording: Q, type: single, categories: eens5 }
  - id: hulp
    wording: Help
    type: multiple
    encoding: list
    items: [{ code: 1, label: Talks }, { code: 2, label: Training }, { code: 3, label: None }]
  - { id: n, wording: Number, type: number }
derived:
  - id: q3
    type: collapse
    from: q
    groups: [{ label: Agree, codes: [1, 2] }, { label: Neutral, codes: [3] }, { label: Disagree, codes: [4, 5] }]
  - id: qr
    type: recode
    from: q
    map: { '1': 1, '2': 1 }
    else: 0
    categories: [{ code: 1, label: Agree }, { code: 0, label: Other }]
  - { id: nhulp, type: count, of: hulp }
  - { id: big, type: expression, condition: 'n >= 9 and q != 9' }
  - id: nk
    type: buckets
    from: n
    buckets: [{ label: low, below: 5 }, { label: mid, max: 10 }, { label: high, min: 10 }]
defaults: { minBase: 1 }
tables:
  - { id: c, number: 1, kind: frequency, title: Collapsed, questions: q3 }
  - { id: r, number: 2, kind: frequency, title: Recoded, questions: qr }
  - { id: m, number: 3, kind: multipleResponse, title: Help, questions: hulp }
  - { id: a, number: 4, kind: averageShare, title: Count, questions: nhulp }
  - { id: e, number: 5, kind: frequency, title: Expression, questions: big }
  - { id: b, number: 6, kind: frequency, title: Buckets, questions: nk }
`;

let result: StudyResult;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-derived-'));
  writeFileSync(join(dir, 'd.csv'), CSV);
  writeFileSync(join(dir, 'study.yaml'), SPEC);
  result = await computeStudy(join(dir, 'study.yaml'));
});
const col = (id: string) => result.tables.get(id)!.rows.map((r) => [r.label, r.cells[0].shown]);

describe('derived variables', () => {
  it('without sections the report has one section with every table in spec order', () => {
    expect(result.report.sections).toHaveLength(1);
    expect(result.report.sections[0].heading).toBe('Afgeleid');
    expect(result.report.sections[0].blocks.map((b) => (b.type === 'table' ? b.table.id : ''))).toEqual(['c', 'r', 'm', 'a', 'e', 'b']);
    expect(result.report.locale).toBe('en-GB');
  });
  it('collapse: q = 1,2,3,4,5,9,1,2 → Agree 4, Neutral 1, Disagree 2 of 7 (N.v.t. not in a group → missing)', () => {
    expect(col('c')).toEqual([
      ['Agree', 57], // 4/7
      ['Neutral', 14], // 1/7
      ['Disagree', 29], // 2/7
    ]);
    expect(result.tables.get('c')!.nShown).toBe(7);
  });
  it('recode with else: 1,2 → 1; others (3,4,5,9) → 0', () => {
    expect(col('r')).toEqual([
      ['Agree', 50], // 4/8
      ['Other', 50],
    ]);
  });
  it('list-encoded multiple response: "1;3", "2", "", "1,2", "1 3", "3", "", "2" → 6 answered', () => {
    expect(col('m')).toEqual([
      ['Talks', 50], // rows 1, 4, 5 of 6
      ['Training', 50], // rows 2, 4, 8
      ['None', 50], // rows 1, 5, 6
    ]);
    expect(result.tables.get('m')!.nShown).toBe(6);
  });
  it('count of a multiple-response set: 2,1,–,2,2,1,–,1 → mean 9/6 = 1.5 (printed whole as the average-share table does)', () => {
    const c = result.tables.get('a')!.rows[0].cells[0];
    expect(c.estimate! * 100).toBeCloseTo(1.5, 12);
  });
  it('expression: n >= 9 and q != 9 → rows 3, 5, 8 of 8 (missing n counts as not holding)', () => {
    expect(col('e')).toEqual([
      ['Yes', 38], // 3/8 = 37.5
      ['No', 63],
    ]);
  });
  it('buckets: n = 3,7,12,–,20,1,5,9 → low 2, mid 3, high 2 of 7', () => {
    expect(col('b')).toEqual([
      ['low', 29], // 3, 1
      ['mid', 43], // 7, 5, 9
      ['high', 29], // 12, 20
    ]);
  });
});
