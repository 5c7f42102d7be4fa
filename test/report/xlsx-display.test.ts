/**
 * tables.xlsx as a spreadsheet program shows it: LibreOffice Calc (headless) saves every sheet
 * "as shown" to CSV, and each number must read exactly as the printed table (src/report/format.ts)
 * while the cell itself holds the unrounded estimate. Over every table of the hand-counted
 * kinds study (largest-remainder rounding, means, marks, counts). Needs LibreOffice with Calc
 * (Debian: libreoffice-calc-nogui); skipped with a printed reason without it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCell } from '../../src/report/format.js';
import { buildWorkbook, sheetNames } from '../../src/report/xlsx.js';
import { computeStudy } from '../../src/study/index.js';
import type { Report, Table } from '../../src/tables/model.js';

function calcMissing(): string | null {
  if (spawnSync('soffice', ['--version']).status !== 0) return 'soffice (LibreOffice) is not installed';
  const calc = ['/usr/lib/libreoffice/program/libsclo.so', '/usr/lib/libreoffice/program/libscfiltlo.so'];
  return calc.some((f) => existsSync(f)) ? null : 'LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)';
}

const missing = calcMissing();
if (missing !== null) console.log(`skipping the LibreOffice display check of tables.xlsx: ${missing}`);

describe.skipIf(missing !== null)('tables.xlsx in LibreOffice Calc', () => {
  let dir: string;
  let tables: Table[];
  let names: string[];
  let book: ExcelJS.Workbook;
  const shownCsv = new Map<string, string[][]>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spiegel-xlsx-display-'));
    const result = await computeStudy('test/fixtures/tables/kinds-study.yaml');
    tables = [...result.tables.values()];
    const report: Report = { title: 'Alle tabelsoorten', locale: 'nl-NL', sections: [{ heading: 'Alles', blocks: tables.map((table) => ({ type: 'table', table })) }] };
    book = buildWorkbook(report);
    const file = join(dir, 'tables.xlsx');
    await book.xlsx.writeFile(file);
    names = sheetNames(tables, ['Inhoud', 'Details']);
    // every sheet to <name>-<sheet>.csv, cell contents as shown (token 9), UTF-8 (76)
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', dir, file],
      { stdio: 'pipe', timeout: 120_000 },
    );
    for (const name of names) shownCsv.set(name, parse(readFileSync(join(dir, `tables-${name}.csv`), 'utf8'), { relaxColumnCount: true }) as string[][]);
  }, 180_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows every number as the printed table, while the cell holds the unrounded estimate', () => {
    let compared = 0;
    let unrounded = 0;
    tables.forEach((t, ti) => {
      const ws = book.getWorksheet(names[ti]!)!;
      const csv = shownCsv.get(names[ti]!)!;
      // caption, (question), blank, (group header), header: then the rows (src/report/xlsx.ts)
      const first = 4 + (t.question ? 1 : 0) + (t.columns.some((c) => c.group !== undefined) ? 1 : 0);
      t.rows.forEach((row, ri) => {
        row.cells.forEach((cell, ci) => {
          const stored = ws.getCell(first + ri, ci + 2).value;
          if (typeof stored !== 'number') return;
          // LibreOffice runs in its default English locale: compare with the English spelling
          const expected = formatCell(cell, 'en-GB').text;
          expect(csv[first + ri - 1]?.[ci + 1], `${t.id} row ${ri + 1} column ${ci + 1}`).toBe(expected);
          compared++;
          if (cell.estimate !== null && stored === cell.estimate && cell.shown !== (cell.format === 'percent' ? stored * 100 : stored)) unrounded++;
        });
      });
    });
    expect(compared).toBeGreaterThan(300);
    expect(unrounded).toBeGreaterThan(100);
  });
});
