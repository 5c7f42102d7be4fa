import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertFieldable, buildQuestionnaire, checkFieldable } from '../../../src/fieldwork/questionnaire/index.js';
import { formatIssue, loadSpec, parseSpec, SpecError } from '../../../src/spec/load.js';
import { allTypesYaml } from './fixture.js';

const base = `study: { id: s, title: Test, specVersion: 1, locale: nl-NL }
waves:
  - { year: 2021, data: d.csv, fieldwork: { from: 2021-06-15, to: 2021-08-15 } }
scales:
  janee: [{ code: 1, label: Ja }, { code: 2, label: Nee }]
background:
  - { id: leeftijd, label: Leeftijd, type: number }
derived:
  - { id: jong, type: expression, condition: leeftijd < 27 }
questions:
  - { id: a, wording: A?, type: single, categories: janee }
  - { id: b, wording: B?, type: single, categories: janee, askedIf: c == 1 }
  - { id: c, wording: C?, type: single, categories: janee }
  - { id: d, wording: D?, type: single, categories: janee, askedIf: jong == 1 }
  - { id: e, wording: E?, type: single, categories: janee, askedIf: leeftijd < 27 }
  - id: f
    wording: F?
    type: grid
    categories: [{ code: 1, label: Ja }, { code: 3, label: Anders, textVariable: f_anders }]
    items: [{ label: een, exclusive: true }]
  - { id: g, wording: G?, type: single, categories: janee, askedIf: a == 1 }
tables:
  - { id: t1, number: 1, kind: frequency, title: A, questions: a }
`;

describe('checkFieldable', () => {
  it('lists every problem at once, each with file, line and field', () => {
    const text =
      base +
      `fieldwork:
  wave: 2020
  opens: 2021-09-01
  closes: 2021-06-01T10:00
  timezone: Mars/Olympus
  pages:
    - { id: p1, questions: [a, g, zz] }
    - { id: p1, questions: [c, a] }
    - { id: p3, questions: [b, d, e, f] }
`;
    const issues = checkFieldable(parseSpec(text, 'study.yaml')).map(formatIssue);
    expect(issues).toEqual([
      'study.yaml:25, field "fieldwork.wave": wave 2020 is not a wave of this study (waves: 2021)',
      'study.yaml:30, field "fieldwork.pages[0].questions[2]": page "p1" names unknown question "zz"',
      'study.yaml:31, field "fieldwork.pages[1].id": page id "p1" is used twice',
      'study.yaml:31, field "fieldwork.pages[1].questions[1]": question "a" is on two pages ("p1" and "p1")',
      'study.yaml:14, field "questions[3].askedIf": routing refers to derived variable "jong", which the web questionnaire cannot compute; refer to the questions it is made from',
      'study.yaml:15, field "questions[4].askedIf": routing refers to background variable "leeftijd", which is not among fieldwork.registerColumns; add "leeftijd" there so its value is imported with the sample, or route on an earlier answer',
      'study.yaml:19, field "questions[5].categories": grid "f" has an "Anders, namelijk" text (textVariable) on its scale; a grid cannot show one text box per statement: ask the text as a separate open question',
      'study.yaml:20, field "questions[5].items[0].exclusive": "exclusive" applies to options of a multiple response question; "f" is a grid question',
      'study.yaml:21, field "questions[6].askedIf": routing refers to question "a" on the same page; the page cannot know the answer before it is sent, so put "g" on a later page',
      'study.yaml:28, field "fieldwork.timezone": "Mars/Olympus" is not a known time zone (write e.g. Europe/Amsterdam)',
      'study.yaml:27, field "fieldwork.closes": the questionnaire closes (2021-06-01T10:00) before it opens (2021-09-01)',
    ]);
  });

  it('routing to a later question, and the wave dates', () => {
    const text =
      base.replace('askedIf: jong == 1', 'askedIf: a == 1').replace('askedIf: leeftijd < 27', 'askedIf: a == 2').replace(', textVariable: f_anders', '').replace(', exclusive: true', '') +
      `fieldwork:
  registerColumns: [leeftijd]
  opens: 2021-06-01T09:00
  closes: 2021-08-31
`;
    const issues = checkFieldable(parseSpec(text, 'study.yaml')).map(formatIssue);
    expect(issues).toEqual([
      'study.yaml:12, field "questions[1].askedIf": routing refers to question "c", which comes later in the questionnaire; routing may only look back',
      'study.yaml:26, field "fieldwork.opens": the questionnaire opens (2021-06-01T09:00) before the fieldwork of wave 2021 starts (2021-06-15, waves[0].fieldwork.from)',
      'study.yaml:27, field "fieldwork.closes": the questionnaire closes (2021-08-31) after the fieldwork of wave 2021 ends (2021-08-15, waves[0].fieldwork.to)',
    ]);
  });

  it('routing on a register variable: allowed in personal mode when it is a register column, refused in open mode', () => {
    const routed = base.replace('askedIf: jong == 1', 'askedIf: a == 1').replace('askedIf: c == 1', 'askedIf: a == 1').replace(', textVariable: f_anders', '').replace(', exclusive: true', '');
    const pages = `  pages:
    - { id: p1, questions: [a] }
    - { id: p2, questions: [b, c, d, e, f, g] }
`;
    const personal = `${routed}fieldwork:\n  registerColumns: [leeftijd]\n${pages}`;
    expect(checkFieldable(parseSpec(personal, 'study.yaml')).map(formatIssue)).toEqual([]);
    const open = `${routed}fieldwork:\n  mode: open\n  registerColumns: [leeftijd]\n${pages}`;
    expect(checkFieldable(parseSpec(open, 'study.yaml')).map(formatIssue)).toEqual([
      'study.yaml:15, field "questions[4].askedIf": routing refers to background variable "leeftijd", but an open link (fieldwork.mode: open) has no sample to take it from: ask it as a question, or route on an earlier answer',
    ]);
  });

  it('a question of the wave on no page; impossible dates', () => {
    const text =
      allTypesYaml().replace(/  opens: [^\n]+\n  closes: [^\n]+\n/, '  opens: 2021-02-30\n  closes: 2021-08-15T25:00\n') +
      `  pages:\n    - { id: een, questions: [werk] }\n    - { id: twee, title: Werk, questions: [uren, belem, kanaal, reint, cijfer, caseload, oud] }\n`;
    const issues = checkFieldable(parseSpec(text, 'alltypes.yaml')).map((i) => `${i.field}: ${i.message}`);
    expect(issues).toEqual([
      'questions[8].id: question "suggestie" is asked in wave 2021 but is on no page of "fieldwork.pages" (add it to a page, or list the waves it is asked in under "waves")',
      'fieldwork.opens: "2021-02-30" is not a real date and time',
      'fieldwork.closes: "2021-08-15T25:00" is not a real date and time',
    ]);
  });

  it('a plain StudySpec with the file path gets line numbers from the file; assertFieldable throws a SpecError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fieldable-'));
    const file = join(dir, 'study.yaml');
    const text = base + 'fieldwork:\n  wave: 1999\n';
    writeFileSync(file, text);
    const spec = parseSpec(text, file).spec;
    expect(checkFieldable(spec, file)[0]).toMatchObject({ file, line: 25, field: 'fieldwork.wave' });
    expect(checkFieldable(spec)[0]).toMatchObject({ file: 'study.yaml', field: 'fieldwork.wave' });
    expect(() => assertFieldable(spec, file)).toThrow(SpecError);
  });

  it('the examples and the all-types fixture can be fielded; pages group questions and drop empty ones', () => {
    for (const ex of ['participatiewet-2021', 'inkomensconsulenten-2021', 'klantmanagers-2020', 'werkgeversdienstverlening-2021']) {
      expect(checkFieldable(loadSpec(`examples/${ex}/study.yaml`)).map(formatIssue), ex).toEqual([]);
    }
    const text = allTypesYaml() + `  pages:\n    - { id: een, title: Over werk, questions: [werk] }\n    - { id: alleen2019, questions: [oud] }\n    - { id: rest, questions: [uren, belem, kanaal, reint, cijfer, caseload, suggestie] }\n`;
    const loaded = parseSpec(text, 'alltypes.yaml');
    expect(checkFieldable(loaded)).toEqual([]);
    const q = buildQuestionnaire(loaded.spec);
    expect(q.pages.map((p) => [p.id, p.index, p.title, p.questions.map((x) => x.id)])).toEqual([
      ['een', 0, 'Over werk', ['werk']],
      ['rest', 1, undefined, ['uren', 'belem', 'kanaal', 'reint', 'cijfer', 'caseload', 'suggestie']],
    ]);
    expect(buildQuestionnaire(loaded.spec, 2019).pages.map((p) => p.id)).toEqual(['een', 'alleen2019', 'rest']);
  });
});
