/**
 * T23 Population / sample / response table [PSR] (report 6, Tabel 1). Either the table's
 * `content` (population and sample counts per stratum, as the researcher knows them), or —
 * without content — one row per wave with its sample, response and response rate from the
 * spec's wave metadata.
 */
import { numberCell, textCell } from '../cells.js';
import type { Cell, ColumnHead } from '../model.js';
import { finish, tableError, type BuildInput, type Builder, type DraftRow } from '../shared.js';

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
  if (t.frame) return fromFrame(input);
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

/**
 * Counts per stratum from the sampling frame: units in the population, drawn, responded; and
 * the sums of `sums` variables over the same units (divided, e.g. inhabitants in thousands).
 * Plain counts and sums of the frame, not estimates.
 */
function fromFrame(input: BuildInput) {
  const { t, ctx } = input;
  const f = t.frame!;
  const data = ctx.frames?.get(t.id);
  if (!data) throw tableError(input, `the sampling frame ${f.file} was not read`, 'frame');
  for (const name of [f.by, f.sampled, f.responded, ...(f.sums ?? []).map((x) => x.variable)]) {
    if (!data.has(name)) throw tableError(input, `the sampling frame ${f.file} has no variable "${name}"`, 'frame');
  }
  const by = data.validNumbers(f.by);
  const sampled = data.validNumbers(f.sampled);
  const responded = data.validNumbers(f.responded);
  const sums = (f.sums ?? []).map((x) => ({ values: data.validNumbers(x.variable), divide: x.divide ?? 1, label: x.label }));
  const declared = ctx.catalog.variables.get(f.by)?.categories ?? null;
  const codes = declared ? declared.map((c) => c.code) : [...new Set([...by].filter((x) => !Number.isNaN(x)))].sort((a, b) => a - b);
  const labelOf = (code: number): string => declared?.find((c) => c.code === code)?.label ?? data.column(f.by).valueLabels.get(code as never) ?? String(code);
  const unknown = [...by].find((x) => !Number.isNaN(x) && !codes.includes(x));
  if (unknown !== undefined) throw tableError(input, `the sampling frame has ${f.by} = ${unknown}, which the spec does not declare`, 'frame');
  // per stratum: [population, sample, response] × [count, ...sums]
  const block = (keep: (i: number) => boolean): number[] => {
    const out = new Array<number>(1 + sums.length).fill(0);
    for (let i = 0; i < by.length; i++) {
      if (!keep(i)) continue;
      out[0]++;
      sums.forEach((s, si) => (out[1 + si] += Number.isNaN(s.values[i]) ? 0 : s.values[i]));
    }
    return out;
  };
  const line = (inStratum: (i: number) => boolean): Cell[] =>
    [block(inStratum), block((i) => inStratum(i) && sampled[i] === 1), block((i) => inStratum(i) && responded[i] === 1)].flatMap((b) =>
      b.map((x, k) => numberCell(k === 0 ? x : x / sums[k - 1].divide)),
    );
  const rows: DraftRow[] = codes.map((code) => ({ label: labelOf(code), role: 'data', cells: line((i) => by[i] === code) }));
  rows.push({ label: ctx.texts.grandTotal, role: 'total', cells: line((i) => !Number.isNaN(by[i])) });
  const count = f.countLabel ?? ctx.texts.count;
  const columns: ColumnHead[] = [ctx.texts.population, ctx.texts.sample, ctx.texts.response].flatMap((group) => [
    { label: count, group },
    ...sums.map((x) => ({ label: x.label, group })),
  ]);
  const stub = ctx.catalog.variables.get(f.by)?.label ?? f.by;
  return finish(input, { columns, rows, nBase: null, stubHead: stub, chart: 'none' });
}
