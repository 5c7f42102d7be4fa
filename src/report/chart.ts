/**
 * Small inline-SVG charts for the HTML report and PDF, chosen by rule (chart-rules.ts):
 * stacked bars per statement for answer-scale grids, a stacked bar per column for
 * distributions by group or sub-question, bars for frequencies and shares, lines or a dot plot
 * for trends (chart-trend.ts). They plot unrounded estimates and print the table's rounded
 * numbers as labels; colours follow one meaning per scale (chart-colours.ts). Every chart has
 * the table's title as its title and its numbers as text alternative.
 */
import type { Cell, ChartHint, Table } from '../tables/model.js';
import { CATEGORICAL, SINGLE, scaleColours, textOn } from './chart-colours.js';
import { chartFor } from './chart-rules.js';
import { CHAR, FONT, NARROW, WIDE, fmt, isPlottable, legend, plotValue, rowLabel, svgOpen, type Layout } from './chart-svg.js';
import { dotChart, lineChart, trendSeries } from './chart-trend.js';
import { escapeHtml } from './escape.js';
import { formatCell, plainTitle, wordsFor } from './format.js';

export { scaleColours } from './chart-colours.js';

export interface ChartIds {
  /** Unique prefix for ids inside the chart. */
  readonly id: string;
}

interface Segment {
  readonly value: number;
  readonly series: number;
  readonly text: string;
}

interface Drawn {
  readonly body: string;
  readonly height: number;
}

interface Bar {
  readonly label: string;
  readonly values: readonly Segment[];
}

/** A "Totaal" column is the whole bar, not a segment of it. */
const totalColumn = /^(totaal|total)$/i;

/** Columns grouped by their spanning header (one group when no column has one). */
function columnGroups(table: Table): { group: string | undefined; columns: number[] }[] {
  const groups: { group: string | undefined; columns: number[] }[] = [];
  table.columns.forEach((c, i) => {
    const last = groups[groups.length - 1];
    if (last !== undefined && last.group === c.group) last.columns.push(i);
    else groups.push({ group: c.group, columns: [i] });
  });
  return groups;
}

function columnLabel(table: Table, c: number): string {
  const col = table.columns[c]!;
  return col.group !== undefined ? `${col.group} – ${col.label}` : col.label;
}

/** Horizontal stacked bars with a legend of the answer scale; returns the body and its height. */
function drawStacks(bars: readonly Bar[], seriesLabels: readonly string[], layout: Layout): Drawn {
  const colours = scaleColours(seriesLabels);
  const leg = legend(seriesLabels.map((label, i) => ({ label, colour: colours[i]! })), FONT + 2, 'box', layout.width);
  const parts: string[] = [leg.svg];
  let y = leg.height + 6;
  const barH = layout.labelWidth > 0 ? 17 : 22;
  const x0 = layout.labelWidth;
  const span = layout.width - x0;
  for (const bar of bars) {
    const row = rowLabel(bar.label, y, barH, layout);
    parts.push(row.svg);
    const total = Math.max(100, bar.values.reduce((s, v) => s + v.value, 0));
    let x = x0;
    for (const v of bar.values) {
      const w = (v.value / total) * span;
      const fill = colours[v.series]!;
      parts.push(`<rect x="${fmt(x)}" y="${fmt(row.barY)}" width="${fmt(w)}" height="${barH}" fill="${fill}"><title>${escapeHtml(`${seriesLabels[v.series]}: ${v.text}`)}</title></rect>`);
      if (w >= v.text.length * CHAR + 6) {
        parts.push(`<text x="${fmt(x + w / 2)}" y="${fmt(row.barY + barH / 2 + FONT / 2 - 2)}" text-anchor="middle" fill="${textOn(fill)}">${escapeHtml(v.text)}</text>`);
      }
      x += w;
    }
    y = row.next + (layout.labelWidth > 0 ? 5 : 12);
  }
  return { body: parts.join(''), height: y };
}

/** One stacked bar per row (statement) and column group; segments = the answer columns. */
function stackedBars(table: Table, locale: string, layout: Layout): Drawn | null {
  const groups = columnGroups(table);
  const seriesLabels: string[] = [];
  const seriesOf = (label: string): number => {
    const k = seriesLabels.indexOf(label);
    return k >= 0 ? k : seriesLabels.push(label) - 1;
  };
  const bars: Bar[] = [];
  for (const row of table.rows) {
    if (row.role !== 'data') continue;
    for (const g of groups) {
      const values = g.columns
        .filter((c) => isPlottable(row.cells[c]) && !totalColumn.test(table.columns[c]!.label.trim()))
        .map((c) => {
          const cell = row.cells[c] as Cell & { shown: number };
          return { value: plotValue(cell), series: seriesOf(table.columns[c]!.label), text: formatCell(cell, locale).text };
        });
      if (values.length < 2) continue;
      bars.push({ label: g.group !== undefined && groups.length > 1 ? `${row.label} – ${g.group}` : row.label, values });
    }
  }
  return bars.length === 0 ? null : drawStacks(bars, seriesLabels, layout);
}

/**
 * One stacked bar per column (a group or a sub-question, each adding up to 100%); segments =
 * the data rows (answer categories). Total rows are left out.
 */
function stackedColumns(table: Table, locale: string, layout: Layout): Drawn | null {
  const rows = table.rows.filter((r) => r.role === 'data');
  const seriesLabels = rows.map((r) => r.label);
  const bars: Bar[] = [];
  table.columns.forEach((col, c) => {
    const values = rows.flatMap((r, k) => {
      const cell = r.cells[c];
      return isPlottable(cell) ? [{ value: plotValue(cell), series: k, text: formatCell(cell, locale).text }] : [];
    });
    if (values.length >= 2) bars.push({ label: col.n === undefined ? columnLabel(table, c) : `${columnLabel(table, c)} (N=${col.n})`, values });
  });
  return bars.length === 0 ? null : drawStacks(bars, seriesLabels, layout);
}

/** Horizontal bars per row; several percent columns become grouped bars with a legend. */
function bars(table: Table, locale: string, layout: Layout): Drawn | null {
  const cols = table.columns.map((_, i) => i).filter((i) => table.rows.some((r) => r.role === 'data' && isPlottable(r.cells[i])));
  const rows = table.rows.filter((r) => r.role === 'data' && cols.some((c) => isPlottable(r.cells[c])));
  if (cols.length === 0 || rows.length === 0) return null;
  const parts: string[] = [];
  let y = 4;
  const colour = (i: number): string => (cols.length > 1 ? CATEGORICAL[i % CATEGORICAL.length]! : SINGLE);
  if (cols.length > 1) {
    const leg = legend(cols.map((c, i) => ({ label: columnLabel(table, c), colour: colour(i) })), FONT + 2, 'box', layout.width);
    parts.push(leg.svg);
    y = leg.height + 6;
  }
  const one = cols.length > 1 ? 14 : layout.labelWidth > 0 ? 16 : 18;
  const barH = cols.length * (one + 2) - 2;
  const x0 = layout.labelWidth;
  const span = layout.width - x0 - 48;
  for (const row of rows) {
    const label = rowLabel(row.label, y, barH, layout);
    parts.push(label.svg);
    cols.forEach((c, i) => {
      const cell = row.cells[c];
      const top = label.barY + i * (one + 2);
      if (isPlottable(cell)) {
        const w = (Math.min(plotValue(cell), 100) / 100) * span;
        const text = formatCell(cell, locale).text;
        parts.push(`<rect x="${x0}" y="${fmt(top)}" width="${fmt(w)}" height="${one}" fill="${colour(i)}"><title>${escapeHtml(`${columnLabel(table, c)}: ${text}`)}</title></rect>`);
        parts.push(`<text x="${fmt(x0 + w + 4)}" y="${fmt(top + one / 2 + FONT / 2 - 2)}">${escapeHtml(text)}</text>`);
      }
    });
    y = label.next + (layout.labelWidth > 0 ? 6 : 10);
  }
  return { body: parts.join(''), height: y };
}

/**
 * The text alternative: every number the chart draws, row by row ("Scholing: 51%; …"), so a
 * screen reader hears the chart without finding the table.
 */
export function chartDescription(table: Table, locale: string): string {
  const single = table.columns.length === 1;
  const rows = table.rows
    .filter((r) => r.role === 'data')
    .map((r) => {
      const values = table.columns
        .map((_, c) => (r.cells[c] === undefined ? null : `${single ? '' : `${columnLabel(table, c)} `}${formatCell(r.cells[c]!, locale).text}`))
        .filter((v): v is string => v !== null);
      return `${r.label}: ${values.join(', ')}`;
    });
  return `${wordsFor(locale).chartDesc} ${rows.join('; ')}.`;
}

function draw(table: Table, form: Exclude<ChartHint, 'none'>, locale: string, layout: Layout): Drawn | null {
  switch (form) {
    case 'stackedBar':
      return stackedBars(table, locale, layout);
    case 'stackedColumns':
      return stackedColumns(table, locale, layout);
    case 'bar':
      return bars(table, locale, layout);
    case 'line':
    case 'dots': {
      const series = trendSeries(table);
      if (series === null) return null;
      return form === 'line' ? lineChart(table, series, locale) : dotChart(table, series, locale, layout);
    }
  }
}

/**
 * The chart under a table by the rules, as inline SVG, or null when the table gets none. Bar
 * and dot charts come in both layouts (phone and wide/print, one shown by the style sheet);
 * the wide one is hidden from assistive technology as a duplicate by display:none.
 */
export function renderChart(table: Table, ids: ChartIds, locale: string): string | null {
  const form = chartFor(table);
  if (form === 'none') return null;
  const title = plainTitle(table);
  const desc = chartDescription(table, locale);
  const narrow = draw(table, form, locale, NARROW);
  if (narrow === null) return null;
  const svgs = [svgOpen(ids.id, narrow.height, title, desc, NARROW) + narrow.body + '</svg>'];
  if (form !== 'line') {
    const wide = draw(table, form, locale, WIDE);
    if (wide !== null) svgs.push(svgOpen(`${ids.id}-wide`, wide.height, title, desc, WIDE) + wide.body + '</svg>');
  }
  return svgs.join('');
}
