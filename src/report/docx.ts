/**
 * report.docx: the report as a Word document the researcher writes around: Title and
 * Heading 1 styles, text paragraphs, and real Word tables (repeating header rows, spanning
 * group headers) each preceded by a caption in Word's built-in "caption" style, so Word's
 * "Insert Table of Figures" lists them. The table number is literal text rather than a SEQ
 * field, because the seed numbers tables like "5a"/"5b", which a SEQ field cannot produce.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table as DocxTable,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { writeFile } from 'node:fs/promises';
import type { Report, Table } from '../tables/model.js';
import { xmlSafeStrings } from './clean.js';
import { columnHeadText, formatCell, formatN, tableLabel, tableNotes } from './format.js';

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const rule = { style: BorderStyle.SINGLE, size: 8, color: '000000' } as const;
const hairline = { style: BorderStyle.SINGLE, size: 2, color: 'BFBFBF' } as const;

function para(text: string, opts: { bold?: boolean; italic?: boolean; right?: boolean; center?: boolean; size?: number; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.right ? AlignmentType.RIGHT : opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    keepNext: opts.keepNext,
    children: [new TextRun({ text, bold: opts.bold, italics: opts.italic, size: opts.size })],
  });
}

function headerRows(table: Table, locale: string): TableRow[] {
  const grouped = table.columns.some((c) => c.group !== undefined);
  const head = (text: string, extra: { columnSpan?: number; rowSpan?: number } = {}): TableCell =>
    new TableCell({ ...extra, children: [para(text, { bold: true, center: true, keepNext: true })], borders: { bottom: rule } });
  const stub = new TableCell({
    rowSpan: grouped ? 2 : undefined,
    children: [para(table.stubHead, { bold: true, keepNext: true })],
    borders: { bottom: rule },
  });
  if (!grouped) {
    return [new TableRow({ tableHeader: true, cantSplit: true, children: [stub, ...table.columns.map((c) => head(columnHeadText(c.label, c.n, locale)))] })];
  }
  const top: TableCell[] = [stub];
  const bottom: TableCell[] = [];
  let i = 0;
  while (i < table.columns.length) {
    const col = table.columns[i]!;
    if (col.group === undefined) {
      top.push(head(columnHeadText(col.label, col.n, locale), { rowSpan: 2 }));
      i += 1;
      continue;
    }
    let j = i;
    while (j < table.columns.length && table.columns[j]!.group === col.group) j += 1;
    top.push(new TableCell({ columnSpan: j - i, children: [para(col.group, { bold: true, center: true, keepNext: true })], borders: { bottom: hairline } }));
    for (let k = i; k < j; k++) bottom.push(head(columnHeadText(table.columns[k]!.label, table.columns[k]!.n, locale)));
    i = j;
  }
  return [
    new TableRow({ tableHeader: true, cantSplit: true, children: top }),
    new TableRow({ tableHeader: true, cantSplit: true, children: bottom }),
  ];
}

function bodyRows(table: Table, locale: string): TableRow[] {
  return table.rows.map((row) => {
    if (row.role === 'subheader') {
      return new TableRow({ cantSplit: true, children: [new TableCell({ columnSpan: table.columns.length + 1, children: [para(row.label, { bold: true, keepNext: true })] })] });
    }
    const strong = row.role === 'total' || row.role === 'mean';
    const label = new TableCell({
      children: [new Paragraph({ indent: row.indent ? { left: 284 * row.indent } : undefined, children: [new TextRun({ text: row.label, bold: strong })] })],
    });
    const cells = table.columns.map((_, c) => {
      const cell = row.cells[c];
      const f = cell === undefined ? { text: '', numeric: false } : formatCell(cell, locale);
      const italic = cell?.flags.includes('notAsked') ?? false;
      return new TableCell({ children: [para(f.text, { bold: strong, italic, right: f.numeric || italic })] });
    });
    return new TableRow({ cantSplit: true, children: [label, ...cells] });
  });
}

/** The Word elements of one table: caption, question, table, notes. */
function tableElements(table: Table, locale: string): (Paragraph | DocxTable)[] {
  const n = table.nShown === null ? '' : ` ${formatN(table.nShown, locale)}`;
  const caption = new Paragraph({
    style: 'Caption',
    keepNext: true,
    children: [new TextRun({ text: tableLabel(table, locale), bold: true }), new TextRun({ text: ` ${table.title}${n}` })],
  });
  const out: (Paragraph | DocxTable)[] = [caption];
  if (table.question) out.push(para(table.question, { italic: true, keepNext: true }));
  // A4 text width with Word's default 1-inch margins, in twips; the stub gets the room labels need.
  const textWidth = 9026;
  const stub = Math.round(textWidth * (table.columns.length <= 2 ? 0.5 : 0.36));
  const rest = Math.floor((textWidth - stub) / Math.max(1, table.columns.length));
  out.push(
    new DocxTable({
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: [stub, ...table.columns.map(() => rest)],
      borders: { top: rule, bottom: rule, left: none, right: none, insideHorizontal: hairline, insideVertical: none },
      rows: [...headerRows(table, locale), ...bodyRows(table, locale)],
    }),
  );
  for (const note of tableNotes(table, locale)) out.push(para(note, { size: 16 }));
  out.push(new Paragraph({ children: [] }));
  return out;
}

/** The report as a Word document, in memory. */
export function buildDocx(input: Report): Document {
  const report = xmlSafeStrings(input);
  const locale = report.locale;
  const children: (Paragraph | DocxTable)[] = [new Paragraph({ text: report.title, heading: HeadingLevel.TITLE })];
  if (report.subtitle) children.push(new Paragraph({ children: [new TextRun({ text: report.subtitle, size: 28, color: '404040' })] }));
  for (const section of report.sections) {
    children.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_1 }));
    for (const block of section.blocks) {
      if (block.type === 'text') for (const p of block.paragraphs) children.push(new Paragraph({ text: p }));
      else children.push(...tableElements(block.table, locale));
    }
  }
  return new Document({
    creator: 'spiegel',
    title: report.title,
    styles: {
      // The document language makes Word spell-check the researcher's own text in it.
      default: { document: { run: { font: 'Calibri', size: 21, language: { value: locale } } } },
      paragraphStyles: [
        {
          id: 'Caption',
          name: 'caption',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 20, color: '1A1A1A' },
          paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
        },
      ],
    },
    sections: [{ children }],
  });
}

/** Write report.docx for a report. */
export async function renderDocx(report: Report, path: string): Promise<void> {
  await writeFile(path, await Packer.toBuffer(buildDocx(report)));
}
