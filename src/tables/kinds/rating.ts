/**
 * T18 Rating 1–10 distribution [RT]: rows "1" … "10", one % column, optional "Totaal 100%";
 * with options.mean also "Gemiddeld cijfer" (mean over the valid ratings, one decimal) and
 * "Aandeel onvoldoendes" (share ≤ insufficientMax, default 5), as 1A Tabel 20a/20b.
 */
import { meanCell, shareCell, shareCells, totalCell } from '../cells.js';
import { allRows, valuesOf } from '../domain.js';
import { answerGroups, categoriesOf, current, distribution, finish, questions, rules, type Builder, type DraftRow } from '../shared.js';
import type { WaveData } from '../context.js';
import type { Estimate } from '../estimator.js';
import type { BuildInput } from '../shared.js';

export const rating: Builder = (input) => {
  const wave = current(input);
  const q = questions(input)[0];
  const groups = answerGroups(categoriesOf(input, q), input.o, { excludeNotApplicable: true });
  const d = distribution(input, wave, q.variables[0], groups, allRows(wave));
  const r = rules(input.o);
  const cells = shareCells(d.ests, r, true);
  const rows: DraftRow[] = groups.map((g, i) => ({ label: g.label, role: 'data', cells: [cells[i]] }));
  if (input.o.total) rows.push({ label: input.ctx.texts.total, role: 'total', cells: [totalCell(d.n, d.weightedN, r)] });
  if (input.o.mean) {
    const { mean, insufficient } = ratingStats(input, wave, q.variables[0], d.base, groups.filter((g) => g.special === undefined).flatMap((g) => [...g.codes]));
    rows.push({ label: input.ctx.texts.mean, role: 'mean', cells: [meanCell(mean, r)] });
    rows.push({ label: input.ctx.texts.insufficient, role: 'mean', cells: [shareCell(insufficient, r)] });
  }
  return finish(input, { columns: [{ label: input.ctx.texts.percent }], rows, nBase: d.n, chart: 'bar' });
};

/** Mean rating and share ≤ insufficientMax over the base rows with a scale value (special answers left out). */
export function ratingStats(input: BuildInput, wave: WaveData, variable: string, base: Uint8Array, scaleCodes: readonly number[]): { mean: Estimate | null; insufficient: Estimate | null } {
  const values = valuesOf(input.ctx, wave, variable);
  const codes = new Set(scaleCodes);
  const dom = new Uint8Array(base.length);
  let n = 0;
  for (let i = 0; i < dom.length; i++) if (base[i] === 1 && codes.has(values[i])) (dom[i] = 1), n++;
  if (n === 0) return { mean: null, insufficient: null };
  const ind = new Float64Array(values.length);
  for (let i = 0; i < ind.length; i++) ind[i] = dom[i] === 0 ? NaN : values[i] <= input.o.insufficientMax ? 1 : 0;
  return { mean: wave.estimator!.mean(values, dom), insufficient: wave.estimator!.proportion(ind, dom) };
}
