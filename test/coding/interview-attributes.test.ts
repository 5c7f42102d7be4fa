/**
 * Attributes of interviews from a CSV file (issue 11 item 5: interviews imported "with attributes",
 * also from .docx, which has no front matter). The study of report-fixture.ts gets a fifth
 * interview as a Word file, i5, whose region comes from interviews/attributes.csv; counted by hand:
 * werkdruk is then mentioned in i1, i2, i4, i5 = 4 of 5; Noord: i1, i3, i5 → i1, i5 = 2 of 3;
 * Zuid: i2, i4 = 2 of 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { parseAttributesCsv, withAttributes } from '../../src/coding/interviews/attributes-csv.js';
import { readInterview } from '../../src/coding/interviews/import.js';
import { computeStudy } from '../../src/study/index.js';
import type { Report, TopicBlock } from '../../src/tables/model.js';
import { writeCodingStudy } from './report-fixture.js';

describe('the attributes CSV', () => {
  it('reads one row per interview; empty cells give no attribute', () => {
    const rows = parseAttributesCsv('\uFEFFid,rol,regio\ni5,klantmanager,Noord\ni6,,Zuid\n\n', 'a.csv');
    expect(rows).toEqual([
      { id: 'i5', line: 2, attributes: { rol: 'klantmanager', regio: 'Noord' } },
      { id: 'i6', line: 3, attributes: { regio: 'Zuid' } },
    ]);
  });

  it('names the file and line of a bad header or row', () => {
    expect(() => parseAttributesCsv('naam,regio\ni5,Noord\n', 'a.csv')).toThrow(/a\.csv.*no column "id"/s);
    expect(() => parseAttributesCsv('id,regio,regio\ni5,Noord,Zuid\n', 'a.csv')).toThrow(/names column "regio" twice/);
    expect(() => parseAttributesCsv('id,regio\ni5,Noord\ni5,Zuid\n', 'a.csv')).toThrow(/a\.csv:3.*interview "i5" has a second row \(the first is line 2\)/s);
    expect(() => parseAttributesCsv('id,regio\n,Noord\n', 'a.csv')).toThrow(/a\.csv:2.*needs the interview id/s);
    expect(() => parseAttributesCsv('', 'a.csv')).toThrow(/a\.csv.*empty/s);
  });

  it('adds to the front matter, refuses an unknown interview and a value that differs', () => {
    const docs: { id: string; attributes: Record<string, string> }[] = [{ id: 'i1', attributes: { regio: 'Noord' } }, { id: 'i5', attributes: {} }];
    const rows = parseAttributesCsv('id,regio,rol\ni1,Noord,klantmanager\ni5,Zuid,\n', 'a.csv');
    expect(withAttributes(docs, rows, 'a.csv').map((d) => d.attributes)).toEqual([{ regio: 'Noord', rol: 'klantmanager' }, { regio: 'Zuid' }]);
    expect(() => withAttributes(docs, parseAttributesCsv('id,regio\ni9,Noord\n', 'a.csv'), 'a.csv')).toThrow(/a\.csv:2.*interview "i9" is not among the interviews \(i1, i5\)/);
    expect(() => withAttributes(docs, parseAttributesCsv('id,regio\ni1,Zuid\n', 'a.csv'), 'a.csv')).toThrow(/a\.csv:2.*interview "i1" has regio "Zuid" here and "Noord" in its own file/);
  });
});

const werkdruk = (report: Report): TopicBlock =>
  report.sections.flatMap((s) => s.blocks).find((b): b is TopicBlock => b.type === 'topic' && b.topic === 'werkdruk')!;

describe('a Word interview with its attributes from the CSV, in the report', () => {
  async function studyWithWordInterview(attributesCsv: string | null): Promise<string> {
    const spec = writeCodingStudy();
    const dir = dirname(spec);
    const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun('I: Hoe gaat het?')] }), new Paragraph({ children: [new TextRun('R: De werkdruk is hier ook te hoog.')] })] }] });
    const docx = join(dir, 'interviews', 'i5.docx');
    writeFileSync(docx, await Packer.toBuffer(doc));
    const text = (await readInterview(docx)).text;
    const fragment = 'De werkdruk is hier ook te hoog.';
    const start = text.indexOf(fragment);
    expect(start).toBeGreaterThan(0);
    const codings = join(dir, 'interviews.codings.csv');
    writeFileSync(codings, `${readFileSync(codings, 'utf8')}i5,ans,werkdruk,${start},${start + fragment.length},${fragment}\n`);
    if (attributesCsv !== null) {
      writeFileSync(join(dir, 'attributes.csv'), attributesCsv);
      writeFileSync(spec, readFileSync(spec, 'utf8').replace('  codings: interviews.codings.csv\n', '  codings: interviews.codings.csv\n  attributes: attributes.csv\n'));
    }
    return spec;
  }

  it('counts the Word interview in its region', async () => {
    const spec = await studyWithWordInterview('id,rol,regio,organisatie\ni5,klantmanager,Noord,Gemeente Emmen\ni1,klantmanager,Noord,\n');
    const { report } = await computeStudy(spec);
    const w = werkdruk(report);
    expect(w.mentioned).toBe('Genoemd in 4 van de 5 interviews.');
    expect(w.groups?.rows.map((r) => [r.group, r.interviews, r.of])).toEqual([
      ['Noord', 2, 3],
      ['Zuid', 2, 2],
    ]);
  });

  it('without the CSV the Word interview has no region; with a wrong id the error names the line', async () => {
    const { report } = await computeStudy(await studyWithWordInterview(null));
    const w = werkdruk(report);
    expect(w.groups?.rows.map((r) => [r.group, r.interviews, r.of])).toEqual([
      ['(onbekend)', 1, 1],
      ['Noord', 1, 2],
      ['Zuid', 2, 2],
    ]);
    const spec = await studyWithWordInterview('id,regio\ni7,Noord\n');
    await expect(computeStudy(spec)).rejects.toThrow(/attributes\.csv:2.*interview "i7" is not among the interviews/s);
  });
});
