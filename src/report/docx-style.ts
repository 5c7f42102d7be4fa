/**
 * The named table style of report.docx and the column widths of its tables. One style
 * ("Spiegel tabel") carries the rules of every table (a rule above and below, hairlines between
 * rows, bold header row), so a researcher restyles all tables at once in Word's Table Design.
 */
import type { Table } from '../tables/model.js';
import { columnHeadText, formatCell } from './format.js';

export const TABLE_STYLE = 'SpiegelTabel';

/** The <w:style> of the table style (WordprocessingML, ISO/IEC 29500-1 §17.7.6). */
export function tableStyleXml(): string {
  const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  return (
    `<w:style ${w} w:type="table" w:customStyle="1" w:styleId="${TABLE_STYLE}">` +
    '<w:name w:val="Spiegel tabel"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>' +
    '<w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr>' +
    '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>' +
    '<w:tblPr><w:tblBorders>' +
    '<w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/>' +
    '<w:left w:val="nil"/><w:right w:val="nil"/>' +
    '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/>' +
    '<w:insideH w:val="single" w:sz="2" w:space="0" w:color="BFBFBF"/><w:insideV w:val="nil"/>' +
    '</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>' +
    '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>' +
    '<w:tcPr><w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/></w:tcBorders></w:tcPr></w:tblStylePr>' +
    '</w:style>'
  );
}

/** A4 text width with Word's default 1-inch margins, in twips. */
const TEXT_WIDTH = 9026;
/** Twips per character of 9-point bold text (generous), and the cell's side margins. */
const PER_CHAR = 135;
const CELL_MARGINS = 200;

/**
 * Column widths in twips: each number column at least as wide as its longest word (header or
 * cell), so no header breaks inside a word ("Helema al"); the first column takes the rest, at
 * least a quarter of the width; the number columns share what remains evenly.
 */
export function columnWidths(table: Table, locale: string): number[] {
  const count = Math.max(1, table.columns.length);
  const need = table.columns.map((col, c) => {
    const words = [...columnHeadText(col.label, col.n, locale).split(/\s+/), ...table.rows.map((r) => (r.cells[c] ? formatCell(r.cells[c]!, locale).text : ''))];
    return Math.max(...words.map((x) => x.length)) * PER_CHAR + CELL_MARGINS;
  });
  const minStub = Math.round(TEXT_WIDTH * 0.25);
  const wanted = Math.round(TEXT_WIDTH * (count <= 2 ? 0.5 : 0.36));
  const stub = Math.max(minStub, Math.min(wanted, TEXT_WIDTH - need.reduce((a, b) => a + b, 0)));
  const even = Math.floor((TEXT_WIDTH - stub) / count);
  // Columns that need more than an even share get it; the others share the rest.
  const wide = need.map((n) => n > even);
  const extra = need.reduce((a, n, i) => a + (wide[i] ? n : 0), 0);
  const narrowCount = wide.filter((x) => !x).length;
  const share = narrowCount > 0 ? Math.max(CELL_MARGINS, Math.floor((TEXT_WIDTH - stub - extra) / narrowCount)) : 0;
  return [stub, ...need.map((n, i) => (wide[i] ? n : Math.max(n, share)))];
}
