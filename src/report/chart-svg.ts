/** The SVG pieces every chart shares: sizes, text wrapping, legend, markers, the frame with title and description. */
import type { Cell } from '../tables/model.js';
import { escapeHtml } from './escape.js';

/**
 * A chart is drawn twice: `narrow` (labels above the bars, for phones) and `wide` (labels left
 * of the bars, compact, for desktops and print); the style sheet shows one of them.
 */
export interface Layout {
  readonly name: 'narrow' | 'wide';
  readonly width: number;
  /** Room for the row labels left of the bars; 0 puts each label above its bar. */
  readonly labelWidth: number;
}

export const NARROW: Layout = { name: 'narrow', width: 420, labelWidth: 0 };
export const WIDE: Layout = { name: 'wide', width: 760, labelWidth: 330 };

export const WIDTH = 420;
export const FONT = 14;
/** Rough width of a character at FONT size, for wrapping labels inside the SVG. */
export const CHAR = 7.8;

/** A cell that can be drawn: a number of the given format, not suppressed, asked and estimable. */
export function isPlottable(cell: Cell | undefined, format: Cell['format'] = 'percent'): cell is Cell & { shown: number } {
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

/**
 * The value a chart draws: the unrounded estimate (0–100 for percentages), so bars of a
 * column that adds up to 100% end at 100%; the printed (rounded) number is the label.
 */
export function plotValue(cell: Cell & { shown: number }): number {
  if (cell.estimate === null || !Number.isFinite(cell.estimate)) return cell.shown;
  return cell.format === 'percent' ? cell.estimate * 100 : cell.estimate;
}

export function wrap(text: string, maxChars: number): string[] {
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

export function textLines(lines: string[], x: number, y: number, attrs = ''): string {
  return lines.map((l, i) => `<text x="${x}" y="${y + i * (FONT + 3)}"${attrs}>${escapeHtml(l)}</text>`).join('');
}

export function fmt(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

/** The <svg> start with its accessible name (title) and text alternative (desc). */
export function svgOpen(id: string, height: number, title: string, desc: string, layout: Layout = NARROW): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart ${layout.name}" viewBox="0 0 ${layout.width} ${fmt(height)}" ` +
    `role="img" aria-labelledby="${id}-title ${id}-desc" font-size="${FONT}">` +
    `<title id="${id}-title">${escapeHtml(title)}</title>` +
    `<desc id="${id}-desc">${escapeHtml(desc)}</desc>`
  );
}

export interface LegendItem {
  readonly label: string;
  readonly colour: string;
  readonly dash?: string;
  readonly marker?: number;
}

/** A legend that wraps over lines (long labels get lines of their own); returns markup and height. */
export function legend(items: readonly LegendItem[], y0: number, kind: 'box' | 'line' | 'dot', width: number = WIDTH): { svg: string; height: number } {
  let x = 0;
  let y = y0;
  const parts: string[] = [];
  const maxChars = Math.floor((width - 24) / CHAR);
  for (const [i, item] of items.entries()) {
    const lines = wrap(item.label, maxChars);
    const w = 22 + Math.max(...lines.map((l) => l.length)) * CHAR + 16;
    if (x > 0 && (x + w > width || lines.length > 1)) {
      x = 0;
      y += FONT + 8;
    }
    if (kind === 'box') {
      parts.push(`<rect x="${x}" y="${y - FONT + 2}" width="14" height="14" fill="${item.colour}" stroke="#555" stroke-width="0.5"/>`);
    } else if (kind === 'dot') {
      parts.push(marker(item.marker ?? i, x + 8, y - 4, item.colour));
    } else {
      parts.push(
        `<line x1="${x}" y1="${y - 4}" x2="${x + 16}" y2="${y - 4}" stroke="${item.colour}" stroke-width="2.5"${item.dash ? ` stroke-dasharray="${item.dash}"` : ''}/>`,
        marker(item.marker ?? i, x + 8, y - 4, item.colour),
      );
    }
    parts.push(textLines(lines, x + 20, y));
    y += (lines.length - 1) * (FONT + 3);
    x = lines.length > 1 ? width : x + w; // after a long label the next item starts a new line
  }
  return { svg: parts.join(''), height: y - y0 + FONT + 10 };
}

/** A marker shape (circle, square, triangle, diamond) so series differ without colour. */
export function marker(shape: number, x: number, y: number, colour: string, r = 4, tooltip?: string): string {
  const close = tooltip === undefined ? '/>' : `><title>${escapeHtml(tooltip)}</title></${markerTag(shape)}>`;
  switch (shape % 4) {
    case 0:
      return `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${r}" fill="${colour}"${close}`;
    case 1:
      return `<rect x="${fmt(x - r)}" y="${fmt(y - r)}" width="${2 * r}" height="${2 * r}" fill="${colour}"${close}`;
    case 2:
      return `<path d="M${fmt(x)} ${fmt(y - r - 1)}L${fmt(x + r + 1)} ${fmt(y + r)}L${fmt(x - r - 1)} ${fmt(y + r)}Z" fill="${colour}"${close}`;
    default:
      return `<path d="M${fmt(x)} ${fmt(y - r - 1)}L${fmt(x + r + 1)} ${fmt(y)}L${fmt(x)} ${fmt(y + r + 1)}L${fmt(x - r - 1)} ${fmt(y)}Z" fill="${colour}"${close}`;
  }
}

function markerTag(shape: number): string {
  return ['circle', 'rect', 'path', 'path'][shape % 4]!;
}

/**
 * A row's label and where its bar goes: above the bar (narrow) or left of it (wide, the label
 * wrapped to the label column and the bar centred on it). Returns markup, the bar's top and the
 * y after the row.
 */
export function rowLabel(label: string, y: number, barH: number, layout: Layout): { svg: string; barY: number; next: number } {
  if (layout.labelWidth === 0) {
    const lines = wrap(label, Math.floor(layout.width / CHAR));
    const barY = y + lines.length * (FONT + 3) + 4;
    return { svg: textLines(lines, 0, y + FONT), barY, next: barY + barH };
  }
  const lines = wrap(label, Math.floor((layout.labelWidth - 8) / CHAR));
  const textH = lines.length * (FONT + 3);
  const h = Math.max(textH, barH);
  return { svg: textLines(lines, 0, y + (h - textH) / 2 + FONT - 2), barY: y + (h - barH) / 2, next: y + h };
}
