/**
 * report.docx: the report as a Word document the researcher writes around: Title and
 * Heading 1 styles, a contents field filled in already (it shows before a refresh), text
 * paragraphs, and real Word tables in one named table style ("Spiegel tabel", restyle all at
 * once) with repeating header rows and spanning group headers, each preceded by a caption in
 * Word's "caption" style whose number is a SEQ field, so Word renumbers tables and lists them
 * in a table of figures. Numbers like "5a"/"5b" keep their letter after the field: "5a" is
 * {SEQ Tabel} then "a", "5b" is {SEQ Tabel \c} (repeat) then "b"; a jump ("Tabel 3" after
 * "Tabel 1") resets the sequence with \r. Running header with the title, "Pagina x van n" in
 * the footer, the study's language on every run.
 */
import {
  AlignmentType,
  Footer,
  Header,
  ImportedXmlComponent,
  PageNumber,
  SimpleField,
  TableOfContents,
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
import { columnHeadText, formatCell, formatN, plainTitle, tableNotes, titleNText, wordsFor } from './format.js';
import { CHART_CAPTION_STYLE, chartParagraphs, renderDocxCharts, type DocxChart } from './docx-charts.js';
import { columnWidths, TABLE_STYLE, tableStyleXml } from './docx-style.js';
import { answerParagraphs, topicParagraphs } from './docx-coding.js';

/** A chart drawn for Word: the chart and its PNG fallback. */
export interface DrawnChart {
  readonly chart: DocxChart;
  readonly png: Buffer;
}

/** The SEQ field of a table number and the text after it, or null for a number that is not "digits + suffix". */
export function seqField(number: string, previous: number | null): { instruction: string; value: number; suffix: string } | null {
  const m = /^(\d+)(.*)$/.exec(number);
  if (!m) return null;
  const value = Number(m[1]);
  const suffix = m[2]!;
  const id = 'Tabel';
  if (previous !== null && value === previous) return { instruction: `SEQ ${id} \\c \\* ARABIC`, value, suffix };
  if (value === (previous ?? 0) + 1) return { instruction: `SEQ ${id} \\* ARABIC`, value, suffix };
  return { instruction: `SEQ ${id} \\r ${value} \\* ARABIC`, value, suffix };
}

const rule = { style: BorderStyle.SINGLE, size: 8, color: '000000' } as const;
const hairline = { style: BorderStyle.SINGLE, size: 2, color: 'BFBFBF' } as const;

function para(text: string, opts: { bold?: boolean; italic?: boolean; right?: boolean; center?: boolean; size?: number; keepNext?: boolean | undefined } = {}): Paragraph {
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
    top.push(new TableCell({ columnSpan: j - i, children: [para(columnHeadText(col.group, col.groupN, locale), { bold: true, center: true, keepNext: true })], borders: { bottom: hairline } }));
    for (let k = i; k < j; k++) bottom.push(head(columnHeadText(table.columns[k]!.label, table.columns[k]!.n, locale)));
    i = j;
  }
  return [
    new TableRow({ tableHeader: true, cantSplit: true, children: top }),
    new TableRow({ tableHeader: true, cantSplit: true, children: bottom }),
  ];
}

/** `keepNext` keeps every row with the next, so a table stays on one page with its chart. */
function bodyRows(table: Table, locale: string, keepNext: boolean): TableRow[] {
  const keep = keepNext ? true : undefined;
  return table.rows.map((row) => {
    if (row.role === 'subheader') {
      return new TableRow({ cantSplit: true, children: [new TableCell({ columnSpan: table.columns.length + 1, children: [para(row.label, { bold: true, keepNext: true })] })] });
    }
    const strong = row.role === 'total' || row.role === 'mean';
    const label = new TableCell({
      children: [new Paragraph({ keepNext: keep, indent: row.indent ? { left: 284 * row.indent } : undefined, children: [new TextRun({ text: row.label, bold: strong })] })],
    });
    const cells = table.columns.map((_, c) => {
      const cell = row.cells[c];
      const f = cell === undefined ? { text: '', numeric: false } : formatCell(cell, locale);
      const italic = cell?.flags.includes('notAsked') ?? false;
      return new TableCell({ children: [para(f.text, { bold: strong, italic, right: f.numeric || italic, keepNext: keep })] });
    });
    return new TableRow({ cantSplit: true, children: [label, ...cells] });
  });
}

/** The Word elements of one table: caption, question, table, notes and its chart, kept together. */
function tableElements(table: Table, locale: string, seq: { previous: number | null }, drawn?: DrawnChart): (Paragraph | DocxTable)[] {
  const n = titleNText(table, locale);
  const field = seqField(table.number, seq.previous);
  seq.previous = field === null ? seq.previous : field.value;
  const label = wordsFor(locale).table;
  const number =
    field === null
      ? [new TextRun({ text: `${label} ${table.number}`, bold: true })]
      : [new TextRun({ text: `${label} `, bold: true }), new SimpleField(field.instruction, String(field.value)), ...(field.suffix ? [new TextRun({ text: field.suffix, bold: true })] : [])];
  const mark = table.footnoteMark !== undefined && table.title.endsWith(table.footnoteMark) ? table.footnoteMark : '';
  const caption = new Paragraph({
    style: 'Caption',
    keepNext: true,
    children: [
      ...number,
      new TextRun({ text: ` ${plainTitle(table)}` }),
      ...(mark ? [new TextRun({ text: mark, superScript: true })] : []),
      new TextRun({ text: n }),
    ],
  });
  const out: (Paragraph | DocxTable)[] = [caption];
  if (table.question) out.push(para(table.question, { italic: true, keepNext: true }));
  out.push(
    new DocxTable({
      style: TABLE_STYLE,
      width: { size: 100, type: WidthType.PERCENTAGE },
      // Each number column is as wide as its longest word, so headers break only between words.
      columnWidths: columnWidths(table, locale),
      rows: [...headerRows(table, locale), ...bodyRows(table, locale, drawn !== undefined)],
    }),
  );
  for (const note of tableNotes(table, locale)) out.push(para(note, { size: 16, keepNext: drawn !== undefined ? true : undefined }));
  if (drawn !== undefined) out.push(...chartParagraphs(drawn.chart, drawn.png, table, locale));
  else out.push(new Paragraph({ children: [] }));
  return out;
}

/** The report as a Word document, in memory; `charts` are the drawn charts by table index (docx-charts.ts). */
export function buildDocx(input: Report, charts: readonly DrawnChart[] = []): Document {
  const chartOf = new Map(charts.map((c) => [c.chart.tableIndex, c]));
  let tableIndex = 0;
  const report = xmlSafeStrings(input);
  const locale = report.locale;
  const words = wordsFor(locale);
  const children: (Paragraph | DocxTable | TableOfContents)[] = [new Paragraph({ text: report.title, heading: HeadingLevel.TITLE })];
  if (report.subtitle) children.push(new Paragraph({ children: [new TextRun({ text: report.subtitle, size: 28, color: '404040' })] }));
  // The contents field, filled in from the headings as written (Word updates page numbers on F9).
  children.push(new Paragraph({ text: words.contents, heading: HeadingLevel.HEADING_2 }));
  children.push(new TableOfContents(words.contents, { hyperlink: true, headingStyleRange: '1-1' }));
  const seq = { previous: null as number | null };
  for (const section of report.sections) {
    children.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_1, pageBreakBefore: false, keepNext: true }));
    for (const block of section.blocks) {
      if (block.type === 'text') for (const p of block.paragraphs) children.push(new Paragraph({ text: p }));
      else if (block.type === 'topic') children.push(...topicParagraphs(block));
      else if (block.type === 'answers') children.push(...answerParagraphs(block));
      else children.push(...tableElements(block.table, locale, seq, chartOf.get(tableIndex++)));
    }
  }
  const small = { size: 16, color: '404040' };
  const header = new Header({ children: [new Paragraph({ children: [new TextRun({ text: report.title, ...small })] })] });
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [new TextRun({ ...small, children: words.pageOf('\u0000', '\u0001').split(/(\u0000|\u0001)/).filter((x) => x !== '').map((x) => (x === '\u0000' ? PageNumber.CURRENT : x === '\u0001' ? PageNumber.TOTAL_PAGES : x)) })],
      }),
    ],
  });
  return new Document({
    creator: 'spiegel',
    title: report.title,
    styles: {
      // The document language makes Word spell-check the researcher's own text in it.
      default: { document: { run: { font: 'Calibri', size: 21, language: { value: locale } } } },
      importedStyles: [ImportedXmlComponent.fromXmlString(tableStyleXml())],
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
        {
          // Under each chart; its own style, so table captions alone stay in the Caption style.
          id: CHART_CAPTION_STYLE,
          name: 'Chart caption',
          basedOn: 'Caption',
          next: 'Normal',
          quickFormat: true,
          paragraph: { spacing: { before: 60, after: 240 }, keepNext: false },
        },
      ],
    },
    features: { updateFields: false },
    sections: [{ headers: { default: header }, footers: { default: footer }, children }],
  });
}

export interface DocxOptions {
  /** false leaves the charts out (no Chromium needed); the CLI does so, with a note, when Chromium is missing. */
  readonly charts?: boolean;
  /** Chromium to draw the charts with (default: $SPIEGEL_CHROMIUM or /usr/bin/chromium). */
  readonly executablePath?: string;
}

/** Write report.docx for a report; its charts are drawn by Chromium (only when it has any). */
export async function renderDocx(report: Report, path: string, options: DocxOptions = {}): Promise<void> {
  const charts = options.charts === false ? [] : await renderDocxCharts(xmlSafeStrings(report), options.executablePath);
  await writeFile(path, await Packer.toBuffer(buildDocx(report, charts)));
}
