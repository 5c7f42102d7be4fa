/**
 * Coding feeds the tables: theme variables from the final coding of open answers, and
 * "Anders, namelijk" moves applied to a back-coded variable. Every number below is counted by
 * hand from the small files written here.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeStudy } from '../../src/study/index.js';
import type { Table } from '../../src/tables/model.js';

function study(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-coded-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return join(dir, 'study.yaml');
}

const spec = `
study: { id: coded, title: Coderen, specVersion: 1, locale: nl-NL }
waves:
  - { year: 2021, data: data.csv, weighting: none }
questions:
  - id: overleg
    wording: Waar vindt het overleg plaats?
    type: single
    categories:
      - { code: 1, label: Regio }
      - { code: 2, label: Gemeente }
      - { code: 3, label: Anders, special: other, textVariable: overleg_anders }
  - { id: suggestie, wording: Heeft u suggesties?, type: open }
background:
  - { id: respnr, label: Respondentnummer, type: number }
derived:
  - id: thema
    type: coded
    label: Thema's
    from: suggestie
    unit: respnr
    codebook: suggesties.codebook.yaml
    codings: codings.csv
    themes:
      - { variable: thema_contact, label: Meer contact, codes: [contact] }
      - { variable: thema_geld, label: Geld, codes: [geld] }
  - id: overleg_bc
    type: backcode
    from: overleg
    unit: respnr
    moves: moves.csv
tables:
  - { id: t1, number: 1, kind: themes, title: Thema's van de suggesties, questions: thema }
  - { id: t2, number: 2, kind: frequency, title: Plaats van het overleg, questions: overleg_bc, options: { nRounding: exact, minBase: 1 } }
`;

const codebook = `
codebook: suggesties
title: Suggesties
for: suggestie
version: 1
codes:
  - { id: contact, label: Meer contact, children: [{ id: contact.vast, label: Vaste contactpersoon }] }
  - { id: geld, label: Geld }
  - { id: regels, label: Regels }
`;

// respnr 1-6. 5 and 6 gave no suggestion. Respondent 1-3 answered "Anders" (3) on overleg.
const data = `respnr,overleg,overleg_anders,suggestie
1,3,via het RPO,Een vaste klantmanager
2,3,bij de gemeente zelf,Meer geld
3,3,ergens anders,Minder regels en meer geld
4,1,,Geen idee eigenlijk
5,2,,
6,1,,
`;

const codings = `unit,coder,code,start,end,text
1,ans,contact.vast,,,
2,ans,geld,,,
2,bram,geld,,,
3,ans,geld,,,
3,bram,regels,,,
`;

const moves = `unit,to,text,by,at
1,1,via het RPO,ans,2021-10-12T14:03:00Z
2,2,bij de gemeente zelf,ans,2021-10-12T14:04:00Z
`;

const cells = (t: Table): [string, string][] => t.rows.map((r) => [r.label, r.cells.map((c) => (c.format === 'percent' ? `${c.shown}%` : String(c.shown))).join('|')]);

describe('coding feeds the tables', () => {
  it('counts themes from the final coding, children under their theme, and says how many are not yet coded', async () => {
    const file = study({ 'study.yaml': spec, 'suggesties.codebook.yaml': codebook, 'data.csv': data, 'codings.csv': codings, 'moves.csv': moves });
    const { tables } = await computeStudy(file);
    const t1 = tables.get('t1')!;
    // Respondent 1: contact.vast (child of contact) → Meer contact. 2: both coders geld → Geld.
    // 3: coders disagree → not counted; 4: not coded → not counted. 5, 6: no answer.
    expect(cells(t1)).toEqual([
      ['Meer contact', '1'],
      ['Geld', '1'],
      ['Eindtotaal', '2'],
    ]);
    expect(t1.notes.join(' ')).toContain('2 antwoorden zijn nog niet (eensluidend) gecodeerd');
  });

  it('a resolution by the coder "final" settles a disagreement', async () => {
    const file = study({ 'study.yaml': spec, 'suggesties.codebook.yaml': codebook, 'data.csv': data, 'codings.csv': `${codings}3,final,geld,,,\n3,final,regels,,,\n4,ans,,,,\n`, 'moves.csv': moves });
    const t1 = (await computeStudy(file)).tables.get('t1')!;
    expect(cells(t1)).toEqual([
      ['Geld', '2'],
      ['Meer contact', '1'],
      ['Eindtotaal', '3'],
    ]);
    expect(t1.notes.join(' ')).not.toContain('gecodeerd');
  });

  it('applies "Anders, namelijk" moves to the back-coded variable; the raw answer stays', async () => {
    const file = study({ 'study.yaml': spec, 'suggesties.codebook.yaml': codebook, 'data.csv': data, 'codings.csv': codings, 'moves.csv': moves });
    const { tables } = await computeStudy(file);
    // Back-coded: 1 → Regio, 2 → Gemeente, 3 stays Anders. Regio: 1,4,6 = 3; Gemeente: 2,5 = 2; Anders: 1. N = 6.
    const t2 = tables.get('t2')!;
    expect(cells(t2).slice(0, 3)).toEqual([
      ['Regio', '50%'],
      ['Gemeente', '33%'],
      ['Anders', '17%'],
    ]);
  });

  it('a table on the back-coded variable says how many answers were moved, counted in its own base', async () => {
    const more = `${spec}  - { id: t3, number: 3, kind: frequency, title: Overleg zonder respondent 1, questions: overleg_bc, filter: respnr != 1, options: { nRounding: exact, minBase: 1 } }
  - { id: t4, number: 4, kind: frequency, title: Overleg zoals geantwoord, questions: overleg, options: { nRounding: exact, minBase: 1 } }
`;
    const file = study({ 'study.yaml': more, 'suggesties.codebook.yaml': codebook, 'data.csv': data, 'codings.csv': codings, 'moves.csv': moves });
    const { tables } = await computeStudy(file);
    // moves.csv moves respondents 1 and 2 out of "Anders": 2 in Tabel 2; Tabel 3 leaves out respondent 1: 1.
    expect(tables.get('t2')!.notes).toContain('2 antwoorden bij ‘Anders’ zijn na het lezen van de toelichting ingedeeld bij een bestaande categorie.');
    expect(tables.get('t3')!.notes).toContain('1 antwoord bij ‘Anders’ is na het lezen van de toelichting ingedeeld bij een bestaande categorie.');
    // the raw question moved nothing
    expect(tables.get('t4')!.notes.join(' ')).not.toContain('ingedeeld');
  });

  it('lists problems of coding files with the file named, all in one run', async () => {
    const file = study({
      'study.yaml': spec,
      'suggesties.codebook.yaml': codebook,
      'data.csv': data,
      'codings.csv': 'unit,coder,code\n1,ans,gelt\n',
      'moves.csv': 'unit,to,text,by,at\n4,2,,ans,\n99,1,,ans,\n',
    });
    const err = await computeStudy(file).then(
      () => null,
      (e: Error) => e,
    );
    expect(err).not.toBeNull();
    expect(err!.message).toMatch(/codings\.csv.*"gelt" .*not in codebook/s);
    expect(err!.message).toMatch(/moves\.csv[\s\S]*unit "4" answered 1, not a category that may be back-coded/);
    expect(err!.message).toMatch(/unit "99" is not a respondent/);
  });
});
