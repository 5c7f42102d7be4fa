/**
 * Reads the tables back from a rendered tables.xlsx (one sheet per table, src/report/xlsx.ts),
 * as a reader of the published workbook would: caption in row 1 ("Tabel 5a … (N=540)"), column
 * headers in row 3 (a column's own base as "(N=…)"), data rows from row 4 to the first empty
 * row, notes below. Cells hold unrounded estimates (percentages as proportions) under a format
 * that shows them as printed; read here as a reader sees them. The result is shaped as the table model so that seed-compare.ts can compare it.
 */
import ExcelJS from 'exceljs';
import type { Cell, ColumnHead, Row, Table } from '../../src/tables/model.js';
import { roundHalfUp } from '../../src/tables/rounding.js';

/** A number format that is only literal text ('"62%";"62%"'): its text, else null. */
function literalFormat(numFmt: string | undefined): string | null {
  const m = /^"([^"]*)"(?:;"[^"]*")*$/.exec(numFmt ?? '');
  return m ? m[1]! : null;
}

function cellOf(c: ExcelJS.Cell): Cell {
  const base = { estimate: null, se: null, ci: null, n: null, weightedN: null, flags: [] } as const;
  const v = c.value;
  if (typeof v === 'number') {
    // The cell holds the unrounded estimate; what a reader sees is the format's rounding of it
    // (half away from zero, as Excel and LibreOffice show it), or the format's literal text.
    const literal = literalFormat(c.numFmt);
    const pct = literal !== null ? literal.includes('%') : (c.numFmt?.includes('%') ?? false);
    const decimals = /\.(0+)/.exec(c.numFmt ?? '')?.[1]?.length ?? 0;
    const shown =
      literal !== null
        ? Number(literal.replace(/[^\d,.-]/g, '').replace(/\./g, '').replace(',', '.'))
        : roundHalfUp(pct ? v * 100 : v, decimals);
    return { ...base, format: pct ? 'percent' : 'number', shown, decimals: pct ? 0 : 1 };
  }
  const text = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return { ...base, format: 'text', shown: null, decimals: 0, text };
}

const N_SUFFIX = /\s*\(N=([\d.]+)\)\s*$/;
const parseN = (s: string): number => Number(s.replace(/\./g, ''));

export async function tablesFromXlsx(path: string): Promise<Table[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: Table[] = [];
  for (const ws of wb.worksheets) {
    // .text joins rich text (the title's superscript footnote marker) as a reader sees it.
    const caption = ws.getRow(1).getCell(1).text;
    const m = /^Tabel (\S+) (.*)$/.exec(caption);
    if (!m) continue;
    const nMatch = N_SUFFIX.exec(m[2]);
    const title = nMatch ? m[2].slice(0, nMatch.index) : m[2];
    const header = ws.getRow(3);
    const columns: ColumnHead[] = [];
    for (let c = 2; c <= header.cellCount; c++) {
      const label = String(header.getCell(c).value ?? '');
      const cn = N_SUFFIX.exec(label);
      columns.push(cn ? { label: label.slice(0, cn.index), n: parseN(cn[1]) } : { label });
    }
    const rows: Row[] = [];
    let r = 4;
    for (; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const label = row.getCell(1).value;
      if (label === null || label === undefined || label === '') break;
      const cells: Cell[] = [];
      for (let c = 2; c <= columns.length + 1; c++) cells.push(cellOf(row.getCell(c)));
      rows.push({ label: String(label), role: 'data', cells });
    }
    const notes: string[] = [];
    for (; r <= ws.rowCount; r++) {
      const v = ws.getRow(r).getCell(1).value;
      if (typeof v === 'string' && v !== '') notes.push(v);
    }
    out.push({
      id: ws.name,
      number: m[1],
      title,
      nShown: nMatch ? parseN(nMatch[1]) : null,
      kind: 'xlsx',
      stubHead: String(header.getCell(1).value ?? ''),
      columns,
      rows,
      notes,
      chart: 'none',
    });
  }
  return out;
}
