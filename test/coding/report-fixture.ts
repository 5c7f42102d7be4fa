/**
 * A small study with interviews and "Anders, namelijk" answers for the report blocks that come
 * from coding. Every number the tests expect is counted by hand from these files (see the
 * comments); fragment offsets are found with indexOf on the texts written here, as a coder's
 * selection would give them (all texts are in the Basic Multilingual Plane, so UTF-16 indices
 * equal code point offsets).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const HOSTILE_QUOTE = '<script>alert("q")</script> =HYPERLINK("http://evil.example","klik") de caseload is echt te hoog';
export const HOSTILE_ANSWER = '=HYPERLINK("http://evil.example","klik") <script>alert(1)</script>';

/**
 * Interviews (attributes rol, regio, organisatie):
 *   i1 klantmanager, Noord, Gemeente Zwolle — werkdruk (by ans), samenwerking (by ans)
 *   i2 teamleider,   Zuid,  Gemeente Venlo  — werkdruk.caseload (sub-code of werkdruk) (by ans)
 *   i3 klantmanager, Noord, Gemeente Assen  — samenwerking (by bram)
 *   i4 klantmanager, Zuid,  Gemeente Breda  — werkdruk coded by ans and by bram on the same fragment
 * werkdruk (with its sub-code): i1, i2, i4 = 3 of 4; Noord: i1 of i1, i3 = 1 of 2; Zuid: i2, i4 = 2 of 2.
 * samenwerking: i1, i3 = 2 of 4.
 */
export const INTERVIEWS: Record<string, { front: string; text: string }> = {
  'i1.md': {
    front: 'id: i1\nrol: klantmanager\nregio: Noord\norganisatie: Gemeente Zwolle',
    text: 'I: Hoe is de werkdruk?\nR: Bij Gemeente Zwolle is de werkdruk hoog, zegt mijn collega Jansen ook. Mail hem op p.jansen@zwolle.nl.\nI: En de samenwerking?\nR: De samenwerking met UWV loopt goed, korte lijnen.\n',
  },
  'i2.md': {
    front: 'id: i2\nrol: teamleider\nregio: Zuid\norganisatie: Gemeente Venlo',
    text: `I: Wat valt op?\nR: ${HOSTILE_QUOTE}.\n`,
  },
  'i3.md': {
    front: 'id: i3\nrol: klantmanager\nregio: Noord\norganisatie: Gemeente Assen',
    text: 'I: Samenwerking?\nR: We werken veel samen met het Leerwerkloket.\n',
  },
  'i4.md': {
    front: 'id: i4\nrol: klantmanager\nregio: Zuid\norganisatie: Gemeente Breda',
    text: 'I: Werkdruk?\nR: Te veel klanten per klantmanager, bel 06-12345678 maar eens.\n',
  },
};

const FRAGMENTS: [string, string, string, string][] = [
  // interview, coder, code, fragment text
  ['i1', 'ans', 'werkdruk', 'Bij Gemeente Zwolle is de werkdruk hoog, zegt mijn collega Jansen ook. Mail hem op p.jansen@zwolle.nl.'],
  ['i1', 'ans', 'samenwerking', 'De samenwerking met UWV loopt goed, korte lijnen.'],
  ['i2', 'ans', 'werkdruk.caseload', HOSTILE_QUOTE],
  ['i3', 'bram', 'samenwerking', 'We werken veel samen met het Leerwerkloket.'],
  ['i4', 'ans', 'werkdruk', 'Te veel klanten per klantmanager, bel 06-12345678 maar eens.'],
  ['i4', 'bram', 'werkdruk', 'Te veel klanten per klantmanager, bel 06-12345678 maar eens.'],
];

const csvField = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function codingsCsv(): string {
  const lines = ['unit,coder,code,start,end,text'];
  for (const [doc, coder, code, text] of FRAGMENTS) {
    const start = INTERVIEWS[`${doc}.md`].text.indexOf(text);
    if (start < 0) throw new Error(`fixture: fragment not in ${doc}`);
    lines.push([doc, coder, code, String(start), String(start + text.length), csvField(text)].join(','));
  }
  return lines.join('\n') + '\n';
}

const CODEBOOK = `codebook: onderwerpen
title: Onderwerpen van de interviews
for: interviews
version: 1
codes:
  - id: werkdruk
    label: Werkdruk
    children:
      - { id: werkdruk.caseload, label: Omvang van de caseload }
  - { id: samenwerking, label: Samenwerking met partners }
  - { id: overig, label: Overig }
`;

/**
 * "Anders" answers: respondents 1-4 answered 3 (Anders) with a text; moves.csv moves 1 and 2.
 * All: 4 answers; not moved: 2 (respondents 3 and 4).
 */
const DATA = `respnr,overleg,overleg_anders
1,3,via het RPO
2,3,bij de gemeente zelf
3,3,"${HOSTILE_ANSWER.replace(/"/g, '""')}"
4,3,mail naar k.pietersen@example.nl
5,1,
6,2,
`;

const MOVES = `unit,to,text,by,at
1,1,via het RPO,ans,2021-10-12T14:03:00Z
2,2,bij de gemeente zelf,ans,2021-10-12T14:04:00Z
`;

export function codingStudySpec(sections: string): string {
  return `
study: { id: quotes, title: Citaten, specVersion: 1, locale: nl-NL }
waves:
  - { year: 2021, data: data.csv, weighting: none }
questions:
  - id: overleg
    wording: Waar vindt het overleg plaats?
    type: single
    categories:
      - { code: 1, label: Regio }
      - { code: 2, label: Gemeente }
      - { code: 3, label: 'Anders, namelijk:', special: other, textVariable: overleg_anders }
background:
  - { id: respnr, label: Respondentnummer, type: number }
derived:
  - { id: overleg_bc, type: backcode, from: overleg, unit: respnr, moves: moves.csv }
interviews:
  documents: interviews
  codebook: onderwerpen.codebook.yaml
  codings: interviews.codings.csv
  attribution: '{rol}, regio {regio}'
  identifying:
    - { text: Jansen, replacement: '[naam]' }
    - { attribute: organisatie, replacement: '[gemeente]' }
tables:
  - { id: t1, number: 1, kind: frequency, title: Plaats van het overleg, questions: overleg_bc, options: { nRounding: exact, minBase: 1 } }
sections:
${sections}`;
}

export const DEFAULT_SECTIONS = `  - heading: Werkdruk en samenwerking
    content:
      - topic: werkdruk
        by: regio
        summary: |
          De meeste geïnterviewden noemen de werkdruk.

          Vooral de omvang van de caseload.
        quotes:
          - { interview: i1, fragment: werkdruk hoog }
          - { interview: i2, fragment: caseload is echt }
      - topic: samenwerking
        summaryFile: samenwerking.md
        quotes:
          - { interview: i3, fragment: leerwerkloket }
      - table: t1
      - otherAnswers: overleg
      - otherAnswers: overleg
        notMoved: true
        title: Overige antwoorden bij ‘Anders’
`;

/** Writes the study into a fresh folder; returns the spec's path. */
export function writeCodingStudy(sections = DEFAULT_SECTIONS, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-quotes-'));
  mkdirSync(join(dir, 'interviews'));
  for (const [name, { front, text }] of Object.entries(INTERVIEWS)) writeFileSync(join(dir, 'interviews', name), `---\n${front}\n---\n${text}`);
  const files: Record<string, string> = {
    'study.yaml': codingStudySpec(sections),
    'data.csv': DATA,
    'moves.csv': MOVES,
    'onderwerpen.codebook.yaml': CODEBOOK,
    'interviews.codings.csv': codingsCsv(),
    'samenwerking.md': 'Samenwerking verloopt meestal goed.\n\nPartners: UWV en het Leerwerkloket.\n',
    ...extra,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return join(dir, 'study.yaml');
}
