/**
 * tables.xlsx: an index sheet (number, title, N, link), one sheet per table, and a Details
 * sheet with every cell's estimate, SE, CI, n and weighted N. Numbers are
 * stored as numbers with a number format, so the sheet shows what the report shows and a
 * reader can compute with them: the table sheets hold the unrounded estimate under the format
 * that rounds it as printed (percent cells a proportion with "0%", means "0.0", counts "#,##0";
 * Excel applies the reader's own separators); Details' "shown" column holds the printed value.
 * A significance mark is part of the number format ('0%"*"') so the value stays numeric.
 */
import ExcelJS from 'exceljs';
import { addCodingSheet, codingSheetName, hasCodingBlocks } from './xlsx-coding.js';
import type { Cell, Report, Table } from '../tables/model.js';
import { roundHalfUp } from '../tables/rounding.js';
import { xmlSafeStrings } from './clean.js';
import { columnHeadText, formatCell, formatN, plainTitle, titleNText, reportTables, tableLabel, tableNotes, wordsFor } from './format.js';

/** The Excel number format for a numeric cell, with its mark as a literal suffix. */
export function excelNumberFormat(cell: Cell): string {
  const decimals = cell.decimals > 0 ? `.${'0'.repeat(cell.decimals)}` : '';
  const base = cell.format === 'percent' ? `0${decimals}%` : cell.format === 'count' ? `#,##0${decimals}` : `0${decimals}`;
  return cell.mark ? `${base}"${cell.mark.replace(/"/g, '')}"` : base;
}

/** The value stored in the sheet: a number for numeric cells, text for marks and text cells. */
export function excelValue(cell: Cell, locale: string): number | string {
  const f = formatCell(cell, locale);
  if (!f.numeric || cell.shown === null || !Number.isFinite(cell.shown) || cell.flags.includes('suppressed') || cell.flags.includes('notEstimable')) {
    return f.text;
  }
  return cell.format === 'percent' ? cell.shown / 100 : cell.shown;
}

/**
 * A table sheet's cell: the unrounded estimate (62.5% as 0.625) under the number format that
 * shows it as printed ("63%"), so a reader computes with full precision and sees the print.
 * Where the print differs from plain rounding of the estimate (largest-remainder rounding moved
 * a point so the column adds to 100), the format is the printed text itself ('"62%"'): the value
 * is still the estimate, the face still the print. Cells without an estimate keep `shown`.
 */
export function sheetCell(cell: Cell, locale: string): { value: number | string; numFmt?: string } {
  const shown = excelValue(cell, locale);
  if (typeof shown !== 'number') return { value: shown };
  const estimate = cell.estimate;
  if (estimate === null || !Number.isFinite(estimate)) return { value: shown, numFmt: excelNumberFormat(cell) };
  // what the spreadsheet shows under the rounding format: half away from zero, as roundHalfUp
  const face = roundHalfUp(cell.format === 'percent' ? estimate * 100 : estimate, cell.decimals);
  if (face === cell.shown) return { value: estimate, numFmt: excelNumberFormat(cell) };
  const text = formatCell(cell, locale).text.replace(/"/g, '');
  return { value: estimate, numFmt: `"${text}";"${text}"` };
}

const invalidSheetChars = /[\[\]:*?/\\]/g;

/** Valid, unique sheet names (Excel: at most 31 characters, none of []:*?/\ , not "History"). */
export function sheetNames(tables: readonly Table[], reserved: readonly string[]): string[] {
  const used = new Set(reserved.map((r) => r.toLowerCase()));
  used.add('history');
  return tables.map((t) => {
    let base = `T${t.number}`.replace(invalidSheetChars, '_').replace(/^'+|'+$/g, '').slice(0, 31) || 'T';
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) {
      const suffix = ` (${k})`;
      name = base.slice(0, 31 - suffix.length) + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/**
 * A link to cell A1 of another sheet. Written as a HYPERLINK formula with its cached text:
 * exceljs writes '#Sheet!A1' hyperlinks as external relationships, which some spreadsheet
 * programs open as a broken URL (exceljs issue #3027); the formula works in Excel,
 * LibreOffice and Google Sheets alike.
 */
function sheetLink(sheet: string, text: string): ExcelJS.CellFormulaValue {
  const target = `#'${sheet.replace(/'/g, "''")}'!A1`;
  const q = (x: string): string => `"${x.replace(/"/g, '""')}"`;
  return { formula: `HYPERLINK(${q(target)},${q(text)})`, result: text, date1904: false };
}

function addTableSheet(ws: ExcelJS.Worksheet, table: Table, locale: string, indexName: string): void {
  const words = wordsFor(locale);
  let r = 1;
  // The footnote marker as a superscript after the title, as the print sets it.
  const n = titleNText(table, locale);
  const mark = table.footnoteMark !== undefined && table.title.endsWith(table.footnoteMark) ? table.footnoteMark : '';
  const font = { bold: true, size: 12 };
  const head = `${tableLabel(table, locale)} ${plainTitle(table)}`;
  ws.getCell(r, 1).value = mark
    ? { richText: [{ text: head, font }, { text: mark, font: { ...font, vertAlign: 'superscript' as const } }, ...(n ? [{ text: n, font }] : [])] }
    : head + n;
  ws.getCell(r, 1).font = font;
  r += 1;
  if (table.question) {
    ws.getCell(r, 1).value = table.question;
    ws.getCell(r, 1).font = { italic: true };
    r += 1;
  }
  r += 1;
  const headerStart = r;
  const grouped = table.columns.some((c) => c.group !== undefined);
  if (grouped) {
    let c = 0;
    while (c < table.columns.length) {
      const g = table.columns[c]!.group;
      let e = c + 1;
      while (g !== undefined && e < table.columns.length && table.columns[e]!.group === g) e += 1;
      if (g !== undefined) {
        ws.getCell(r, c + 2).value = columnHeadText(g, table.columns[c]!.groupN, locale);
        if (e - c > 1) ws.mergeCells(r, c + 2, r, e + 1);
        ws.getCell(r, c + 2).alignment = { horizontal: 'center' };
      }
      c = e;
    }
    r += 1;
  }
  ws.getCell(r, 1).value = table.stubHead;
  table.columns.forEach((col, i) => {
    const cell = ws.getCell(r, i + 2);
    cell.value = columnHeadText(col.label, col.n, locale);
    cell.alignment = { horizontal: 'center', wrapText: true };
  });
  for (let hr = headerStart; hr <= r; hr++) {
    const row = ws.getRow(hr);
    row.font = { bold: true };
  }
  for (let c = 1; c <= table.columns.length + 1; c++) ws.getCell(r, c).border = { bottom: { style: 'thin' } };
  r += 1;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: r - 1 }];

  for (const row of table.rows) {
    const label = ws.getCell(r, 1);
    label.value = row.label;
    label.alignment = { indent: row.indent ?? 0, wrapText: true, vertical: 'top' };
    if (row.role !== 'data' && row.role !== 'n') label.font = { bold: true };
    row.cells.forEach((cell, i) => {
      const target = ws.getCell(r, i + 2);
      const { value, numFmt } = sheetCell(cell, locale);
      target.value = value;
      if (numFmt !== undefined) target.numFmt = numFmt;
      target.alignment = { horizontal: typeof value === 'number' || formatCell(cell, locale).numeric ? 'right' : 'left', vertical: 'top', wrapText: typeof value !== 'number' };
      if (row.role === 'total' || row.role === 'mean') target.font = { bold: true };
    });
    r += 1;
  }
  r += 1;
  for (const note of tableNotes(table, locale)) {
    ws.getCell(r, 1).value = note;
    ws.getCell(r, 1).font = { size: 9 };
    r += 1;
  }
  r += 1;
  ws.getCell(r, 1).value = sheetLink(indexName, words.backToContents);
  ws.getCell(r, 1).font = { color: { argb: 'FF0B4F99' }, underline: true };

  const stubWidth = Math.min(60, Math.max(12, table.stubHead.length, ...table.rows.map((x) => x.label.length + 2 * (x.indent ?? 0))));
  ws.getColumn(1).width = stubWidth;
  table.columns.forEach((col, i) => {
    const widest = Math.max(col.label.length, col.n === undefined ? 0 : formatN(col.n, locale).length, ...table.rows.map((x) => (x.cells[i] ? formatCell(x.cells[i]!, locale).text.length : 0)));
    ws.getColumn(i + 2).width = Math.min(40, Math.max(10, widest + 2));
  });
}

/**
 * The "Details" sheet: one line per numeric cell with the full statistic behind it (estimate,
 * SE, CI, n, weighted N, flags), so a reviewer can check any number. Suppressed cells show
 * only their flag: disclosure control hides their statistics here too.
 */
function addDetailsSheet(ws: ExcelJS.Worksheet, tables: readonly Table[], locale: string): void {
  const words = wordsFor(locale);
  ws.addRow([...words.detailsHeads]).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const t of tables) {
    for (const row of t.rows) {
      row.cells.forEach((cell, i) => {
        if (cell.format === 'text' || cell.flags.includes('notAsked')) return;
        const col = t.columns[i];
        const colLabel = col === undefined ? '' : col.group !== undefined ? `${col.group} – ${col.label}` : col.label;
        const hidden = cell.flags.includes('suppressed');
        const num = (x: number | null | undefined): number | null => (hidden || x === null || x === undefined || !Number.isFinite(x) ? null : x);
        const shown = excelValue(cell, locale);
        const line = ws.addRow([
          tableLabel(t, locale),
          row.label,
          colLabel,
          shown,
          num(cell.estimate),
          num(cell.se),
          num(cell.ci?.[0]),
          num(cell.ci?.[1]),
          num(cell.n),
          num(cell.weightedN),
          cell.flags.map((f) => words.flags[f]).join(', '),
          t.id,
        ]);
        if (typeof shown === 'number') line.getCell(4).numFmt = excelNumberFormat(cell);
        // Proportions as percentages with two decimals, means with three, bases as counts.
        const stat = cell.format === 'percent' ? '0.00%' : '0.000';
        for (const c of [5, 6, 7, 8]) line.getCell(c).numFmt = stat;
        line.getCell(9).numFmt = '#,##0';
        line.getCell(10).numFmt = '#,##0.0';
      });
    }
  }
  [12, 50, 30, 10, 14, 14, 12, 12, 14, 14, 20, 12].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
}

/** The workbook of a report, built in memory. */
export function buildWorkbook(input: Report): ExcelJS.Workbook {
  const report = xmlSafeStrings(input);
  const locale = report.locale;
  const words = wordsFor(locale);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'spiegel';
  wb.title = report.title;
  const indexName = words.contents;
  const index = wb.addWorksheet(indexName);
  const tables = reportTables(report);
  const coding = hasCodingBlocks(report) ? codingSheetName(locale) : null;
  const names = sheetNames(tables, [indexName, words.detailsSheet, ...(coding === null ? [] : [coding])]);
  index.getCell(1, 1).value = report.title;
  index.getCell(1, 1).font = { bold: true, size: 13 };
  const head = [words.number, words.title, 'N', words.sheet];
  head.forEach((h, i) => {
    const c = index.getCell(3, i + 1);
    c.value = h;
    c.font = { bold: true };
    c.border = { bottom: { style: 'thin' } };
  });
  tables.forEach((t, i) => {
    const r = 4 + i;
    index.getCell(r, 1).value = tableLabel(t, locale);
    index.getCell(r, 2).value = plainTitle(t);
    if (t.nShown !== null) {
      index.getCell(r, 3).value = t.nShown;
      index.getCell(r, 3).numFmt = '#,##0';
    }
    index.getCell(r, 4).value = sheetLink(names[i]!, names[i]!);
    index.getCell(r, 4).font = { color: { argb: 'FF0B4F99' }, underline: true };
  });
  // Say plainly what the numbers are: printed (rounded) values; the estimates are on Details.
  const after = 4 + tables.length + 1;
  index.getCell(after, 1).value = words.roundedNote;
  index.getCell(after, 1).font = { italic: true, size: 9 };
  index.getColumn(1).width = 12;
  index.getColumn(2).width = 80;
  index.getColumn(3).width = 8;
  index.getColumn(4).width = 12;
  tables.forEach((t, i) => addTableSheet(wb.addWorksheet(names[i]!), t, locale, indexName));
  addDetailsSheet(wb.addWorksheet(words.detailsSheet), tables, locale);
  if (coding !== null) addCodingSheet(wb.addWorksheet(coding), report);
  return wb;
}

/** Write tables.xlsx for a report. */
export async function renderXlsx(report: Report, path: string): Promise<void> {
  await buildWorkbook(report).xlsx.writeFile(path);
}
