/** T28 Research-activity overview [OV] (unnumbered): a text grid from the table's `content`. */
import { numberCell, textCell } from '../cells.js';
import type { Cell } from '../model.js';
import { contentColumn } from './population-sample-response.js';
import { finish, tableError, type Builder, type DraftRow } from '../shared.js';

export const overview: Builder = (input) => {
  const c = input.t.content;
  if (!c) throw tableError(input, 'an overview table needs "content" (columns and rows)', 'content');
  const [stub, ...heads] = c.columns.map(contentColumn);
  const rows: DraftRow[] = c.rows.map((r) => ({ label: r.label, role: 'data', cells: r.cells.map((x): Cell => (typeof x === 'number' ? numberCell(x) : textCell(x))) }));
  return finish(input, { columns: heads, rows, nBase: null, stubHead: stub?.label ?? '', chart: 'none' });
};
