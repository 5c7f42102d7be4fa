/**
 * Plain-text tables for the terminal (`spiegel report --format terminal`, table previews):
 * caption, header rows with spanning groups, labels left, numbers right, notes below.
 */
import type { AnswerListBlock, Report, Table, TopicBlock } from '../tables/model.js';
import { captionText, columnHeadText, formatCell, tableNotes } from './format.js';

/**
 * Control characters (ANSI escapes included) are removed: labels and open answers must not
 * be able to move the cursor or recolour the researcher's terminal.
 */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, '');
}

/** Display width of a string; counts code points, which is right for Latin text. */
function width(s: string): number {
  return [...s].length;
}

function pad(s: string, w: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}

/** Widest stub column before labels wrap. */
const STUB_MAX = 60;

function wrapLabel(label: string, w: number): string[] {
  if (width(label) <= w) return [label];
  const indent = /^ */.exec(label)?.[0] ?? '';
  const out: string[] = [];
  let line = '';
  for (const word of label.trim().split(/\s+/)) {
    const next = line === '' ? indent + word : `${line} ${word}`;
    if (width(next) > w && line !== '') {
      out.push(line);
      line = `${indent}  ${word}`;
    } else {
      line = next;
    }
  }
  if (line !== '') out.push(line);
  return out;
}

/** One table as plain text lines. */
export function renderTextTable(table: Table, locale: string): string {
  const grouped = table.columns.some((c) => c.group !== undefined);
  const heads = table.columns.map((c) => columnHeadText(c.label, c.n, locale));
  const body = table.rows.map((row) => ({
    label: `${'  '.repeat(row.indent ?? 0)}${row.label}`,
    role: row.role,
    cells: table.columns.map((_, i) => (row.cells[i] ? formatCell(row.cells[i]!, locale) : { text: '', numeric: false })),
  }));
  const stubW = Math.min(STUB_MAX, Math.max(width(table.stubHead), ...body.filter((r) => r.role !== 'subheader').map((r) => width(r.label)), 1));
  const colW = table.columns.map((_, i) => Math.max(width(heads[i]!), ...body.map((r) => width(r.cells[i]?.text ?? ''))));
  // A group header wider than its columns widens the last of them.
  if (grouped) {
    let i = 0;
    while (i < table.columns.length) {
      const g = table.columns[i]!.group;
      let j = i + 1;
      while (g !== undefined && j < table.columns.length && table.columns[j]!.group === g) j += 1;
      if (g !== undefined) {
        const span = colW.slice(i, j).reduce((a, b) => a + b, 0) + 2 * (j - i - 1);
        const text = columnHeadText(g, table.columns[i]!.groupN, locale);
        if (width(text) > span) colW[j - 1]! += width(text) - span;
      }
      i = j;
    }
  }
  const lines: string[] = [captionText(table, locale)];
  if (table.question) lines.push(table.question);
  lines.push('');
  if (grouped) {
    const parts: string[] = [pad('', stubW, false)];
    let i = 0;
    while (i < table.columns.length) {
      const g = table.columns[i]!.group;
      let j = i + 1;
      while (g !== undefined && j < table.columns.length && table.columns[j]!.group === g) j += 1;
      const span = colW.slice(i, j).reduce((a, b) => a + b, 0) + 2 * (j - i - 1);
      const text = g === undefined ? '' : columnHeadText(g, table.columns[i]!.groupN, locale);
      const left = Math.floor((span - width(text)) / 2);
      parts.push(pad(' '.repeat(Math.max(0, left)) + text, span, false));
      i = j;
    }
    lines.push(parts.join('  ').trimEnd());
  }
  lines.push([pad(table.stubHead, stubW, false), ...heads.map((h, i) => pad(h, colW[i]!, true))].join('  ').trimEnd());
  const total = stubW + colW.reduce((a, b) => a + b + 2, 0);
  lines.push('─'.repeat(total));
  for (const r of body) {
    if (r.role === 'subheader') {
      lines.push(r.label);
      continue;
    }
    if (r.role === 'total' || r.role === 'mean') lines.push('─'.repeat(total));
    // Long labels wrap within the stub column; the numbers stand on the first line.
    const [first, ...more] = wrapLabel(r.label, stubW);
    lines.push([pad(first ?? '', stubW, false), ...r.cells.map((c, i) => pad(c.text, colW[i]!, true))].join('  ').trimEnd());
    for (const line of more) lines.push(line);
  }
  lines.push('─'.repeat(total));
  for (const note of tableNotes(table, locale)) lines.push(note);
  return clean(lines.join('\n')) + '\n';
}

/** A whole report as plain text: title, section headings, paragraphs and tables. */
export function renderText(report: Report): string {
  const out: string[] = [report.title, '='.repeat(width(report.title))];
  if (report.subtitle) out.push(report.subtitle);
  for (const section of report.sections) {
    out.push('', section.heading, '-'.repeat(width(section.heading)));
    for (const block of section.blocks) {
      out.push('');
      if (block.type === 'text') out.push(block.paragraphs.join('\n\n'));
      else if (block.type === 'topic' || block.type === 'answers') out.push(codingBlockText(block));
      else out.push(renderTextTable(block.table, report.locale).trimEnd());
    }
  }
  return clean(out.join('\n')) + '\n';
}

/** An interview topic or a list of "Anders" answers as plain text. */
function codingBlockText(block: TopicBlock | AnswerListBlock): string {
  if (block.type === 'answers') return [block.title, block.intro, ...block.answers.map((a) => `  - ${a}`)].join('\n');
  const lines = [block.title, block.mentioned];
  if (block.groups !== null) lines.push(`${block.groups.heading}:`, ...block.groups.rows.map((r) => `  - ${r.text}`));
  for (const p of block.summary) lines.push('', p);
  for (const q of block.quotes) lines.push('', `  “${q.text}”`, ...(q.attribution === '' ? [] : [`    — ${q.attribution}`]));
  return lines.join('\n');
}
