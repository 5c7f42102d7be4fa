/**
 * The dashboard's body (wrapped in the researcher's side's page shell by ./routes.ts): key
 * figures, the response-per-day charts and every figure as an accessible table with its CSV
 * download. Two views: `full` for researchers and administrators, `counts` for the fieldwork
 * manager (response counts only: no strata, break-offs, times or devices).
 */
import { type Html, html } from '../questionnaire/escape.js';
import { cumulativeChart, dailyChart, legend } from './chart.js';
import type { FigureName } from './csv.js';
import type { Figures } from './figures.js';
import { type Cell, cellText } from './suppress.js';

export type DashboardView = 'full' | 'counts';

export interface DashboardPageOptions {
  readonly view: DashboardView;
  readonly timeZone: string;
  /** Seconds between reloads when the user asked for them (`/admin?refresh=1`); absent: no reloading. */
  readonly refreshSeconds?: number;
  /** Sum of the targets per stratum, for the cumulative chart. */
  readonly totalTarget?: number;
}

const number = (n: number): string => n.toLocaleString('en-GB');
const percent = (share: number | undefined): string => (share === undefined ? '' : `${(share * 100).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`);
const cell = (c: Cell): string => (typeof c === 'number' ? number(c) : cellText(c));

/** To the whole second: 725.4 s → "12 min 5 s"; 3725 s → "1 h 2 min 5 s"; 42 s → "42 s". */
export function duration(exact: number): string {
  const seconds = Math.round(exact);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h > 0 ? `${h} h` : '', h > 0 || m > 0 ? `${m} min` : '', `${s} s`].filter((x) => x !== '').join(' ');
}

function localTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

function download(name: FigureName, label: string): Html {
  return html`<p><a href="/admin/figures/${name}.csv" download>Download ${label} (CSV)</a></p>`;
}

function tableOf(caption: string, head: readonly { readonly text: string; readonly numeric?: boolean }[], rows: readonly (readonly string[])[], firstIsHeader = true): Html {
  return html`<div class="table-wrap" role="region" aria-label="${caption}" tabindex="0"><table class="table">
<caption>${caption}</caption>
<thead><tr>${head.map((h) => html`<th scope="col"${h.numeric === true ? html` class="numeric"` : ''}>${h.text}</th>`)}</tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr>${r.map((v, i) =>
        i === 0 && firstIsHeader ? html`<th scope="row">${v}</th>` : html`<td${head[i]?.numeric === true ? html` class="numeric"` : ''}>${v}</td>`,
      )}</tr>`,
  )}</tbody>
</table></div>`;
}

function summary(f: Figures, view: DashboardView): Html {
  const items: [string, string][] = [
    ['Sampled', number(f.totals.sampled)],
    ['Started', number(f.totals.started)],
    ['Completed', number(f.totals.completed)],
  ];
  if (f.totals.sampled > 0) items.push(['Completed of sampled', percent(f.totals.completed / f.totals.sampled)]);
  if (view === 'full') {
    items.push(['Broken off or in progress', number(f.totals.breakOffs)]);
    items.push(['Median completion time', f.completionTime.medianSeconds === undefined ? 'not shown' : duration(f.completionTime.medianSeconds)]);
  }
  return html`<ul class="summary">${items.map(([k, v]) => html`<li>${k}<span class="value">${v}</span></li>`)}</ul>`;
}

function perDay(f: Figures, o: DashboardPageOptions): Html {
  if (f.perDay.length === 0) return html`<h2 id="per-day">Response per day</h2><p>No responses yet.</p>`;
  const target = o.view === 'full' ? o.totalTarget : undefined;
  return html`<h2 id="per-day">Response per day</h2>
<p class="note">Calendar days in ${o.timeZone}. A response counts as started when the link or login code is first used.</p>
${legend([{ label: 'started', colour: 'started' }, { label: 'completed', colour: 'completed' }])}
<div class="figure">${dailyChart(f.perDay, 'chart-daily')}</div>
${legend([{ label: 'completed so far', colour: 'completed' }, ...(target === undefined ? [] : [{ label: 'target (all strata)', colour: 'target' as const }])])}
<div class="figure">${cumulativeChart(f.perDay, target, 'chart-total')}</div>
${tableOf(
  'Responses per day',
  [{ text: 'Day' }, { text: 'Started', numeric: true }, { text: 'Completed', numeric: true }, { text: 'Started so far', numeric: true }, { text: 'Completed so far', numeric: true }],
  f.perDay.map((d) => [d.day.replace(/-/g, '\u2011'), number(d.started), number(d.completed), number(d.startedTotal), number(d.completedTotal)]),
)}
${download('response-per-day', 'response per day')}`;
}

function perStratum(f: Figures): Html {
  if (f.perStratum === undefined) {
    return html`<h2 id="per-stratum">Response per stratum</h2><p>The spec names no strata: set <code>fieldwork.targets</code> (column and completes per stratum) or the wave's <code>design.strata</code>.</p>`;
  }
  const { column, rows } = f.perStratum;
  return html`<h2 id="per-stratum">Response per stratum</h2>
${tableOf(
  `Completes per stratum (${column}) against the target`,
  [{ text: column }, { text: 'Sampled', numeric: true }, { text: 'Started', numeric: true }, { text: 'Completes', numeric: true }, { text: 'Target', numeric: true }, { text: 'Of target', numeric: true }],
  rows.map((r) => [r.stratum, number(r.sampled), cell(r.started), cell(r.completes), r.target === undefined ? '' : number(r.target), percent(r.shareOfTarget)]),
)}
${download('response-per-stratum', 'response per stratum')}`;
}

function breakOff(f: Figures): Html {
  return html`<h2 id="break-off">Break-off per page</h2>
<p class="note">Responses started and not completed, by the page they stopped on (the page they would continue with). Responses still being filled in count here until they are completed.</p>
${tableOf(
  'Break-offs per page',
  [{ text: 'Page' }, { text: 'No.', numeric: true }, { text: 'Questions' }, { text: 'Break-offs', numeric: true }, { text: 'Of started', numeric: true }],
  f.perPage.map((p) => [p.title === undefined ? p.pageId : `${p.pageId}: ${p.title}`, String(p.number), p.questions.join(', '), cell(p.breakOffs), percent(p.shareOfStarted)]),
)}
${download('break-off-per-page', 'break-off per page')}
<h2 id="break-off-question">Break-off per question</h2>
${
  f.perPage.every((p) => p.questions.length === 1)
    ? html`<p>Every page holds one question, so break-off per question is break-off per page above.</p>`
    : html`<p class="note">A page is saved as a whole, so the questions on one page share its break-offs.</p>
${tableOf(
  'Break-offs per question',
  [{ text: 'Question' }, { text: 'Page' }, { text: 'Break-offs', numeric: true }, { text: 'Of started', numeric: true }],
  f.perQuestion.map((q) => [q.questionId, q.pageId, cell(q.breakOffs), percent(q.shareOfStarted)]),
)}`
}
${download('break-off-per-question', 'break-off per question')}`;
}

function timeAndDevices(f: Figures): Html {
  const t = f.completionTime;
  return html`<h2 id="completion-time">Completion time</h2>
<p>${
    t.medianSeconds === undefined
      ? `Not shown until ${f.minCell} responses are completed (now ${t.completed}).`
      : `Median ${duration(t.medianSeconds)} over ${number(t.completed)} completed responses (from the first visit to the last page; a response resumed days later counts its whole span).`
  }</p>
${download('completion-time', 'completion time')}
<h2 id="devices">Devices</h2>
<p class="note">The kind of device a response was started on, from the browser's User-Agent.</p>
${tableOf(
  'Responses per device',
  [{ text: 'Device' }, { text: 'Started', numeric: true }, { text: 'Completed', numeric: true }, { text: 'Completed of started', numeric: true }],
  f.devices.map((d) => [d.device, number(d.started), number(d.completed), d.started === 0 ? '' : percent(d.completed / d.started)]),
)}
${download('devices', 'devices')}`;
}

function about(f: Figures, o: DashboardPageOptions): Html {
  return html`<h2 id="about">About these figures</h2>
<ul>
<li>Test links and test responses are never counted.</li>
${o.view === 'full' ? html`<li>Small numbers are hidden so that no one can be recognised: counts from 1 to ${f.minCell - 1} of started responses, completes and break-offs per stratum or page are shown as “&lt; ${f.minCell}”. Where one hidden count could be worked out from the total, the next smallest count is hidden too and shown as “x”. The CSV files hide the same cells.</li>` : ''}
<li>The figures show no names, addresses or answers, and cannot be linked to a person.</li>
</ul>`;
}

/** The body of /admin for a view. */
export function dashboardBody(f: Figures, o: DashboardPageOptions): Html {
  const contents: [string, string][] = [['per-day', 'Response per day']];
  if (o.view === 'full') {
    contents.push(['per-stratum', 'Response per stratum'], ['break-off', 'Break-off per page'], ['break-off-question', 'Break-off per question'], ['completion-time', 'Completion time'], ['devices', 'Devices']);
  }
  // Reloading is the user's choice (WCAG 2.2.1: no timed refresh the user did not ask for).
  const reload =
    o.refreshSeconds === undefined
      ? html`<a href="/admin">Reload now</a> or <a href="/admin?refresh=1">reload every minute</a>.`
      : html`This page reloads every ${o.refreshSeconds} seconds; <a href="/admin">stop reloading</a>.`;
  return html`<p class="note">Figures as of ${localTime(f.takenAt, o.timeZone)} (${o.timeZone}). ${reload}</p>
${summary(f, o.view)}
${contents.length > 1 ? html`<nav aria-label="On this page"><ul>${contents.map(([id, label]) => html`<li><a href="#${id}">${label}</a></li>`)}</ul></nav>` : ''}
${perDay(f, o)}
${o.view === 'full' ? [perStratum(f), breakOff(f), timeAndDevices(f)] : ''}
${about(f, o)}`;
}
