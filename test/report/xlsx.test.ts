import ExcelJS from 'exceljs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell, Table } from '../../src/tables/model.js';
import { buildWorkbook, renderXlsx, sheetCell, sheetNames } from '../../src/report/xlsx.js';
import { parseXml, unzip } from './helpers.js';
import { readFile } from 'node:fs/promises';
import { controlCharReport, hostileReport, overview, sampleReport } from '../fixtures/report/sample-report.js';

let dir: string;
const wb = new ExcelJS.Workbook();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spiegel-xlsx-'));
  const path = join(dir, 'tables.xlsx');
  await renderXlsx(sampleReport, path);
  await wb.xlsx.readFile(path); // read back from disk, not the in-memory workbook
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Find the row whose first cell is `label`. */
function rowOf(ws: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (row.getCell(1).value === label) found = row;
  });
  if (found === undefined) throw new Error(`no row "${label}" in ${ws.name}`);
  return found;
}

describe('tables.xlsx', () => {
  it('has an index sheet and one sheet per table', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Inhoud', 'T0', 'T1', 'T3', 'T5b', 'T20b', 'T10', 'T24', 'Details']);
    const index = wb.getWorksheet('Inhoud')!;
    expect(index.getRow(3).values).toEqual([undefined, 'Nummer', 'Titel', 'N', 'Blad']);
    expect(index.getCell(6, 1).value).toBe('Tabel 3');
    expect(index.getCell(6, 2).value).toBe('Denkt u nu betaald werk te kunnen verrichten?');
    expect(index.getCell(6, 3).value).toBe(690);
    expect(index.getCell(6, 4).value).toMatchObject({ formula: 'HYPERLINK("#\'T3\'!A1","T3")', result: 'T3' });
  });

  it('stores percentages as unrounded proportions with a 0% format and the mark in the format', () => {
    const ws = wb.getWorksheet('T5b')!;
    expect(ws.getCell(1, 1).value).toBe('Tabel 5b Ontwikkelingen in de tijd in het aandeel dat het eens is met stellingen over werk');
    const row = rowOf(ws, 'Eerder hulp had gewild');
    // the 2021 cell's estimate is 0.4123, printed as 41%*: stored unrounded, shown by the format
    expect([2, 3, 4, 5].map((c) => row.getCell(c).value)).toEqual([0.3, 0.31, 0.33, 0.4123]);
    expect(row.getCell(2).numFmt).toBe('0%');
    expect(row.getCell(5).numFmt).toBe('0%"*"');
    expect(rowOf(ws, 'Werk is voor mij niet haalbaar').getCell(2).value).toBe('Niet gevraagd');
  });

  it('stores means with one decimal and counts with a thousands format', () => {
    const means = rowOf(wb.getWorksheet('T20b')!, 'Gemiddeld cijfer');
    expect(means.getCell(3).value).toBe(6.5);
    expect(means.getCell(3).numFmt).toBe('0.0');
    const web = rowOf(wb.getWorksheet('T24')!, 'Website');
    expect(web.getCell(4).value).toBe(3210);
    expect(web.getCell(4).numFmt).toBe('#,##0');
    expect(rowOf(wb.getWorksheet('T24')!, 'Balie').getCell(2).value).toBe(0);
  });

  it('writes header rows with merged group headers and N, suppressed cells as x, and notes below', () => {
    const ws = wb.getWorksheet('T10')!;
    expect(ws.getCell(2, 1).value).toBe('Hoe vaak maakt u met uw klanten afspraken over de volgende verplichtingen?');
    expect(ws.getCell(4, 2).value).toBe('Kleine gemeenten');
    expect(ws.getCell(4, 3).isMerged).toBe(true);
    expect(ws.getCell(4, 5).value).toBe('Grote gemeenten');
    expect(ws.getCell(5, 2).value).toBe('Vaak (N=40)');
    const row = rowOf(ws, 'Meewerken aan het verkrijgen van arbeid*');
    expect(row.getCell(2).value).toBe(0.7);
    expect(row.getCell(5).value).toBe('x');
    const texts: string[] = [];
    ws.eachRow((r) => texts.push(String(r.getCell(1).value)));
    expect(texts).toContain('Noot: * Significant verschil (p<.05) tussen kleine en grote gemeenten');
    expect(texts.some((t) => t.startsWith('x = niet getoond'))).toBe(true);
  });

  it('lists the full statistic of every numeric cell on the Details sheet, but hides suppressed cells', () => {
    const ws = wb.getWorksheet('Details')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Tabel', 'Rij', 'Kolom', 'Getoond', 'Schatting', 'Standaardfout', 'BI onder', 'BI boven', 'n (ongewogen)', 'N (gewogen)', 'Kenmerken', 'Tabel-id']);
    const lines: unknown[][] = [];
    ws.eachRow((r, i) => {
      if (i > 1) lines.push((r.values as unknown[]).slice(1));
    });
    const sig = lines.find((l) => l[0] === 'Tabel 5b' && l[1] === 'Eerder hulp had gewild' && l[2] === '2021')!;
    expect(sig).toEqual(['Tabel 5b', 'Eerder hulp had gewild', '2021', 0.41, 0.4123, 0.0207, 0.3717, 0.4529, 590, 612.4, 'significant', 't5b']);
    // Number formats: proportions as percentages with two decimals, the weighted N with one.
    const sigRow = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(1).value === 'Tabel 5b' && r.getCell(2).value === 'Eerder hulp had gewild' && r.getCell(3).value === '2021')!;
    expect([5, 6, 7, 8, 9, 10].map((c) => sigRow.getCell(c).numFmt)).toEqual(['0.00%', '0.00%', '0.00%', '0.00%', '#,##0', '#,##0.0']);
    const hidden = lines.find((l) => l[0] === 'Tabel 10' && l[2] === 'Grote gemeenten – Vaak')!;
    expect(hidden[3]).toBe('x');
    expect(hidden.slice(4, 10).every((v) => v === null || v === undefined)).toBe(true);
    expect(hidden[10]).toBe('niet getoond');
    // Text cells and "Niet gevraagd" have no statistic and no line.
    expect(lines.some((l) => l[0] === 'Tabel 0')).toBe(false);
    expect(lines.filter((l) => l[0] === 'Tabel 5b')).toHaveLength(11);
  });

  it('drops characters XML forbids, so Excel can open the file', async () => {
    const path = join(dir, 'control.xlsx');
    await renderXlsx(controlCharReport(), path);
    const files = unzip(await readFile(path));
    for (const [name, content] of files) if (name.endsWith('.xml')) parseXml(content.toString('utf8'));
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path);
    expect(back.worksheets[1]!.getCell(1, 1).value).toBe('Tabel 3 Tabel abcde (N=690)');
  });

  it('keeps hostile labels as plain strings, not formulas', async () => {
    const path = join(dir, 'hostile.xlsx');
    await renderXlsx(hostileReport(), path);
    const h = new ExcelJS.Workbook();
    await h.xlsx.readFile(path);
    const ws = h.worksheets[1]!;
    expect(typeof ws.getCell(1, 1).value).toBe('string');
  });
});

describe('sheet names', () => {
  const t = (number: string): Table => ({ ...overview, number });
  it('are at most 31 characters, without forbidden characters, and unique', () => {
    const names = sheetNames([t('1'), t('1'), t('a/b:c*d?[e]'), t('x'.repeat(40)), t('x'.repeat(40)), t('Inhoud')], ['Inhoud']);
    expect(names[0]).toBe('T1');
    expect(names[1]).toBe('T1 (2)');
    expect(names[2]).toBe('Ta_b_c_d__e_');
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[\[\]:*?/\\]/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });
});

describe('table sheets hold unrounded estimates that show as printed', () => {
  const cell = (c: Partial<Cell>): Cell => ({ format: 'percent', estimate: null, shown: null, decimals: 0, se: null, ci: null, n: 10, weightedN: 10, flags: [], ...c });

  it('62.5% is stored as 0.625 under "0%" (shown 63%)', () => {
    expect(sheetCell(cell({ estimate: 0.625, shown: 63 }), 'nl-NL')).toEqual({ value: 0.625, numFmt: '0%' });
    expect(sheetCell(cell({ format: 'mean', estimate: 6.4667, shown: 6.5, decimals: 1 }), 'nl-NL')).toEqual({ value: 6.4667, numFmt: '0.0' });
    expect(sheetCell(cell({ estimate: 0.4123, shown: 41, mark: '*' }), 'nl-NL')).toEqual({ value: 0.4123, numFmt: '0%"*"' });
  });

  it('a figure moved by largest-remainder rounding keeps its printed face as the format', () => {
    // 4/12 = 33.3% is printed 34% so that 3,4,1,1,1,2 of 12 add up to 100 (25, 34, 8, 8, 8, 17)
    expect(sheetCell(cell({ estimate: 4 / 12, shown: 34 }), 'nl-NL')).toEqual({ value: 4 / 12, numFmt: '"34%";"34%"' });
  });

  it('suppressed and text cells stay text; a cell without an estimate keeps its printed number', () => {
    expect(sheetCell(cell({ flags: ['suppressed'] }), 'nl-NL')).toEqual({ value: 'x' });
    expect(sheetCell({ ...cell({}), format: 'text', text: 'Niet gevraagd', flags: ['notAsked'] }, 'nl-NL')).toEqual({ value: 'Niet gevraagd' });
    expect(sheetCell(cell({ format: 'count', estimate: null, shown: 3210 }), 'nl-NL')).toEqual({ value: 3210, numFmt: '#,##0' });
  });

  it('a computed table: st1 counts 3,4,1,1,1,2 of 12 (kinds-study, largest remainder)', async () => {
    const { computeStudy } = await import('../../src/study/index.js');
    const r = await computeStudy('test/fixtures/tables/kinds-study.yaml');
    const t = r.tables.get('t1lr')!;
    const book = buildWorkbook({ title: 'T', locale: 'nl-NL', sections: [{ heading: 'H', blocks: [{ type: 'table', table: t }] }] });
    const ws = book.getWorksheet('T1b')!;
    const cells = [4, 5, 6, 7, 8, 9].map((r) => ws.getCell(r, 2));
    const counts = [3, 4, 1, 1, 1, 2];
    cells.forEach((c, i) => expect(c.value as number).toBeCloseTo(counts[i]! / 12, 15));
    expect(cells.map((c) => c.numFmt)).toEqual(['0%', '"34%";"34%"', '0%', '0%', '0%', '0%']);
  });
});
