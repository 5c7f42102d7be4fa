/** Build one table, or every table of a study, from the study context. */
import type { TableSpec } from '../spec/schema.js';
import { resolveOptions, type StudyContext } from './context.js';
import { BUILDERS } from './kinds/index.js';
import type { Table } from './model.js';
import { roundN } from './rounding.js';
import { suppressedCell } from './cells.js';

export function buildTable(ctx: StudyContext, t: TableSpec): Table {
  const ti = ctx.spec.tables.indexOf(t);
  const o = resolveOptions(ctx, t);
  const table = BUILDERS[t.kind]({ t, ti, ctx, o });
  return suppressWholeTable(ctx, table, o.minBase);
}

/**
 * Disclosure control at table level: a table whose base (N) is under the minimum shows no
 * number at all (only the N), with a note. Cell-level suppression is done by the cells.
 */
function suppressWholeTable(ctx: StudyContext, table: Table, minBase: number): Table {
  if (table.nShown === null || table.nShown >= minBase || table.nShown === 0) return table;
  const rows = table.rows.map((r) => ({ ...r, cells: r.cells.map((c) => (c.format === 'text' ? c : suppressedCell(c.format, table.nShown ?? 0))) }));
  return { ...table, rows, notes: [ctx.texts.tableSuppressed(minBase), ...table.notes.filter((n) => n !== ctx.texts.suppressedNote(minBase))] };
}

export { roundN };
