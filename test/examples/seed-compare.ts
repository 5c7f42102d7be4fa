/**
 * Cell-by-cell comparison of generated tables (the table model) with the hand transcription of
 * a seed report (test/fixtures/seed/report-*.json). Every difference is listed with a stable key
 * so that a test can hold them against an explicit, documented allow-list.
 */
import type { Cell, Table } from '../../src/tables/model.js';

export interface SeedColumn { readonly label: string; readonly n?: number; readonly format?: string }
export interface SeedRow { readonly label: string; readonly role?: string; readonly format?: string; readonly cells: readonly (number | string)[] }
export interface SeedTable {
  readonly number: string;
  readonly title: string;
  readonly n: number | null;
  readonly kind: string;
  readonly stubHead?: string;
  readonly columns: readonly SeedColumn[];
  readonly rows: readonly SeedRow[];
  readonly footnotes?: readonly string[];
}
export interface SeedReport { readonly tables: readonly SeedTable[] }

export type DifferenceKind = 'missingTable' | 'title' | 'footnote' | 'n' | 'columns' | 'column' | 'columnN' | 'stubHead' | 'missingRow' | 'extraRow' | 'rowLabel' | 'cell';

export interface Difference {
  /** Stable key for allow-lists, e.g. "9b|cell|Persoonlijke ondersteuning|2021". */
  readonly key: string;
  readonly table: string;
  readonly kind: DifferenceKind;
  readonly seed: unknown;
  readonly generated: unknown;
}

/** Whitespace as the PDF broke it is not content: collapse runs, drop spaces after "/". */
export function normalizeLabel(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/\/ /g, '/').trim();
}

/** What a cell prints, as the seed transcription writes it: a number, or a text ("Niet gevraagd"). */
export function printed(cell: Cell): number | string | null {
  if (cell.flags.includes('notAsked')) return 'Niet gevraagd';
  if (cell.format === 'text') return cell.text ?? null;
  if (cell.flags.includes('suppressed')) return 'suppressed';
  return cell.shown;
}

const SINGLE_COLUMN = new Set(['%']);

export interface CompareCounts { readonly cells: number; readonly matchingCells: number }

/** All differences between the seed's tables and the generated ones (matched by number). */
export function compareWithSeed(seed: SeedReport, generated: readonly Table[]): { differences: Difference[]; counts: CompareCounts } {
  const out: Difference[] = [];
  let cells = 0;
  let matching = 0;
  const byNumber = new Map(generated.map((t) => [t.number, t]));
  for (const s of seed.tables) {
    const t = byNumber.get(s.number);
    const add = (kind: DifferenceKind, where: string, seedValue: unknown, gen: unknown): void => {
      out.push({ key: `${s.number}|${kind}${where === '' ? '' : `|${where}`}`, table: s.number, kind, seed: seedValue, generated: gen });
    };
    if (!t) {
      add('missingTable', '', s.title, null);
      cells += s.rows.reduce((a, r) => a + r.cells.length, 0);
      continue;
    }
    if (normalizeLabel(t.title) !== normalizeLabel(s.title)) add('title', '', s.title, t.title);
    if (t.nShown !== s.n) add('n', '', s.n, t.nShown);
    for (const f of s.footnotes ?? []) {
      if (!t.notes.some((n) => normalizeLabel(n) === normalizeLabel(f))) add('footnote', f.slice(0, 20), f, t.notes);
    }
    if (s.stubHead !== undefined && normalizeLabel(t.stubHead) !== normalizeLabel(s.stubHead)) add('stubHead', '', s.stubHead, t.stubHead);

    const singleColumn = s.columns.length === 1 && SINGLE_COLUMN.has(s.columns[0].label);
    if (t.columns.length !== s.columns.length) add('columns', '', s.columns.map((c) => c.label), t.columns.map((c) => c.label));
    else if (!singleColumn) {
      s.columns.forEach((c, i) => {
        const g = t.columns[i];
        const label = g.group !== undefined ? `${g.group} ${g.label}` : g.label;
        if (normalizeLabel(label) !== normalizeLabel(c.label) && normalizeLabel(g.label) !== normalizeLabel(c.label)) add('column', c.label, c.label, g.label);
        if (c.n !== undefined && g.n !== c.n) add('columnN', c.label, c.n, g.n ?? null);
      });
    }

    // Rows are matched by label first (a row the seed lacks, such as 18 "Vaak", must not shift
    // the others), then by position for the rest.
    const used = new Set<number>();
    const genLabel = t.rows.map((r) => normalizeLabel(r.label));
    const matchOf = s.rows.map((r) => {
      const i = genLabel.findIndex((l, j) => !used.has(j) && l === normalizeLabel(r.label));
      if (i >= 0) used.add(i);
      return i;
    });
    s.rows.forEach((r, ri) => {
      if (matchOf[ri] >= 0) return;
      const pos = t.rows.findIndex((_, j) => !used.has(j) && j >= ri);
      if (pos >= 0 && t.rows.length === s.rows.length) {
        used.add(pos);
        matchOf[ri] = pos;
        add('rowLabel', r.label, r.label, t.rows[pos].label);
      }
    });
    s.rows.forEach((r, ri) => {
      const gi = matchOf[ri];
      cells += r.cells.length;
      if (gi < 0) {
        add('missingRow', r.label, r.cells, null);
        return;
      }
      const g = t.rows[gi];
      r.cells.forEach((v, ci) => {
        const gc = g.cells[ci];
        const gv = gc === undefined ? null : printed(gc);
        const col = s.columns[ci]?.label ?? String(ci + 1);
        if (gv === v) matching++;
        else add('cell', `${r.label}|${col}`, v, gv);
      });
    });
    t.rows.forEach((r, j) => {
      if (!used.has(j)) add('extraRow', r.label, null, r.cells.map(printed));
    });
  }
  return { differences: out, counts: { cells, matchingCells: matching } };
}
