/**
 * The HTML report: one self-contained file (inline CSS and SVG, no scripts, no external
 * resources) that reads on a phone, prints on A4 and is accessible: numbered tables with
 * <caption>, header cells with scope, spanning column groups, notes linked to their table,
 * charts with a text alternative. Every string from the report is escaped.
 * The markup is also well-formed XML, which lets tests check it with an XML parser.
 */
import type { Report, Row, Table } from '../tables/model.js';
import { renderChart } from './chart.js';
import { escapeHtml as esc } from './escape.js';
import { formatCell, formatN, language, titleNText, plainTitle, tableLabel, tableNotes, wordsFor } from './format.js';
import { reportCss } from './html-style.js';
import { codingCss, renderHtmlAnswers, renderHtmlTopic } from './html-coding.js';

/** How the document is rendered: for the screen (report.html) or for printing to PDF. */
export interface HtmlOptions {
  /**
   * Print version: the contents list is open and each entry carries its page number, from
   * this map of element id ("sectie-3", "tabel-12") to page; an id missing from the map
   * prints a placeholder of the same width, so a first pass lays out like the second.
   */
  readonly pageNumbers?: ReadonlyMap<string, number>;
  readonly print?: boolean;
}

/**
 * Tables with this many columns or more give their row labels at most 42% of a phone's width;
 * the scroll hint under a table shows wherever the table is wider than its container (CSS in
 * html-style.ts), and under these tables in browsers without scroll-driven animations.
 */
const WIDE_COLUMNS = 4;


function headerRows(table: Table, locale: string): string {
  const grouped = table.columns.some((c) => c.group !== undefined);
  // An empty corner is a plain cell: an empty header cell names nothing (axe: empty-table-header).
  const span = grouped ? ' rowspan="2"' : '';
  const stub = table.stubHead.trim() === '' ? `<td class="stub"${span}></td>` : `<th scope="col" class="stub"${span}>${esc(table.stubHead)}</th>`;
  const head = (label: string, n: number | undefined, extra: string): string =>
    `<th scope="col"${extra}>${esc(label)}${n === undefined ? '' : `<span class="n">${esc(formatN(n, locale))}</span>`}</th>`;
  if (!grouped) {
    return `<tr>${stub}${table.columns.map((c) => head(c.label, c.n, '')).join('')}</tr>`;
  }
  const top: string[] = [stub];
  const bottom: string[] = [];
  let i = 0;
  while (i < table.columns.length) {
    const col = table.columns[i]!;
    if (col.group === undefined) {
      top.push(head(col.label, col.n, ' rowspan="2"'));
      i += 1;
      continue;
    }
    let j = i;
    while (j < table.columns.length && table.columns[j]!.group === col.group) j += 1;
    const groupN = col.groupN === undefined ? '' : `<span class="n">${esc(formatN(col.groupN, locale))}</span>`;
    top.push(`<th scope="colgroup" colspan="${j - i}" class="group">${esc(col.group)}${groupN}</th>`);
    for (let k = i; k < j; k++) bottom.push(head(table.columns[k]!.label, table.columns[k]!.n, ''));
    i = j;
  }
  return `<tr>${top.join('')}</tr><tr>${bottom.join('')}</tr>`;
}

/** <colgroup> elements matching the spanning headers, so scope="colgroup" has its group. */
function colgroups(table: Table): string {
  const parts = ['<colgroup><col/></colgroup>'];
  let i = 0;
  while (i < table.columns.length) {
    const g = table.columns[i]!.group;
    let j = i + 1;
    while (g !== undefined && j < table.columns.length && table.columns[j]!.group === g) j += 1;
    parts.push(`<colgroup span="${j - i}"></colgroup>`);
    i = j;
  }
  return parts.join('');
}

const roleClass: Record<Row['role'], string> = { data: '', total: 'total', mean: 'mean', n: 'nrow', subheader: 'subheader' };

function bodyRows(table: Table, locale: string): string {
  const width = table.columns.length + 1;
  const bodies: string[][] = [[]];
  for (const row of table.rows) {
    if (row.role === 'subheader') {
      bodies.push([`<tr class="subheader"><th scope="rowgroup" colspan="${width}">${esc(row.label)}</th></tr>`]);
      continue;
    }
    const indent = row.indent !== undefined && row.indent > 0 ? ` class="indent-${Math.min(row.indent, 3)}"` : '';
    const cells = table.columns.map((_, c) => {
      const cell = row.cells[c];
      if (cell === undefined) return '<td></td>';
      const f = formatCell(cell, locale);
      const cls = cell.flags.includes('notAsked') ? 'na' : f.numeric ? 'num' : 'text';
      return `<td class="${cls}">${esc(f.text)}</td>`;
    });
    const cls = roleClass[row.role];
    bodies[bodies.length - 1]!.push(`<tr${cls ? ` class="${cls}"` : ''}><th scope="row"${indent}>${esc(row.label)}</th>${cells.join('')}</tr>`);
  }
  return bodies
    .filter((b) => b.length > 0)
    .map((b) => `<tbody>${b.join('')}</tbody>`)
    .join('');
}

/** One table with caption, notes and (when it reads better) its chart. `index` makes ids unique. */
export function renderHtmlTable(table: Table, index: number, locale: string): string {
  const id = `tabel-${index + 1}`;
  const notes = tableNotes(table, locale);
  const n = esc(titleNText(table, locale));
  const question = table.question ? `<span class="question">${esc(table.question)}</span>` : '';
  const mark = table.footnoteMark !== undefined && table.title.endsWith(table.footnoteMark) ? `<sup class="fn">${esc(table.footnoteMark)}</sup>` : '';
  // role="heading" makes the caption a bookmark of the PDF (Chromium's outline follows headings).
  const caption = `<caption id="${id}-caption"><span role="heading" aria-level="3"><span class="label">${esc(tableLabel(table, locale))}</span> ${esc(plainTitle(table))}${mark}${n}</span>${question}</caption>`;
  const described = notes.length > 0 ? ` aria-describedby="${id}-notes"` : '';
  const chart = renderChart(table, { id: `${id}-chart` }, locale);
  const words = wordsFor(locale);
  const wide = table.columns.length >= WIDE_COLUMNS ? ' wide' : '';
  return [
    `<div class="table-block${wide}" id="${id}">`,
    `<div class="scroll" role="region" aria-labelledby="${id}-caption" tabindex="0">`,
    `<table${described}>${caption}${colgroups(table)}<thead>${headerRows(table, locale)}</thead>${bodyRows(table, locale)}</table>`,
    '</div>',
    `<p class="scroll-cue" aria-hidden="true">${esc(words.scrollCue)}</p>`,
    notes.length > 0 ? `<div class="notes" id="${id}-notes">${notes.map((t) => `<p>${esc(t)}</p>`).join('')}</div>` : '',
    chart === null ? '' : `<figure class="chart">${chart}<figcaption><strong>${esc(plainTitle(table))}</strong> (${esc(`${words.chartOf.toLowerCase()} ${table.number}`)})</figcaption></figure>`,
    '</div>',
  ].join('');
}

/** The whole report as one self-contained HTML document. */
export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const locale = report.locale;
  const words = wordsFor(locale);
  const print = options.print === true || options.pageNumbers !== undefined;
  const page = (id: string): string => {
    if (!print) return '';
    const n = options.pageNumbers?.get(id);
    return `<span class="toc-page">${n === undefined ? '00' : String(n)}</span>`;
  };
  const entry = (id: string, text: string): string => `<a href="#${id}"><span class="toc-text">${esc(text)}</span>${page(id)}</a>`;
  let tableIndex = 0;
  let topicIndex = 0;
  let answersIndex = 0;
  let tableCount = 0;
  const toc: string[] = [];
  const sections = report.sections.map((section, s) => {
    const sid = `sectie-${s + 1}`;
    const tocTables: string[] = [];
    const blocks = section.blocks.map((block) => {
      if (block.type === 'text') return block.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('');
      if (block.type === 'topic') return renderHtmlTopic(block, topicIndex++);
      if (block.type === 'answers') return renderHtmlAnswers(block, answersIndex++);
      const i = tableIndex++;
      tableCount += 1;
      tocTables.push(`<li>${entry(`tabel-${i + 1}`, `${tableLabel(block.table, locale)} ${plainTitle(block.table)}`)}</li>`);
      return renderHtmlTable(block.table, i, locale);
    });
    toc.push(`<li>${entry(sid, section.heading)}${tocTables.length > 0 ? `<ol>${tocTables.join('')}</ol>` : ''}</li>`);
    return `<section aria-labelledby="${sid}"><h2 id="${sid}">${esc(section.heading)}</h2>${blocks.join('\n')}</section>`;
  });
  return [
    '<!DOCTYPE html>',
    `<html lang="${esc(language(locale))}">`,
    '<head>',
    '<meta charset="utf-8"/>',
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
    `<title>${esc(report.title)}</title>`,
    `<style>${reportCss}${codingCss}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${esc(report.title)}</h1>${report.subtitle ? `<p class="subtitle">${esc(report.subtitle)}</p>` : ''}</header>`,
    // The contents fold away on screen (a phone reaches the first table at once) and print open.
    `<nav aria-labelledby="inhoud"><details${print ? ' open' : ''}><summary><h2 id="inhoud">${esc(words.contents)}</h2> ` +
      `<span class="count">${esc(words.contentsCount(report.sections.length, tableCount))}</span></summary><ol>${toc.join('')}</ol></details></nav>`,
    `<main>${sections.join('\n')}</main>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
