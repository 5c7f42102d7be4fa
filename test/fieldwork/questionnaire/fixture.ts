/**
 * A small study with every question type the web questionnaire renders: single choice with
 * "Anders, namelijk", multiple response (0/1 and list-encoded) with exclusive options, a Likert
 * grid with "N.v.t." and item routing, a 1–10 rating with "Weet ik niet", numbers with a range,
 * a battery of number fields and open text; routing on earlier answers.
 */
import { parseSpec } from '../../../src/spec/load.js';
import type { StudySpec } from '../../../src/spec/schema.js';

export const allTypesYaml = (relabel: (s: string) => string = (s) => s): string => {
  const label = (s: string): string => JSON.stringify(relabel(s));
  return `
study: { id: alltypes, title: ${label('Ervaringen met de bijstand')}, specVersion: 1, locale: nl-NL }
waves:
  - { year: 2019, data: none-2019.csv }
  - { year: 2021, data: none-2021.csv, fieldwork: { from: 2021-06-15, to: 2021-08-15 } }
scales:
  janee: [{ code: 1, label: Ja }, { code: 2, label: Nee }]
  eens5nvt:
    - { code: 1, label: Helemaal eens }
    - { code: 2, label: Eens }
    - { code: 3, label: Niet eens/niet oneens }
    - { code: 4, label: Oneens }
    - { code: 5, label: Helemaal oneens }
    - { code: 9, label: N.v.t., special: notApplicable }
questions:
  - id: werk
    wording: ${label('Heeft u op dit moment betaald werk?')}
    type: single
    categories:
      - { code: 1, label: ${label('Ja')} }
      - { code: 2, label: Nee }
      - { code: 3, label: ${label('Anders, namelijk')}, special: other, textVariable: werk_anders }
  - id: uren
    wording: Hoeveel uur per week werkt u?
    type: number
    range: [0, 80]
    askedIf: werk == 1
  - id: belem
    wording: ${label('Wat maakt het voor u moeilijk om werk te vinden?')}
    type: multiple
    askedIf: werk in [2, 3]
    items:
      - { variable: belem_1, label: Mijn gezondheid }
      - { variable: belem_2, label: ${label('Te weinig werkervaring')} }
      - { variable: belem_3, label: Geen van deze, exclusive: true }
  - id: kanaal
    wording: Hoe heeft u contact met de gemeente?
    type: multiple
    encoding: list
    items:
      - { code: 1, label: Telefoon }
      - { code: 2, label: E-mail }
      - { code: 3, label: Balie }
      - { code: 8, label: Weet ik niet, exclusive: true }
  - id: reint
    wording: In hoeverre bent u het eens met deze stellingen?
    type: grid
    categories: eens5nvt
    items:
      - { variable: reint_1, label: ${label('Ik vind de informatie over werk zoeken duidelijk')} }
      - { variable: reint_2, label: Ik heb genoeg hulp bij het zoeken naar een baan }
      - { variable: reint_3, label: De hulp van mijn werkgever is goed, askedIf: werk == 1 }
  - id: cijfer
    wording: Welk cijfer geeft u de hulp van de gemeente?
    type: rating
    categories: [{ code: 99, label: Weet ik niet, special: dontKnow }]
  - id: caseload
    wording: Welk deel van uw tijd besteedt u aan deze taken (in procenten)?
    type: numbers
    range: [0, 100]
    items:
      - { variable: tijd_1, label: Solliciteren }
      - { variable: tijd_2, label: Cursus of opleiding }
  - id: oud
    wording: Een vraag die alleen in 2019 is gesteld
    type: open
    waves: [2019]
  - id: suggestie
    wording: ${label('Heeft u tips voor de gemeente?')}
    type: open
tables:
  - { id: t1, number: 1, kind: frequency, title: Werk, questions: werk }
fieldwork:
  title: ${label('Uw ervaringen met de bijstand')}
  wave: 2021
  opens: 2021-06-15T09:00
  closes: 2021-08-15
  intro: |
    Fijn dat u meedoet. Het invullen duurt ongeveer **tien minuten**.

    - U kunt stoppen en later verder gaan.
    - Uw antwoorden zijn vertrouwelijk.
  closing: ${label('Bedankt voor uw hulp.')}
`;
};

export function allTypesSpec(label?: (s: string) => string): StudySpec {
  return parseSpec(allTypesYaml(label), 'alltypes.yaml').spec;
}

/** Strings that break out of HTML text, attributes, scripts or URLs when not escaped. */
export const xssCorpus: readonly string[] = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</textarea><script>alert(1)</script>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '`${alert(1)}`',
  '<a href="javascript:alert(1)">klik</a>',
  '\u0000<scr\u0000ipt>alert(1)</script>',
  '<style>body{display:none}</style>',
];

/** For each page of the all-types questionnaire, an input that fails its validation once. */
export const invalidInput: Readonly<Record<string, Readonly<Record<string, string | string[]>>>> = {
  werk: { werk: '1', werk_anders: 'zzp' },
  uren: { uren: '100' },
  belem: { belem_1: '1', belem_3: '1' },
  kanaal: { kanaal: ['2', '8'] },
  reint: { reint_1: '1', reint_2: '17' },
  cijfer: { cijfer: '11' },
  caseload: { tijd_1: 'veertig', tijd_2: '120' },
  suggestie: { suggestie: 'x'.repeat(2001) },
};
