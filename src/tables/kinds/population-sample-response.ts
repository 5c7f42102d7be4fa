/**
 * T23 Population / sample / response table [PSR] (report 6, Tabel 1). Either the table's
 * `content` (population and sample counts per stratum, as the researcher knows them), or —
 * without content — one row per wave with its sample, response and response rate from the
 * spec's wave metadata.
 */
import { numberCell, textCell } from '../cells.js';
import type { Cell, ColumnHead } from '../model.js';
import { finish, type Builder, type DraftRow } from '../shared.js';

export const populationSampleResponse: Builder = (input) => {
  const { t, ctx } = input;
  if (t.content) {
    const [stub, ...heads] = t.content.columns.map(contentColumn);
    const rows: DraftRow[] = t.content.rows.map((r) => ({
      label: r.label,
      role: /^(eind)?totaal|^total/i.test(r.label) ? 'total' : 'data',
      cells: r.cells.map((c): Cell => (typeof c === 'number' ? numberCell(c) : textCell(c))),
    }));
    return finish(input, { columns: heads, rows, nBase: null, stubHead: stub?.label ?? '', chart: 'none' });
  }
  const rows: DraftRow[] = ctx.waves.map((w) => {
    const s = w.spec.sample;
    const r = w.spec.response ?? w.data?.nrow;
    return {
      label: w.spec.label ?? String(w.year),
      role: 'data',
      cells: [
        s === undefined ? textCell('') : numberCell(s),
        r === undefined ? textCell('') : numberCell(r),
        // a plain ratio of two counts, not an estimate
        s === undefined || r === undefined || s === 0 ? textCell('') : { ...numberCell((100 * r) / s, 0), format: 'percent', estimate: r / s },
      ],
    };
  });
  return finish(input, {
    columns: [{ label: ctx.texts.sample }, { label: ctx.texts.response }, { label: ctx.texts.responseRate }],
    rows,
    nBase: null,
    stubHead: ctx.texts.wave,
    chart: 'none',
  });
};

/** A content column as a column head: a plain label, or a label under a spanning group header. */
export function contentColumn(c: string | { label: string; group?: string }): ColumnHead {
  return typeof c === 'string' ? { label: c } : { label: c.label, ...(c.group !== undefined ? { group: c.group } : {}) };
}
