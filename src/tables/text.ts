/**
 * Fill "{{ t5a.row3.pct }}" references in narrative text from computed tables, with the
 * number exactly as the table prints it (locale decimal comma for nl).
 */
import { InvalidInputError, type ErrorLocation } from '../errors.js';
import { parseTextReferences } from '../spec/textref.js';
import type { Table } from './model.js';

function fmt(x: number, decimals: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: true }).format(x);
}

export function resolveText(text: string, tables: ReadonlyMap<string, Table>, locale: string, where: ErrorLocation = {}): string {
  const refs = parseTextReferences(text);
  let out = '';
  let at = 0;
  for (const ref of refs) {
    const t = tables.get(ref.table);
    const fail = (why: string): never => {
      throw new InvalidInputError(`text reference ${ref.source}: ${why}`, where);
    };
    if (!t) fail(`unknown table "${ref.table}"`);
    const table = t as Table;
    let value: string;
    if (ref.row === null) {
      if (table.nShown === null) fail(`table "${ref.table}" has no N`);
      value = fmt(table.nShown as number, 0, locale);
    } else {
      const rows = table.rows.filter((r) => r.role !== 'subheader');
      const row = rows[ref.row - 1] ?? fail(`table "${ref.table}" has ${rows.length} rows`);
      const cell = row.cells[ref.col - 1] ?? fail(`row ${ref.row} of table "${ref.table}" has ${row.cells.length} columns`);
      if (ref.stat === 'n') {
        if (cell.n === null) fail(`row ${ref.row} column ${ref.col} has no n`);
        value = fmt(cell.n as number, 0, locale);
      } else {
        if (cell.shown === null) fail(`row ${ref.row} column ${ref.col} of table "${ref.table}" shows no number${cell.flags.includes('suppressed') ? ' (suppressed: base too small)' : ''}`);
        const decimals = ref.stat === 'mean' ? Math.max(1, cell.decimals) : cell.decimals;
        value = fmt(cell.shown as number, decimals, locale) + (ref.stat === 'pct' ? '%' : '');
      }
    }
    out += text.slice(at, ref.start) + value;
    at = ref.end;
  }
  return out + text.slice(at);
}
