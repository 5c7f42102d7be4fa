/**
 * T23 Population / sample / response table [PSR] (report 6, Tabel 1). Either the table's
 * `content` (population and sample counts per stratum, as the researcher knows them), or —
 * without content — one row per wave with its sample, response and response rate from the
 * spec's wave metadata.
 */
import type { Dataset } from '../../data/dataset.js';
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
 * Names of the columns of a frame made from the fieldwork store (src/study/run.ts): 0/1 drawn,
 * 0/1 responded, and each row's weight in the population count.
 */
export const STORE_FRAME_COLUMNS = { sampled: '.sampled', responded: '.responded', population: '.population' } as const;

/**
 * Counts per stratum from the sampling frame: units in the population, drawn, responded; and
 * the sums of `sums` variables over the same units (divided, e.g. inhabitants in thousands).
 * Plain counts and sums of the frame, not estimates. A frame made from the fieldwork store
 * carries each row's weight in the population count (its design weight, or 1 for a row of a
 * population frame file and 0 for a sampled unit then).
 */
function fromFrame(input: BuildInput) {
  const { t, ctx } = input;
  const f = t.frame!;
  const data = ctx.frames?.get(t.id);
  const source = f.file ?? 'of the fieldwork store';
  if (!data) throw tableError(input, `the sampling frame ${source} was not read`, 'frame');
  const fromStore = f.store !== undefined;
  const sampledName = fromStore ? STORE_FRAME_COLUMNS.sampled : f.sampled!;
  const respondedName = fromStore ? STORE_FRAME_COLUMNS.responded : f.responded!;
  for (const name of [f.by, sampledName, respondedName, ...(f.sums ?? []).map((x) => x.variable)]) {
    if (!data.has(name)) throw tableError(input, `the sampling frame ${source} has no variable "${name}"`, 'frame');
  }
  const sampled = data.validNumbers(sampledName);
  const responded = data.validNumbers(respondedName);
  const weight = fromStore ? data.validNumbers(STORE_FRAME_COLUMNS.population) : null;
  const sums = (f.sums ?? []).map((x) => ({ values: data.validNumbers(x.variable), divide: x.divide ?? 1, label: x.label }));
  const groups = frameGroups(input, data, f.by);
  // per stratum: [population, sample, response] × [count, ...sums]
  const block = (keep: (i: number) => boolean, w: Float64Array | null): number[] => {
    const out = new Array<number>(1 + sums.length).fill(0);
    for (let i = 0; i < data.nrow; i++) {
      if (!keep(i)) continue;
      const wi = w === null ? 1 : w[i];
      out[0] += wi;
      sums.forEach((s, si) => (out[1 + si] += Number.isNaN(s.values[i]) ? 0 : wi * s.values[i]));
    }
    return out;
  };
  const line = (inStratum: (i: number) => boolean): Cell[] =>
    [block(inStratum, weight), block((i) => inStratum(i) && sampled[i] === 1, null), block((i) => inStratum(i) && responded[i] === 1, null)].flatMap((b) =>
      b.map((x, k) => numberCell(k === 0 ? x : x / sums[k - 1].divide)),
    );
  const rows: DraftRow[] = groups.strata.map((g) => ({ label: g.label, role: 'data', cells: line(g.member) }));
  rows.push({ label: ctx.texts.grandTotal, role: 'total', cells: line(groups.valid) });
  const count = f.countLabel ?? ctx.texts.count;
  const columns: ColumnHead[] = [ctx.texts.population, ctx.texts.sample, ctx.texts.response].flatMap((group) => [
    { label: count, group },
    ...sums.map((x) => ({ label: x.label, group })),
  ]);
  const stub = ctx.catalog.variables.get(f.by)?.label ?? f.by;
  return finish(input, { columns, rows, nBase: null, stubHead: stub, chart: 'none' });
}

/**
 * The strata of a frame: the declared categories of `by` (or its codes in order), or, for a text
 * column such as a register's stratum names, its values in order.
 */
function frameGroups(input: BuildInput, data: Dataset, byName: string): { strata: { label: string; member: (i: number) => boolean }[]; valid: (i: number) => boolean } {
  const { ctx } = input;
  if (data.column(byName).type === 'string') {
    const by = data.strings(byName).map((x) => x.trim());
    const names = [...new Set(by.filter((x) => x !== ''))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    return { strata: names.map((n) => ({ label: n, member: (i) => by[i] === n })), valid: (i) => by[i] !== '' };
  }
  const by = data.validNumbers(byName);
  const declared = ctx.catalog.variables.get(byName)?.categories ?? null;
  const codes = declared ? declared.map((c) => c.code) : [...new Set([...by].filter((x) => !Number.isNaN(x)))].sort((a, b) => a - b);
  const labelOf = (code: number): string => declared?.find((c) => c.code === code)?.label ?? data.column(byName).valueLabels.get(code as never) ?? String(code);
  const unknown = [...by].find((x) => !Number.isNaN(x) && !codes.includes(x));
  if (unknown !== undefined) throw tableError(input, `the sampling frame has ${byName} = ${unknown}, which the spec does not declare`, 'frame');
  return { strata: codes.map((code) => ({ label: labelOf(code), member: (i) => by[i] === code })), valid: (i) => !Number.isNaN(by[i]) };
}
