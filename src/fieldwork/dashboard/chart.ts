/**
 * The response-per-day chart, drawn on the server as SVG: bars of responses started and
 * completed per day, and a line of completes so far (against the total target when the spec
 * sets targets). Colours and sizes are SVG presentation attributes, not style attributes, so the
 * CSP without unsafe-inline holds; no script. The table under it carries the same numbers for
 * screen readers and for reading exact values (the SVG has a title and a description).
 */
import { type Html, html } from '../questionnaire/escape.js';
import type { DayRow } from './days.js';

// A small drawing, shown up to 1.25 times its size: text of 14 units stays about 10 px on a
// 390 px phone (the chart shrinks to fit) and about 17 px on a wide screen.
const W = 520;
const H = 260;
const DISPLAY_WIDTH = 650;
const M = { left: 48, right: 14, top: 14, bottom: 40 };
const FONT = 14;
const STARTED = '#9db4d0';
const COMPLETED = '#1d3557';
const TARGET = '#b0410e';

/** Round axis steps: 1, 2 or 5 times a power of ten, about `ticks` of them up to `max`. */
export function axisStep(max: number, ticks = 5): number {
  if (max <= 0) return 1;
  const raw = max / ticks;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * p).find((s) => s >= raw)!;
  return Math.max(1, step);
}

const fmt = (n: number): string => String(Math.round(n * 10) / 10);

function shortDay(day: string): string {
  return `${Number(day.slice(8, 10))}/${Number(day.slice(5, 7))}`;
}

function yAxis(max: number, y: (v: number) => number, x0: number, x1: number): Html[] {
  const step = axisStep(max);
  const out: Html[] = [];
  for (let v = 0; v <= max; v += step) {
    out.push(html`<line x1="${x0}" x2="${x1}" y1="${fmt(y(v))}" y2="${fmt(y(v))}" stroke="#d8d8d8" stroke-width="1"/>`);
    out.push(html`<text x="${x0 - 6}" y="${fmt(y(v) + FONT / 3)}" text-anchor="end" font-size="${FONT}" fill="#383f43">${v}</text>`);
  }
  return out;
}

function xLabels(days: readonly DayRow[], x: (i: number) => number, band: number, yBase: number): Html[] {
  // About six labels at most so they never overlap; the last day too when there is room for it.
  const every = Math.max(1, Math.ceil(days.length / 6));
  const shown: number[] = [];
  for (let i = 0; i < days.length; i += every) shown.push(i);
  const lastShown = shown[shown.length - 1];
  if (lastShown !== undefined && lastShown !== days.length - 1 && (days.length - 1 - lastShown) * band >= 48) shown.push(days.length - 1);
  return shown.map((i) => html`<text x="${fmt(x(i) + band / 2)}" y="${yBase + FONT + 8}" text-anchor="middle" font-size="${FONT}" fill="#383f43">${shortDay(days[i].day)}</text>`);
}

/** Started and completed per day as grouped bars. */
export function dailyChart(days: readonly DayRow[], titleId: string): Html {
  const max = Math.max(1, ...days.map((d) => Math.max(d.started, d.completed)));
  const top = Math.ceil(max / axisStep(max)) * axisStep(max);
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const band = plotW / Math.max(1, days.length);
  const x = (i: number): number => M.left + i * band;
  const y = (v: number): number => M.top + plotH - (v / top) * plotH;
  const barW = Math.max(1, (band * 0.8) / 2);
  const pad = band * 0.1;
  const total = days.length === 0 ? undefined : days[days.length - 1];
  return html`<svg role="img" aria-labelledby="${titleId}-t ${titleId}-d" viewBox="0 0 ${W} ${H}" width="${DISPLAY_WIDTH}" height="${(DISPLAY_WIDTH * H) / W}" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif">
<title id="${titleId}-t">Responses started and completed per day</title>
<desc id="${titleId}-d">${days.length} days${total ? `, ${total.startedTotal} started and ${total.completedTotal} completed in all` : ''}; the table below gives every value.</desc>
${yAxis(top, y, M.left, W - M.right)}
${days.map(
  (d, i) => html`<rect x="${fmt(x(i) + pad)}" y="${fmt(y(d.started))}" width="${fmt(barW)}" height="${fmt(y(0) - y(d.started))}" fill="${STARTED}"/><rect x="${fmt(x(i) + pad + barW)}" y="${fmt(y(d.completed))}" width="${fmt(barW)}" height="${fmt(y(0) - y(d.completed))}" fill="${COMPLETED}"/>`,
)}
<line x1="${M.left}" x2="${W - M.right}" y1="${fmt(y(0))}" y2="${fmt(y(0))}" stroke="#0b0c0c" stroke-width="1"/>
${xLabels(days, x, band, y(0))}
</svg>`;
}

/** Completes so far per day as a line, with the total target as a dashed line when there is one. */
export function cumulativeChart(days: readonly DayRow[], target: number | undefined, titleId: string): Html {
  const last = days.length === 0 ? 0 : days[days.length - 1].completedTotal;
  const max = Math.max(1, last, target ?? 0);
  const top = Math.ceil(max / axisStep(max)) * axisStep(max);
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const band = plotW / Math.max(1, days.length);
  const x = (i: number): number => M.left + i * band + band / 2;
  const y = (v: number): number => M.top + plotH - (v / top) * plotH;
  const points = days.map((d, i) => `${fmt(x(i))},${fmt(y(d.completedTotal))}`).join(' ');
  return html`<svg role="img" aria-labelledby="${titleId}-t ${titleId}-d" viewBox="0 0 ${W} ${H}" width="${DISPLAY_WIDTH}" height="${(DISPLAY_WIDTH * H) / W}" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif">
<title id="${titleId}-t">Completed responses so far${target === undefined ? '' : ' against the target'}</title>
<desc id="${titleId}-d">${last} completed${target === undefined ? '' : ` of a target of ${target}`}; the table below gives every value.</desc>
${yAxis(top, y, M.left, W - M.right)}
${target === undefined ? '' : html`<line x1="${M.left}" x2="${W - M.right}" y1="${fmt(y(target))}" y2="${fmt(y(target))}" stroke="${TARGET}" stroke-width="2" stroke-dasharray="8 5"/><text x="${W - M.right}" y="${fmt(y(target) - 6)}" text-anchor="end" font-size="${FONT}" fill="${TARGET}">target ${target}</text>`}
${days.length === 0 ? '' : html`<polyline points="${points}" fill="none" stroke="${COMPLETED}" stroke-width="3" stroke-linejoin="round"/>`}
${days.length === 1 ? html`<circle cx="${fmt(x(0))}" cy="${fmt(y(last))}" r="4" fill="${COMPLETED}"/>` : ''}
<line x1="${M.left}" x2="${W - M.right}" y1="${fmt(y(0))}" y2="${fmt(y(0))}" stroke="#0b0c0c" stroke-width="1"/>
${xLabels(days, (i) => x(i) - band / 2, band, y(0))}
</svg>`;
}

/** The legend as HTML (text scales with the page, unlike text inside the SVG). */
export function legend(items: readonly { readonly label: string; readonly colour: 'started' | 'completed' | 'target' }[]): Html {
  const colour = { started: STARTED, completed: COMPLETED, target: TARGET };
  return html`<p class="note">${items.map(
    (it, i) => html`${i > 0 ? ' \u2003' : ''}<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><rect width="16" height="16" fill="${colour[it.colour]}"/></svg> ${it.label}`,
  )}</p>`;
}
