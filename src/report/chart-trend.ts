/**
 * Trend charts over the waves (the columns of a trend table): lines for up to four rows, each
 * with its own colour, dash and marker and its latest value written at its end; a dot plot for
 * more rows (one line per row with a dot per wave, the latest wave dark and labelled), which
 * stays readable where eight lines would tangle. Both plot unrounded estimates; "Niet gevraagd"
 * leaves a gap. A trend of means only (a rating over the waves) is drawn on its own scale.
 */
import type { Cell, Row, Table } from '../tables/model.js';
import { CATEGORICAL, DASHES, SINGLE } from './chart-colours.js';
import { FONT, WIDTH, fmt, isPlottable, legend, marker, plotValue, rowLabel, type Layout, type LegendItem } from './chart-svg.js';
import { escapeHtml } from './escape.js';
import { formatCell, formatNumber } from './format.js';

export interface TrendSeries {
  readonly format: Cell['format'];
  readonly rows: readonly Row[];
}

/** The rows a trend chart draws: percentage rows with two or more numbers, else mean rows. */
export function trendSeries(table: Table): TrendSeries | null {
  const seriesOf = (format: Cell['format']): Row[] =>
    table.rows.filter((r) => r.role !== 'subheader' && r.role !== 'n' && r.role !== 'total' && r.cells.filter((c) => isPlottable(c, format)).length >= 2);
  const percent = seriesOf('percent');
  const rows = percent.length > 0 ? percent : seriesOf('mean');
  if (rows.length === 0 || table.columns.length < 2) return null;
  return { format: percent.length > 0 ? 'percent' : 'mean', rows };
}

interface Axis {
  readonly max: number;
  readonly step: number;
  readonly tick: (t: number) => string;
}

function axisFor(values: number[], format: Cell['format'], locale: string): Axis {
  const top = Math.max(...values);
  // Percentages: 0 to the next multiple of 20 (at most 100). Means: a 1–10 rating on 0–10,
  // other means on 0 to a round number above the largest.
  const max = format === 'percent' ? Math.min(100, Math.max(20, Math.ceil(top / 20) * 20)) : top <= 10 ? 10 : niceCeiling(top);
  const step = format === 'percent' ? (max <= 40 ? 10 : 20) : max / 5;
  return { max, step, tick: (t) => (format === 'percent' ? `${t}%` : formatNumber(t, Number.isInteger(step) ? 0 : 1, locale)) };
}

/** 1, 2 or 5 times a power of ten, at least x. */
function niceCeiling(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

/** Lines over the waves; returns the chart body and its height. */
export function lineChart(table: Table, s: TrendSeries, locale: string): { body: string; height: number } {
  const plottable = (cell: Cell | undefined): cell is Cell & { shown: number } => isPlottable(cell, s.format);
  const items: LegendItem[] = s.rows.map((r, i) => ({ label: r.label, colour: CATEGORICAL[i % CATEGORICAL.length]!, dash: DASHES[i % DASHES.length]!, marker: i }));
  const leg = legend(items, FONT + 2, 'line');
  const top = leg.height + 10;
  const plotH = 140;
  const left = 44;
  const right = 52;
  const bottom = top + plotH;
  const axis = axisFor(s.rows.flatMap((r) => r.cells.filter(plottable).map(plotValue)), s.format, locale);
  const x = (i: number): number => left + ((WIDTH - left - right) * (i + 0.5)) / table.columns.length;
  const y = (v: number): number => bottom - (v / axis.max) * plotH;
  const parts: string[] = [leg.svg];
  for (let k = 0; k * axis.step <= axis.max + 1e-9; k++) {
    const t = k * axis.step;
    parts.push(`<line x1="${left}" y1="${fmt(y(t))}" x2="${WIDTH - right}" y2="${fmt(y(t))}" stroke="${t === 0 ? '#555' : '#d0d0d0'}" stroke-width="1"/>`);
    parts.push(`<text x="${left - 6}" y="${fmt(y(t) + 4)}" text-anchor="end">${escapeHtml(axis.tick(t))}</text>`);
  }
  table.columns.forEach((c, i) => {
    parts.push(`<text x="${fmt(x(i))}" y="${bottom + FONT + 6}" text-anchor="middle">${escapeHtml(c.label.length > 14 ? `${c.label.slice(0, 13)}…` : c.label)}</text>`);
  });
  const ends: { y: number; x: number; text: string; colour: string; shape: number }[] = [];
  s.rows.forEach((row, k) => {
    const item = items[k]!;
    let d = '';
    let pen = false;
    let last = -1;
    row.cells.forEach((cell, i) => {
      if (!plottable(cell)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${fmt(x(i))} ${fmt(y(plotValue(cell)))}`;
      pen = true;
      last = i;
    });
    parts.push(`<path d="${d}" fill="none" stroke="${item.colour}" stroke-width="2.5"${item.dash ? ` stroke-dasharray="${item.dash}"` : ''}/>`);
    row.cells.forEach((cell, i) => {
      if (plottable(cell)) parts.push(marker(k, x(i), y(plotValue(cell)), item.colour, 4, `${row.label}, ${table.columns[i]?.label ?? ''}: ${formatCell(cell, locale).text}`));
    });
    const end = row.cells[last];
    if (plottable(end)) ends.push({ y: y(plotValue(end)), x: x(last) + 9, text: formatCell(end, locale).text, colour: item.colour, shape: k });
  });
  parts.push(endLabels(ends, top, bottom));
  return { body: parts.join(''), height: bottom + FONT + 14 };
}

/** Vertical distance between two end labels: a line of text (FONT) and a little air, so their boxes never touch. */
export const END_LABEL_GAP = FONT + 4;

/**
 * Every line's last value at its end, after the line's own marker, so a label says which line it
 * belongs to even where two lines end on the same value: labels that would overlap are moved
 * apart (down, then back up if they run off the plot), never dropped; a short leader joins a
 * moved label to its point.
 */
function endLabels(labels: { y: number; x: number; text: string; colour: string; shape: number }[], top: number, bottom: number): string {
  const gap = END_LABEL_GAP;
  const sorted = [...labels].sort((p, q) => p.y - q.y).map((l) => ({ ...l, at: l.y }));
  for (let i = 1; i < sorted.length; i++) sorted[i]!.at = Math.max(sorted[i]!.at, sorted[i - 1]!.at + gap);
  const overflow = sorted.length > 0 ? sorted[sorted.length - 1]!.at - bottom : 0;
  if (overflow > 0) for (const l of sorted) l.at -= overflow;
  for (let i = 0; i < sorted.length; i++) sorted[i]!.at = Math.max(sorted[i]!.at, top + i * gap);
  return sorted
    .map((l) => {
      const leader = Math.abs(l.at - l.y) > 3 ? `<line x1="${fmt(l.x - 5)}" y1="${fmt(l.y)}" x2="${fmt(l.x)}" y2="${fmt(l.at)}" stroke="${l.colour}" stroke-width="1"/>` : '';
      return `${leader}<g class="end-label">${marker(l.shape, l.x + 5, l.at, l.colour, 3.5)}<text x="${fmt(l.x + 12)}" y="${fmt(l.at + 5)}">${escapeHtml(l.text)}</text></g>`;
    })
    .join('');
}

/** Greys for earlier waves (lighter = older) and the neutral slate for the latest. */
function waveColours(n: number): string[] {
  const greys = ['#c4c4c4', '#a3a3a3', '#7f7f7f', '#5c5c5c'];
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? SINGLE : greys[Math.max(0, greys.length - (n - 1) + i)] ?? greys[0]!));
}

/** A dot plot: one line per row, a dot per wave; the latest wave's value at the right. */
export function dotChart(table: Table, s: TrendSeries, locale: string, layout: Layout): { body: string; height: number } {
  const plottable = (cell: Cell | undefined): cell is Cell & { shown: number } => isPlottable(cell, s.format);
  const colours = waveColours(table.columns.length);
  const items: LegendItem[] = table.columns.map((c, i) => ({ label: c.label, colour: colours[i]!, marker: i }));
  const leg = legend(items, FONT + 2, 'dot', layout.width);
  const axis = axisFor(s.rows.flatMap((r) => r.cells.filter(plottable).map(plotValue)), s.format, locale);
  const left = layout.labelWidth + 6;
  const right = 46;
  const W = layout.width;
  const x = (v: number): number => left + (v / axis.max) * (W - left - right);
  const parts: string[] = [];
  let y = leg.height + 8;
  const axisTop = y;
  for (const row of s.rows) {
    const label = rowLabel(row.label, y, 12, layout);
    parts.push(label.svg);
    y = label.barY + 6;
    const points = row.cells.map((c, i) => ({ c, i })).filter((p): p is { c: Cell & { shown: number }; i: number } => plottable(p.c));
    const xs = points.map((p) => x(plotValue(p.c)));
    parts.push(`<line x1="${left}" y1="${fmt(y)}" x2="${W - right}" y2="${fmt(y)}" stroke="#e6e6e6" stroke-width="1"/>`);
    if (xs.length > 1) parts.push(`<line x1="${fmt(Math.min(...xs))}" y1="${fmt(y)}" x2="${fmt(Math.max(...xs))}" y2="${fmt(y)}" stroke="#9e9e9e" stroke-width="2"/>`);
    for (const p of points) {
      const latest = p.i === table.columns.length - 1;
      parts.push(marker(p.i, x(plotValue(p.c)), y, colours[p.i]!, latest ? 6 : 4.5, `${row.label}, ${table.columns[p.i]?.label ?? ''}: ${formatCell(p.c, locale).text}`));
    }
    const last = points[points.length - 1];
 if (last !== undefined) parts.push(`<text x="${W - right + 8}" y="${fmt(y + 5)}" font-weight="${last.i === table.columns.length - 1 ? 700 : 400}">${escapeHtml(formatCell(last.c, locale).text)}</text>`);
    y = Math.max(label.next, y + 6) + (layout.labelWidth > 0 ? 6 : 10);
  }
  // The value axis, at the foot: gridlines through every row, drawn under the dots.
  const grid: string[] = [leg.svg];
  for (let k = 0; k * axis.step <= axis.max + 1e-9; k++) {
    const t = k * axis.step;
    grid.push(`<line x1="${fmt(x(t))}" y1="${axisTop}" x2="${fmt(x(t))}" y2="${y}" stroke="#d0d0d0" stroke-width="0.7" stroke-dasharray="2 3"/>`);
    grid.push(`<text x="${fmt(x(t))}" y="${y + FONT + 2}" text-anchor="${k === 0 ? 'start' : 'middle'}">${escapeHtml(axis.tick(t))}</text>`);
  }
  return { body: grid.join('') + parts.join(''), height: y + FONT + 8 };
}
