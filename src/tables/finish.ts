/**
 * Assembling the finished Table from a builder's parts: the spec's own labels, rounded N,
 * table-level disclosure control, significance and suppression notes.
 */
import type { TableSpec } from '../spec/schema.js';
import { nPlaceholders } from '../spec/title-template.js';
import { hasSuppressed, suppressedCell } from './cells.js';
import { tableError, type BuildInput } from './input.js';
import type { Cell, ChartHint, ColumnHead, Row, Table } from './model.js';
import { roundN } from './rounding.js';
import { decide, significanceNote, type PendingTest } from './significance.js';
import { titleWithN } from './title-n.js';

export interface TableParts {
  readonly columns: readonly ColumnHead[];
  readonly rows: readonly Row[];
  readonly nBase: number | null;
  readonly stubHead?: string;
  readonly chart: ChartHint;
  readonly notes?: readonly string[];
  readonly tests?: readonly PendingTest[];
  /** "kleine en grote gemeenten" for the significance note. */
  readonly between?: string;
  /**
   * The significance notes for the tests found significant, replacing the default "Significant
   * verschil … tussen …" (a trend table says the direction); the spec's own `note` still wins.
   */
  readonly significanceNotes?: (significant: readonly PendingTest[]) => readonly string[];
  /**
   * Notes about the tests themselves (method, rows not tested), printed after the significance
   * note; a function so that it reads row labels after the spec's `rowLabels` replaced them.
   */
  readonly testNotes?: () => readonly string[];
}

/**
 * Assemble a Table: rounded N, the table's own notes, significance and suppression notes.
 * Disclosure control at table level: a table whose (unrounded) base is under the minimum shows
 * no number at all, only its N, with a note; cell-level suppression is done by the cells.
 */
export function finish(input: BuildInput, parts: TableParts): Table {
  const { t, ctx, o } = input;
  const p = relabel(input, parts);
  const named = titleParts(input, p.nBase === null ? null : roundN(p.nBase, o.nRounding));
  const notes: string[] = [...(p.notes ?? [])];
  if (p.nBase !== null && p.nBase > 0 && p.nBase < o.minBase) {
    const rows = p.rows.map((r) => ({ ...r, cells: r.cells.map((c) => (c.format === 'text' ? c : suppressedCell(c.format, p.nBase ?? 0))) }));
    return {
      id: t.id,
      number: t.number,
      ...named,
      ...(t.footnoteMark !== undefined ? { footnoteMark: t.footnoteMark } : {}),
      nShown: o.showN ? roundN(p.nBase, o.nRounding) : null,
      question: t.question,
      kind: t.kind,
      stubHead: p.stubHead ?? '',
      columns: p.columns,
      rows,
      notes: [ctx.texts.tableSuppressed(o.minBase), ...(t.notes ?? [])],
      chart: 'none',
    };
  }
  if (p.tests && p.tests.length > 0) {
    const d = decide(ctx, p.tests, o);
    if (d.significant > 0) {
      if (p.significanceNotes !== undefined && o.significanceNote === undefined) notes.push(...p.significanceNotes(d.significantTests));
      else notes.push(significanceNote(ctx, o, p.between ?? ''));
    }
  }
  if (p.testNotes !== undefined) notes.push(...p.testNotes());
  const suppressed = p.rows.some((r) => hasSuppressed(r.cells));
  if (suppressed) notes.push(ctx.texts.suppressedNote(o.minBase));
  notes.push(...(t.notes ?? []));
  return {
    id: t.id,
    number: t.number,
    ...named,
    ...(t.footnoteMark !== undefined ? { footnoteMark: t.footnoteMark } : {}),
    nShown: p.nBase === null || !o.showN ? null : roundN(p.nBase, o.nRounding),
    question: t.question,
    kind: t.kind,
    stubHead: p.stubHead ?? '',
    columns: p.columns,
    rows: p.rows,
    notes,
    chart: o.chart ?? p.chart,
    ...(o.chart !== undefined ? { chartAsked: true } : {}),
  };
}

/**
 * The title with its N placeholders filled, and `nText` when the spec words the N itself
 * (placeholders or nLabel); without either the renderers print "(N=nShown)" as before.
 */
function titleParts(input: BuildInput, n: number | null): { title: string; nText?: string } {
  const { t, o } = input;
  const templated = o.nLabel !== undefined || nPlaceholders(t.title).length > 0;
  if (!templated) return { title: titleOf(t) };
  const { title, nText } = titleWithN(input, t.title, n, o.showN);
  return { title: t.footnoteMark === undefined ? title : `${title}${t.footnoteMark}`, nText };
}

/** The title as printed: the spec's title with its footnote marker ("…werk1)"). */
export function titleOf(t: TableSpec): string {
  return t.footnoteMark === undefined ? t.title : `${t.title}${t.footnoteMark}`;
}

/**
 * The spec's own header texts (stubHead, columnLabels, rowLabels, options.totalLabel) replace the
 * computed ones. Heads and rows are relabelled in place, before significance marks are appended.
 */
function relabel(input: BuildInput, p: TableParts): TableParts {
  const { t } = input;
  const labels = t.columnLabels ?? [];
  if (labels.length > 0 && labels.length !== p.columns.length) {
    throw tableError(input, `has ${p.columns.length} columns but ${labels.length} columnLabels`, 'columnLabels');
  }
  labels.forEach((l, i) => ((p.columns[i] as { label: string }).label = l));
  // rows are relabelled in place too: pending significance marks append to these objects
  const dataRows = p.rows.filter((r) => r.role === 'data');
  const rowLabels = t.rowLabels ?? [];
  if (rowLabels.length > 0 && rowLabels.length !== dataRows.length) {
    throw tableError(input, `has ${dataRows.length} data rows but ${rowLabels.length} rowLabels`, 'rowLabels');
  }
  rowLabels.forEach((l, i) => ((dataRows[i] as { label: string }).label = l));
  const totalLabel = input.o.totalLabel;
  if (totalLabel !== undefined) for (const r of p.rows) if (r.role === 'total') (r as { label: string }).label = totalLabel;
  return t.stubHead === undefined ? p : { ...p, stubHead: t.stubHead };
}

/** Mutable row used while significance marks may still be added. */
export interface DraftRow {
  label: string;
  role: Row['role'];
  indent?: number;
  cells: Cell[];
}
