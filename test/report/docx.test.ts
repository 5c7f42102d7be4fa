import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocx } from '../../src/report/docx.js';
import { controlCharReport, hostile, hostileReport, sampleReport } from '../fixtures/report/sample-report.js';
import { all, parseXml, textOf, unzip, type XmlElement } from './helpers.js';

let dir: string;
let body: XmlElement;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spiegel-docx-'));
  const path = join(dir, 'report.docx');
  await renderDocx(sampleReport, path);
  const files = unzip(await readFile(path));
  expect(files.has('word/styles.xml')).toBe(true);
  body = all(parseXml(files.get('word/document.xml')!.toString('utf8')), 'w:body')[0]!;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const styleOf = (p: XmlElement): string | undefined => all(p, 'w:pStyle')[0]?.attributes['w:val'];
const paragraphs = (): XmlElement[] => body.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === 'w:p');

describe('report.docx', () => {
  it('has the title and section headings in Word heading styles', () => {
    const headings = paragraphs().filter((p) => styleOf(p) === 'Heading1').map(textOf);
    expect(headings).toEqual(['Inleiding', 'Werk en re-integratie', 'Klantmanagers']);
    expect(paragraphs().filter((p) => styleOf(p) === 'Title').map(textOf)).toEqual([sampleReport.title]);
  });

  it('has a real Word table per table, each right after its caption in the Caption style', () => {
    const blocks = body.children.filter((c): c is XmlElement => typeof c !== 'string');
    const tables = blocks.filter((b) => b.name === 'w:tbl');
    expect(tables).toHaveLength(7);
    const captions = paragraphs().filter((p) => styleOf(p) === 'Caption').map(textOf);
    expect(captions).toEqual([
      'Tabel 0 Overzicht van de onderzoeksactiviteiten',
      'Tabel 1 Stellingen over de aanvraag van de bijstandsuitkering (N=140)',
      'Tabel 3 Denkt u nu betaald werk te kunnen verrichten? (N=690)',
      'Tabel 5b Ontwikkelingen in de tijd in het aandeel dat het eens is met stellingen over werk',
      'Tabel 20b Ontwikkeling in het gemiddeld rapportcijfer en het aandeel onvoldoendes',
      'Tabel 10 Mate waarin afspraken worden gemaakt over arbeidsverplichtingen (N=103)',
      'Tabel 24 Tevredenheid over onderdelen van de dienstverlening (N=4.000)',
    ]);
    // The block before each table is its caption (or the question under the caption).
    for (const t of tables) {
      const i = blocks.indexOf(t);
      const before = [blocks[i - 1]!, blocks[i - 2]!];
      expect(before.some((b) => b.name === 'w:p' && styleOf(b) === 'Caption')).toBe(true);
    }
  });

  it('repeats header rows, spans group headers and prints formatted cells', () => {
    const tables = all(body, 'w:tbl');
    const split = tables[5]!;
    const rows = all(split, 'w:tr');
    expect(all(rows[0]!, 'w:tblHeader').length).toBe(1);
    expect(all(rows[1]!, 'w:tblHeader').length).toBe(1);
    const spans = all(rows[0]!, 'w:gridSpan').map((g) => g.attributes['w:val']);
    expect(spans).toEqual(['3', '3']);
    const cellTexts = rows.slice(2).flatMap((r) => all(r, 'w:tc').map(textOf));
    expect(cellTexts).toContain('70%*');
    expect(cellTexts).toContain('x');
    const trend = tables[3]!;
    expect(all(trend, 'w:tc').map(textOf)).toContain('Niet gevraagd');
    expect(all(tables[4]!, 'w:tc').map(textOf)).toContain('6,5');
  });

  it('puts the notes and the text paragraphs in the document', () => {
    const texts = paragraphs().map(textOf);
    expect(texts).toContain('Noot: * Significant verschil (p<.05) tussen kleine en grote gemeenten');
    expect(texts).toContain('De antwoorden zijn herwogen naar leeftijd en geslacht.');
  });

  it('keeps hostile text as text', async () => {
    const path = join(dir, 'hostile.docx');
    await renderDocx(hostileReport(), path);
    const xml = unzip(await readFile(path)).get('word/document.xml')!.toString('utf8');
    const texts = all(parseXml(xml), 'w:p').map(textOf);
    for (const h of hostile) expect(texts).toContain(h);
  });

  it('drops characters XML forbids, so Word can open the file', async () => {
    expect(() => parseXml('<a>\u0001</a>')).toThrow(); // the parser does check characters
    const path = join(dir, 'control.docx');
    await renderDocx(controlCharReport(), path);
    const xml = unzip(await readFile(path)).get('word/document.xml')!.toString('utf8');
    const texts = all(parseXml(xml), 'w:p').map(textOf);
    expect(texts).toContain('Open antwoord abcde');
  });
});

describe('report.docx for a researcher to write in', () => {
  it('numbers captions with SEQ fields: a letter after the number repeats it, a jump resets it', async () => {
    const { seqField } = await import('../../src/report/docx.js');
    expect(seqField('1', null)).toEqual({ instruction: 'SEQ Tabel \\* ARABIC', value: 1, suffix: '' });
    expect(seqField('5a', 4)).toEqual({ instruction: 'SEQ Tabel \\* ARABIC', value: 5, suffix: 'a' });
    expect(seqField('5b', 5)).toEqual({ instruction: 'SEQ Tabel \\c \\* ARABIC', value: 5, suffix: 'b' });
    expect(seqField('3', 1)).toEqual({ instruction: 'SEQ Tabel \\r 3 \\* ARABIC', value: 3, suffix: '' });
    expect(seqField('A1', 3)).toBeNull();
    const fields = all(body, 'w:fldSimple').map((f) => f.attributes['w:instr']);
    expect(fields.filter((f) => f?.startsWith('SEQ Tabel'))).toHaveLength(7);
  });

  it('puts every table in the named table style and has a filled contents field and page numbers', async () => {
    const tables = all(body, 'w:tbl');
    for (const t of tables) expect(all(t, 'w:tblStyle')[0]?.attributes['w:val']).toBe('SpiegelTabel');
    const files = unzip(await readFile(join(dir, 'report.docx')));
    const styles = files.get('word/styles.xml')!.toString('utf8');
    expect(styles).toContain('w:styleId="SpiegelTabel"');
    const xml = files.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain("TOC \\h \\o &quot;1-1&quot;");
    // The contents are written out already: a section heading appears before the first heading itself.
    const firstHeading = sampleReport.sections[0]!.heading;
    expect(xml.indexOf(firstHeading)).toBeLessThan(xml.indexOf('w:val="Heading1"'));
    const footers = [...files.keys()].filter((k) => /^word\/footer\d*\.xml$/.test(k)).map((k) => files.get(k)!.toString('utf8'));
    expect(footers.some((f) => f.includes('PAGE') && f.includes('NUMPAGES') && f.includes('Pagina'))).toBe(true);
  });
});
