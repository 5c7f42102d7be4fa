/**
 * Small inline-SVG charts for the HTML report: stacked horizontal bars for statement grids,
 * lines for trends, bars for frequencies. They draw the numbers the table already shows
 * (`shown`), never recompute them. Colours are colour-blind safe (ColorBrewer RdBu for ordered
 * scales, Okabe–Ito for categories), lines also differ by marker shape and dash, and every
 * chart carries <title>/<desc> and points to its table as the text alternative.
 */
import type { Cell, Table } from '../tables/model.js';
import { escapeHtml } from './escape.js';
import { captionText, formatCell, formatNumber, wordsFor } from './format.js';

const WIDTH = 420;
const FONT = 14;
/** Rough width of a character at FONT size, for wrapping labels inside the SVG. */
const CHAR = 7.8;

/** ColorBrewer RdBu (colour-blind safe): agreeing end blue, disagreeing end red. */
const AGREE = ['#2166ac', '#4393c3', '#92c5de', '#d1e5f0'];
const DISAGREE = ['#b2182b', '#d6604d', '#f4a582', '#fddbc7'];
const NEUTRAL = '#e0e0e0';
/** Answers outside the ordered scale ("Weet ik niet", "N.v.t."). */
const OUTSIDE = '#9e9e9e';
/** Okabe & Ito (2008) palette, colour-blind safe, without yellow (too light on white). */
const CATEGORICAL = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#56b4e9', '#e69f00', '#000000'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4'];

export interface ChartIds {
  /** Unique prefix for ids inside the chart. */
  readonly id: string;
}

function isPlottable(cell: Cell | undefined, format: Cell['format'] = 'percent'): cell is Cell & { shown: number } {
  return (
    cell !== undefined &&
    cell.format === format &&
    cell.shown !== null &&
    Number.isFinite(cell.shown) &&
    !cell.flags.includes('suppressed') &&
    !cell.flags.includes('notAsked') &&
    !cell.flags.includes('notEstimable')
  );
}

function wrap(text: string, maxChars: number): string[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line.length > 0 && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = line.length > 0 ? `${line} ${word}` : word;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

function textLines(lines: string[], x: number, y: number, attrs = ''): string {
  return lines
    .map((l, i) => `<text x="${x}" y="${y + i * (FONT + 3)}"${attrs}>${escapeHtml(l)}</text>`)
    .join('');
}

/** Relative luminance (WCAG 2) of a #rrggbb colour, to pick black or white text on it. */
function luminance(hex: string): number {
  const channel = (i: number): number => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function textOn(fill: string): string {
  // Contrast with white = 1.05/(L+0.05), with black = (L+0.05)/0.05; take the larger.
  const l = luminance(fill);
  return 1.05 / (l + 0.05) > (l + 0.05) / 0.05 ? '#ffffff' : '#000000';
}

/** A "Totaal" column is the whole bar, not a segment of it. */
const totalColumn = /^(totaal|total)$/i;

const outsideScale = /^(n\.?v\.?t|niet van toepassing|weet|geen mening|kan ik niet|n\/a|not applicable|don.?t know)/i;

/** Colours for an ordered answer scale: first half blue, middle grey, second half red. */
export function scaleColours(labels: readonly string[]): string[] {
  const ordered = labels.filter((l) => !outsideScale.test(l.trim()));
  const half = Math.floor(ordered.length / 2);
  const odd = ordered.length % 2 === 1;
  const pick = (side: string[], k: number, count: number): string => {
    // Spread `count` colours over the side's four shades, darkest at the scale's end.
    // The lightest shade is kept for scales of four or more per side: it is close to grey.
    if (count <= 1) return side[1]!;
    const span = count >= 4 ? side.length - 1 : 2;
    return side[Math.round((k * span) / (count - 1))]!;
  };
  let i = 0;
  return labels.map((label) => {
    if (outsideScale.test(label.trim())) return OUTSIDE;
    const k = i++;
    if (odd && k === half) return NEUTRAL;
    if (k < half) return pick(AGREE, k, half);
    const j = k - half - (odd ? 1 : 0);
    return pick(DISAGREE, half - 1 - j, half);
  });
}

function svgOpen(ids: ChartIds, height: number, title: string, desc: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${WIDTH} ${height}" ` +
    `role="img" aria-labelledby="${ids.id}-title ${ids.id}-desc" font-size="${FONT}">` +
    `<title id="${ids.id}-title">${escapeHtml(title)}</title>` +
    `<desc id="${ids.id}-desc">${escapeHtml(desc)}</desc>`
  );
}

interface LegendItem {
  readonly label: string;
  readonly colour: string;
  readonly dash?: string;
  readonly marker?: number;
}

/** A legend that wraps over lines (long labels get lines of their own); returns markup and height. */
function legend(items: readonly LegendItem[], y0: number, kind: 'box' | 'line'): { svg: string; height: number } {
  let x = 0;
  let y = y0;
  const parts: string[] = [];
  const maxChars = Math.floor((WIDTH - 24) / CHAR);
  for (const [i, item] of items.entries()) {
    const lines = wrap(item.label, maxChars);
    const w = 22 + Math.max(...lines.map((l) => l.length)) * CHAR + 16;
    if (x > 0 && (x + w > WIDTH || lines.length > 1)) {
      x = 0;
      y += FONT + 8;
    }
    if (kind === 'box') {
      parts.push(`<rect x="${x}" y="${y - FONT + 2}" width="14" height="14" fill="${item.colour}" stroke="#555" stroke-width="0.5"/>`);
    } else {
      parts.push(
        `<line x1="${x}" y1="${y - 4}" x2="${x + 16}" y2="${y - 4}" stroke="${item.colour}" stroke-width="2.5"${item.dash ? ` stroke-dasharray="${item.dash}"` : ''}/>`,
        marker(item.marker ?? i, x + 8, y - 4, item.colour),
      );
    }
    parts.push(textLines(lines, x + 20, y));
    y += (lines.length - 1) * (FONT + 3);
    if (lines.length > 1) {
      x = WIDTH; // the next item starts on a new line
    } else {
      x += w;
    }
  }
  return { svg: parts.join(''), height: y - y0 + FONT + 10 };
}

function marker(shape: number, x: number, y: number, colour: string): string {
  const r = 4;
  switch (shape % 4) {
    case 0:
      return `<circle cx="${x}" cy="${y}" r="${r}" fill="${colour}"/>`;
    case 1:
      return `<rect x="${x - r}" y="${y - r}" width="${2 * r}" height="${2 * r}" fill="${colour}"/>`;
    case 2:
      return `<path d="M${x} ${y - r - 1}L${x + r + 1} ${y + r}L${x - r - 1} ${y + r}Z" fill="${colour}"/>`;
    default:
      return `<path d="M${x} ${y - r - 1}L${x + r + 1} ${y}L${x} ${y + r + 1}L${x - r - 1} ${y}Z" fill="${colour}"/>`;
  }
}

function fmt(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

interface Bar {
  readonly label: string;
  readonly values: readonly { readonly value: number; readonly series: number; readonly text: string }[];
}

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

/** Stacked horizontal bars: one bar per statement (and per column group), segments = answers. */
function stackedBars(table: Table, ids: ChartIds, locale: string): string | null {
  const groups = columnGroups(table);
  const seriesLabels: string[] = [];
  const seriesOf = (col: number): number => {
    const label = table.columns[col]!.label;
    let k = seriesLabels.indexOf(label);
    if (k < 0) k = seriesLabels.push(label) - 1;
    return k;
  };
  const bars: Bar[] = [];
  for (const row of table.rows) {
    if (row.role !== 'data') continue;
    for (const g of groups) {
      const values = g.columns
        .filter((c) => isPlottable(row.cells[c]) && !totalColumn.test(table.columns[c]!.label.trim()))
        .map((c) => {
          const cell = row.cells[c] as Cell & { shown: number };
          return { value: cell.shown, series: seriesOf(c), text: formatCell(cell, locale).text };
        });
      if (values.length < 2) continue;
      bars.push({ label: g.group !== undefined && groups.length > 1 ? `${row.label} – ${g.group}` : row.label, values });
    }
  }
  if (bars.length === 0) return null;
  const colours = scaleColours(seriesLabels);
  const leg = legend(seriesLabels.map((label, i) => ({ label, colour: colours[i]! })), FONT + 2, 'box');
  const parts: string[] = [leg.svg];
  let y = leg.height + 6;
  const barH = 22;
  for (const bar of bars) {
    const lines = wrap(bar.label, Math.floor(WIDTH / CHAR));
    parts.push(textLines(lines, 0, y + FONT));
    y += lines.length * (FONT + 3) + 4;
    const total = Math.max(100, bar.values.reduce((s, v) => s + v.value, 0));
    let x = 0;
    for (const v of bar.values) {
      const w = (v.value / total) * WIDTH;
      const fill = colours[v.series]!;
      parts.push(`<rect x="${fmt(x)}" y="${y}" width="${fmt(w)}" height="${barH}" fill="${fill}"><title>${escapeHtml(`${seriesLabels[v.series]}: ${v.text}`)}</title></rect>`);
      if (w >= v.text.length * CHAR + 6) {
        parts.push(`<text x="${fmt(x + w / 2)}" y="${y + barH / 2 + FONT / 2 - 2}" text-anchor="middle" fill="${textOn(fill)}">${escapeHtml(v.text)}</text>`);
      }
      x += w;
    }
    y += barH + 12;
  }
  const words = wordsFor(locale);
  const title = `${words.chartOf} ${table.number}: ${table.title}`;
  return svgOpen(ids, y, title, `${captionText(table, locale)}. ${words.chartDesc}`) + parts.join('') + '</svg>';
}

/** Horizontal bars per row; several percent columns become grouped bars with a legend. */
function bars(table: Table, ids: ChartIds, locale: string): string | null {
  const cols = table.columns.map((_, i) => i).filter((i) => table.rows.some((r) => r.role === 'data' && isPlottable(r.cells[i])));
  if (cols.length === 0) return null;
  const rows = table.rows.filter((r) => r.role === 'data' && cols.some((c) => isPlottable(r.cells[c])));
  if (rows.length === 0) return null;
  const parts: string[] = [];
  let y = 4;
  if (cols.length > 1) {
    const leg = legend(cols.map((c, i) => ({ label: columnLabel(table, c), colour: CATEGORICAL[i % CATEGORICAL.length]! })), FONT + 2, 'box');
    parts.push(leg.svg);
    y = leg.height + 6;
  }
  const barH = cols.length > 1 ? 14 : 20;
  const valueSpace = 48;
  for (const row of rows) {
    const lines = wrap(row.label, Math.floor(WIDTH / CHAR));
    parts.push(textLines(lines, 0, y + FONT));
    y += lines.length * (FONT + 3) + 4;
    cols.forEach((c, i) => {
      const cell = row.cells[c];
      if (isPlottable(cell)) {
        const w = (Math.min(cell.shown, 100) / 100) * (WIDTH - valueSpace);
        const fill = cols.length > 1 ? CATEGORICAL[i % CATEGORICAL.length]! : CATEGORICAL[0]!;
        const text = formatCell(cell, locale).text;
        parts.push(`<rect x="0" y="${y}" width="${fmt(w)}" height="${barH}" fill="${fill}"><title>${escapeHtml(`${columnLabel(table, c)}: ${text}`)}</title></rect>`);
        parts.push(`<text x="${fmt(w + 4)}" y="${y + barH / 2 + FONT / 2 - 2}">${escapeHtml(text)}</text>`);
      }
      y += barH + 2;
    });
    y += 10;
  }
  const words = wordsFor(locale);
  const title = `${words.chartOf} ${table.number}: ${table.title}`;
  return svgOpen(ids, y, title, `${captionText(table, locale)}. ${words.chartDesc}`) + parts.join('') + '</svg>';
}

function columnLabel(table: Table, c: number): string {
  const col = table.columns[c]!;
  return col.group !== undefined ? `${col.group} – ${col.label}` : col.label;
}

/**
 * Lines over the columns (waves), one per percent row; "Niet gevraagd" leaves a gap. A trend
 * of means only (a rating over the waves) is drawn on its own scale instead.
 */
function lines(table: Table, ids: ChartIds, locale: string): string | null {
  const seriesOf = (format: Cell['format']) =>
    table.rows.filter((r) => r.role !== 'subheader' && r.role !== 'n' && r.role !== 'total' && r.cells.filter((c) => isPlottable(c, format)).length >= 2);
  const percentRows = seriesOf('percent');
  const format: Cell['format'] = percentRows.length > 0 ? 'percent' : 'mean';
  const rows = percentRows.length > 0 ? percentRows : seriesOf('mean');
  if (rows.length === 0 || table.columns.length < 2) return null;
  const plottable = (cell: Cell | undefined): cell is Cell & { shown: number } => isPlottable(cell, format);
  const words = wordsFor(locale);
  const items: LegendItem[] = rows.map((r, i) => ({
    label: r.label,
    colour: CATEGORICAL[i % CATEGORICAL.length]!,
    dash: DASHES[i % DASHES.length]!,
    marker: i,
  }));
  const leg = legend(items, FONT + 2, 'line');
  const top = leg.height + 10;
  const plotH = 180;
  const left = 44;
  const right = 56;
  const bottom = top + plotH;
  const maxShown = Math.max(...rows.flatMap((r) => r.cells.filter(plottable).map((c) => c.shown)));
  // Percentages: 0 to the next multiple of 20 (at most 100). Means: a 1–10 rating on 0–10,
  // other means on 0 to a round number above the largest.
  const yMax =
    format === 'percent'
      ? Math.min(100, Math.max(20, Math.ceil(maxShown / 20) * 20))
      : maxShown <= 10
        ? 10
        : niceCeiling(maxShown);
  const step = format === 'percent' ? (yMax <= 40 ? 10 : 20) : yMax / 5;
  const tickText = (t: number): string => (format === 'percent' ? `${t}%` : formatNumber(t, Number.isInteger(step) ? 0 : 1, locale));
  const x = (i: number): number => left + ((WIDTH - left - right) * (i + 0.5)) / table.columns.length;
  const y = (v: number): number => bottom - (v / yMax) * plotH;
  const parts: string[] = [leg.svg];
  const endLabels: EndLabel[] = [];
  for (let k = 0; k * step <= yMax + 1e-9; k++) {
    const t = k * step;
    parts.push(`<line x1="${left}" y1="${fmt(y(t))}" x2="${WIDTH - right}" y2="${fmt(y(t))}" stroke="${t === 0 ? '#555' : '#d0d0d0'}" stroke-width="1"/>`);
    parts.push(`<text x="${left - 6}" y="${fmt(y(t) + 4)}" text-anchor="end">${escapeHtml(tickText(t))}</text>`);
  }
  table.columns.forEach((c, i) => {
    parts.push(`<text x="${fmt(x(i))}" y="${bottom + FONT + 6}" text-anchor="middle">${escapeHtml(c.label.length > 14 ? `${c.label.slice(0, 13)}…` : c.label)}</text>`);
  });
  rows.forEach((row, k) => {
    const item = items[k]!;
    let d = '';
    let pen = false;
    row.cells.forEach((cell, i) => {
      if (!plottable(cell)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${fmt(x(i))} ${fmt(y(cell.shown))}`;
      pen = true;
    });
    parts.push(`<path d="${d}" fill="none" stroke="${item.colour}" stroke-width="2.5"${item.dash ? ` stroke-dasharray="${item.dash}"` : ''}/>`);
    let last = -1;
    row.cells.forEach((cell, i) => {
      if (!plottable(cell)) return;
      last = i;
      parts.push(marker(k, x(i), y(cell.shown), item.colour).replace('/>', `><title>${escapeHtml(`${row.label}, ${table.columns[i]?.label ?? ''}: ${formatCell(cell, locale).text}`)}</title></${markerTag(k)}>`));
    });
    const lastCell = row.cells[last];
    if (plottable(lastCell)) endLabels.push({ y: y(lastCell.shown), x: x(last) + 8, text: formatCell(lastCell, locale).text });
  });
  parts.push(spreadLabels(endLabels, top));
  const height = bottom + FONT + 14;
  const title = `${words.chartOf} ${table.number}: ${table.title}`;
  return svgOpen(ids, height, title, `${captionText(table, locale)}. ${words.chartDesc}`) + parts.join('') + '</svg>';
}

/** 1, 2 or 5 times a power of ten, at least x. */
function niceCeiling(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

interface EndLabel {
  readonly y: number;
  readonly x: number;
  readonly text: string;
}

/**
 * Value labels at the ends of the lines, at the height of their point; a label that would
 * overlap the one above is left out rather than moved away from its line (the table has
 * every number).
 */
function spreadLabels(labels: EndLabel[], top: number): string {
  const gap = FONT + 1;
  const kept: EndLabel[] = [];
  for (const l of [...labels].sort((p, q) => p.y - q.y)) {
    const prev = kept[kept.length - 1];
    if (prev === undefined || l.y - prev.y >= gap) kept.push(l);
  }
  return kept.map((l) => `<text x="${fmt(l.x)}" y="${fmt(Math.max(top, l.y) + 4)}">${escapeHtml(l.text)}</text>`).join('');
}

function markerTag(shape: number): string {
  return ['circle', 'rect', 'path', 'path'][shape % 4]!;
}

/** The chart the table asks for, as inline SVG, or null when there is nothing to draw. */
export function renderChart(table: Table, ids: ChartIds, locale: string): string | null {
  switch (table.chart) {
    case 'stackedBar':
      return stackedBars(table, ids, locale);
    case 'bar':
      return bars(table, ids, locale);
    case 'line':
      return lines(table, ids, locale);
    case 'none':
      return null;
  }
}
