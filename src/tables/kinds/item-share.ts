/**
 * T3 Item-share list [IS]: rows = statements or items, one column = % giving the target
 * answer (options.target or the row's codes; default the first category; for multiple
 * response options: chosen). Not additive.
 */
import { shareCell } from '../cells.js';
import type { WaveData } from '../context.js';
import { allRows, indicator, valuesOf } from '../domain.js';
import type { Estimate } from '../estimator.js';
import { answerGroups, baseMask, categoriesOf, codesOf, current, finish, items, rules, unionCount, type BuildInput, type Builder, type DraftRow, type ItemRef } from '../shared.js';
import { optionIndicator } from './multiple-response.js';

/** Share of the target answer of one item over `domain`; returns the estimate and its base mask. */
export function itemShare(input: BuildInput, wave: WaveData, it: ItemRef, domain: Uint8Array): { e: Estimate | null; base: Uint8Array } {
  const values = valuesOf(input.ctx, wave, it.variable);
  if (it.question.type === 'multiple' || (it.question.categories === null && it.question.type !== 'rating')) {
    const base = baseMask(input, wave, it.variable, domain);
    return { e: count(base) === 0 ? null : wave.estimator!.proportion(optionIndicator(values, base), base), base };
  }
  const cats = categoriesOf(input, it.question);
  const groups = answerGroups(cats, input.o, { excludeNotApplicable: false });
  const base = baseMask(input, wave, it.variable, domain, codesOf(groups));
  const target = new Set(it.codes ?? input.o.target ?? [cats[0].code]);
  return { e: count(base) === 0 ? null : wave.estimator!.proportion(indicator(values, target, base), base), base };
}

/** The 0/1 target indicator of an item over a base (NaN outside). */
export function targetIndicator(input: BuildInput, wave: WaveData, it: ItemRef, base: Uint8Array): Float64Array {
  const values = valuesOf(input.ctx, wave, it.variable);
  if (it.question.type === 'multiple' || (it.question.categories === null && it.question.type !== 'rating')) return optionIndicator(values, base);
  const cats = categoriesOf(input, it.question);
  return indicator(values, new Set(it.codes ?? input.o.target ?? [cats[0].code]), base);
}

function count(m: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < m.length; i++) n += m[i];
  return n;
}

export const itemShareList: Builder = (input) => {
  const wave = current(input);
  const bases: Uint8Array[] = [];
  const rows: DraftRow[] = items(input).map((it) => {
    const { e, base } = itemShare(input, wave, it, allRows(wave));
    bases.push(base);
    return { label: it.label, role: 'data', cells: [shareCell(e, rules(input.o))] };
  });
  return finish(input, { columns: [{ label: input.ctx.texts.percent }], rows, nBase: unionCount(bases), chart: 'bar' });
};
