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
import { formatCell, formatN, language, tableLabel, tableNotes, wordsFor } from './format.js';

const css = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 1rem; line-height: 1.5; color: #1a1a1a; background: #fff; margin: 0; }
header, nav, main { max-width: 58rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .25rem; }
.subtitle { font-size: 1.15rem; color: #333; margin: 0 0 1rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .75rem; border-bottom: 2px solid #2166ac; padding-bottom: .2rem; }
nav ol { padding-left: 1.25rem; }
nav ol ol { list-style: none; padding-left: .5rem; font-size: .95rem; }
a { color: #0b4f99; }
.table-block { margin: 1.5rem 0 2rem; }
.scroll { overflow-x: auto; }
.scroll:focus { outline: 2px solid #0b4f99; outline-offset: 2px; }
table { border-collapse: collapse; min-width: 60%; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 700; padding: 0 0 .5rem; caption-side: top; max-width: calc(100vw - 2rem); position: sticky; left: 0; }
caption .question { display: block; font-weight: 400; font-style: italic; margin-top: .25rem; }
th, td { padding: .3rem .6rem; vertical-align: top; }
thead th { text-align: center; border-bottom: 1px solid #1a1a1a; font-weight: 600; }
thead th.stub { text-align: left; }
thead th.group { border-bottom: 1px solid #767676; }
thead tr:last-child th { border-bottom: 2px solid #1a1a1a; }
.n { display: block; font-weight: 400; white-space: nowrap; }
tbody th { text-align: left; font-weight: 400; min-width: 9rem; }
tbody tr { border-bottom: 1px solid #d0d0d0; }
td.num { text-align: right; white-space: nowrap; }
td.text { text-align: left; }
td.na { text-align: right; font-style: italic; color: #444; }
tr.total th, tr.total td, tr.mean th, tr.mean td { font-weight: 700; border-top: 1px solid #1a1a1a; }
tr.nrow th, tr.nrow td { color: #333; }
tr.subheader th { font-weight: 700; padding-top: .6rem; }
.indent-1 { padding-left: 1.4rem; } .indent-2 { padding-left: 2.4rem; } .indent-3 { padding-left: 3.4rem; }
.notes { font-size: .875rem; margin-top: .4rem; }
.notes p { margin: .15rem 0; }
figure.chart { margin: 1rem 0 0; max-width: 32rem; }
figure.chart svg { width: 100%; height: auto; display: block; }
figure.chart figcaption { font-size: .875rem; color: #333; }
svg text { fill: #1a1a1a; }
svg text[fill="#ffffff"] { fill: #ffffff; }
@media (max-width: 40rem) {
  body { font-size: .95rem; }
  h1 { font-size: 1.4rem; }
  th, td { padding: .25rem .35rem; }
}
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  html { font-size: 10pt; }
  body { font-size: 1rem; }
  header, nav, main { max-width: none; padding: 0; }
  nav { break-after: page; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  .scroll { overflow: visible; }
  .table-block { break-inside: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  figure.chart { break-inside: avoid; max-width: 10cm; }
}
`;

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
    top.push(`<th scope="colgroup" colspan="${j - i}" class="group">${esc(col.group)}</th>`);
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
  const n = table.nShown === null ? '' : ` ${esc(formatN(table.nShown, locale))}`;
  const question = table.question ? `<span class="question">${esc(table.question)}</span>` : '';
  const caption = `<caption id="${id}-caption"><span class="label">${esc(tableLabel(table, locale))}</span> ${esc(table.title)}${n}${question}</caption>`;
  const described = notes.length > 0 ? ` aria-describedby="${id}-notes"` : '';
  const chart = renderChart(table, { id: `${id}-chart` }, locale);
  const words = wordsFor(locale);
  return [
    `<div class="table-block" id="${id}">`,
    `<div class="scroll" role="region" aria-labelledby="${id}-caption" tabindex="0">`,
    `<table${described}>${caption}${colgroups(table)}<thead>${headerRows(table, locale)}</thead>${bodyRows(table, locale)}</table>`,
    '</div>',
    notes.length > 0 ? `<div class="notes" id="${id}-notes">${notes.map((t) => `<p>${esc(t)}</p>`).join('')}</div>` : '',
    chart === null ? '' : `<figure class="chart">${chart}<figcaption>${esc(`${words.chartOf} ${table.number}`)}</figcaption></figure>`,
    '</div>',
  ].join('');
}

/** The whole report as one self-contained HTML document. */
export function renderHtml(report: Report): string {
  const locale = report.locale;
  const words = wordsFor(locale);
  let tableIndex = 0;
  const toc: string[] = [];
  const sections = report.sections.map((section, s) => {
    const sid = `sectie-${s + 1}`;
    const tocTables: string[] = [];
    const blocks = section.blocks.map((block) => {
      if (block.type === 'text') return block.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('');
      const i = tableIndex++;
      tocTables.push(`<li><a href="#tabel-${i + 1}">${esc(`${tableLabel(block.table, locale)} ${block.table.title}`)}</a></li>`);
      return renderHtmlTable(block.table, i, locale);
    });
    toc.push(`<li><a href="#${sid}">${esc(section.heading)}</a>${tocTables.length > 0 ? `<ol>${tocTables.join('')}</ol>` : ''}</li>`);
    return `<section aria-labelledby="${sid}"><h2 id="${sid}">${esc(section.heading)}</h2>${blocks.join('\n')}</section>`;
  });
  return [
    '<!DOCTYPE html>',
    `<html lang="${esc(language(locale))}">`,
    '<head>',
    '<meta charset="utf-8"/>',
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
    `<title>${esc(report.title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${esc(report.title)}</h1>${report.subtitle ? `<p class="subtitle">${esc(report.subtitle)}</p>` : ''}</header>`,
    `<nav aria-labelledby="inhoud"><h2 id="inhoud">${esc(words.contents)}</h2><ol>${toc.join('')}</ol></nav>`,
    `<main>${sections.join('\n')}</main>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
