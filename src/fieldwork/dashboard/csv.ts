/**
 * Every figure as a CSV file for a spreadsheet (`/admin/figures/<name>.csv`): UTF-8 with a BOM
 * (so Excel reads it as UTF-8), CRLF lines, a header row; text cells (strata values, page
 * titles) pass through `neutraliseFormula` so a register value such as `=HYPERLINK(…)` stays
 * text; suppressed cells are written as on the page (`< 5`, `x`).
 */
import { csvField } from '../../data/csv/write.js';
import { neutraliseFormula } from '../../files/spreadsheet.js';
import type { Figures } from './figures.js';
import { type Cell, cellText } from './suppress.js';

export const FIGURE_NAMES = ['response-per-day', 'response-per-stratum', 'break-off-per-page', 'break-off-per-question', 'completion-time', 'devices'] as const;
export type FigureName = (typeof FIGURE_NAMES)[number];

export function isFigureName(name: string): name is FigureName {
  return (FIGURE_NAMES as readonly string[]).includes(name);
}

type Value = string | number | Cell | undefined;

function field(v: Value): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return csvField(neutraliseFormula(v), ',');
  return cellText(v);
}

function table(header: readonly string[], rows: readonly (readonly Value[])[]): string {
  const lines = [header.map((h) => csvField(h, ',')).join(','), ...rows.map((r) => r.map(field).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The CSV text of one figure. */
export function figureCsv(name: FigureName, f: Figures): string {
  switch (name) {
    case 'response-per-day':
      return table(['day', 'started', 'completed', 'started_total', 'completed_total'], f.perDay.map((d) => [d.day, d.started, d.completed, d.startedTotal, d.completedTotal]));
    case 'response-per-stratum':
      return table(
        [f.perStratum?.column ?? 'stratum', 'sampled', 'started', 'completes', 'target', 'share_of_target'],
        (f.perStratum?.rows ?? []).map((r) => [r.stratum, r.sampled, r.started, r.completes, r.target, r.shareOfTarget]),
      );
    case 'break-off-per-page':
      return table(['page', 'number', 'title', 'questions', 'break_offs', 'share_of_started'], f.perPage.map((p) => [p.pageId, p.number, p.title ?? '', p.questions.join(' '), p.breakOffs, p.shareOfStarted]));
    case 'break-off-per-question':
      return table(['question', 'page', 'break_offs', 'share_of_started'], f.perQuestion.map((q) => [q.questionId, q.pageId, q.breakOffs, q.shareOfStarted]));
    case 'completion-time':
      return table(['completed', 'median_seconds'], [[f.completionTime.completed, f.completionTime.medianSeconds]]);
    case 'devices':
      return table(['device', 'started', 'completed'], f.devices.map((d) => [d.device, d.started, d.completed]));
  }
}
