/** Build one table, or every table of a study, from the study context. */
import type { TableSpec } from '../spec/schema.js';
import { resolveOptions, type StudyContext } from './context.js';
import { BUILDERS } from './kinds/index.js';
import type { Table } from './model.js';

export function buildTable(ctx: StudyContext, t: TableSpec): Table {
  const ti = ctx.spec.tables.indexOf(t);
  const o = resolveOptions(ctx, t);
  return BUILDERS[t.kind]({ t, ti, ctx, o });
}
