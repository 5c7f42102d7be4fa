/**
 * T2 Multiple-response list [MR]: rows = options, one column = % of those asked (and
 * answering the question) who chose the option. Shares do not sum to 100; `total: true` adds
 * the base row "Totaal 100%" (report 6, Tabel 16) after the options.
 */
import type { WaveData } from '../context.js';
import type { Cell } from '../model.js';
import { shareCell, totalCell, type CellRules } from '../cells.js';
import { allRows, and, validMask, valuesOf } from '../domain.js';
import { baseMask, current, finish, items, rules, unionCount, type Builder, type DraftRow } from '../shared.js';
import { mrBase } from './mr-base.js';

export const multipleResponse: Builder = (input) => {
  const wave = current(input);
  const its = items(input);
  const base = mrBase(input, wave, its.map((i) => i.variable), allRows(wave));
  let rows: DraftRow[] = its.map((it) => {
    const v = valuesOf(input.ctx, wave, it.variable);
    const b = and(base, baseMask(input, wave, it.variable, allRows(wave)), validMask(v));
    const e = wave.estimator!.proportion(optionIndicator(v, b), b);
    return { label: it.label, role: 'data', cells: [shareCell(e, rules(input.o))] };
  });
  if (input.o.sort) rows = sortRows(rows);
  if (input.o.total) rows.push({ label: input.ctx.texts.total, role: 'total', cells: [baseCell(wave, base, rules(input.o))] });
  return finish(input, { columns: [{ label: input.ctx.texts.percent }], rows, nBase: unionCount([base]), chart: 'bar' });
};

/** "100%" over the base of a multiple-response set, with its unweighted and weighted N. */
export function baseCell(wave: WaveData, base: Uint8Array, r: CellRules): Cell {
  let n = 0;
  for (let i = 0; i < base.length; i++) n += base[i];
  const ones = new Float64Array(base.length).fill(1);
  return totalCell(n, n === 0 ? null : wave.estimator!.proportion(ones, base).weightedN, r);
}

/** 1 where the option was chosen (value 1, or any positive count), 0 where not, NaN outside the base. */
export function optionIndicator(values: Float64Array, base: Uint8Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < out.length; i++) out[i] = base[i] === 0 ? NaN : values[i] > 0 ? 1 : 0;
  return out;
}

/** Descending by shown value; rows whose label starts with "Anders"/"Overig"/"Other" stay last. */
export function sortRows(rows: DraftRow[]): DraftRow[] {
  const last = (r: DraftRow): boolean => /^(anders|overig|other|geen|none)/i.test(r.label);
  const v = (r: DraftRow): number => r.cells[0]?.estimate ?? -1;
  return [...rows.filter((r) => !last(r)).sort((a, b) => v(b) - v(a)), ...rows.filter(last)];
}
