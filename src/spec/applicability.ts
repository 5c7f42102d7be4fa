/**
 * Which table options apply to which kind (issue 8 item 8: an option a kind ignores, such as
 * `total: true` on `multipleResponseBy`, must be an error, not a silent no-op). Options not in
 * this table apply to every kind (significance, rounding, nRounding, minBase, lowBase, showN,
 * chart, by, byTotal, collapse, excludeNotApplicable, showDontKnow, reverse, totalLabel).
 * Keep it in step with the builders in src/tables/kinds: each entry lists the kinds whose
 * builder reads the option.
 */
import type { TableKindName, TableOptionsSpec } from './schema.js';

export const KIND_OPTIONS: Readonly<Partial<Record<keyof TableOptionsSpec, readonly TableKindName[]>>> = {
  /**
   * A "Totaal 100%" row (count-percent and themes always print theirs); under a multiple-response
   * table it is the base row (everyone in the base = 100%; the options do not add up to it).
   */
  total: ['frequency', 'subQuestions', 'crossTab', 'rating', 'multipleResponse', 'multipleResponseBy'],
  /** Mean (and share ≤ insufficientMax) rows under a rating table. */
  mean: ['rating'],
  insufficientMax: ['rating', 'ratingMeanBy', 'trend'],
  /** Rows by descending estimate. */
  sort: ['multipleResponse', 'multipleResponseBy'],
  /** Waves of a trend table and the test of the latest against the previous one. */
  waves: ['trend'],
  waveTest: ['trend'],
  /** Outer header of a split grid. */
  outer: ['itemGridBy'],
  /** Where a split grid prints its groups' N. */
  nPlacement: ['itemGridBy'],
  /** Codes counted as the target answer. */
  target: ['itemShare', 'itemShareBy', 'trend'],
};

/** The options of a table that its kind does not use, each with the kinds that do. */
export function inapplicableOptions(kind: TableKindName, options: TableOptionsSpec | undefined): { option: string; kinds: readonly TableKindName[] }[] {
  const out: { option: string; kinds: readonly TableKindName[] }[] = [];
  for (const key of Object.keys(options ?? {}) as (keyof TableOptionsSpec)[]) {
    const kinds = KIND_OPTIONS[key];
    if (kinds !== undefined && !kinds.includes(kind)) out.push({ option: key, kinds });
  }
  return out;
}

/** Kinds whose rows are the items of grid or multiple-response questions: they take `items` (a subset). */
export const ITEM_KINDS: readonly TableKindName[] = [
  'multipleResponse',
  'multipleResponseBy',
  'itemShare',
  'itemShareBy',
  'likert5',
  'likert5Nvt',
  'likert3',
  'likert4',
  'likertReversed',
  'itemGrid',
  'yesNoGrid',
  'ranking',
  'itemGridBy',
  'itemGridWithN',
  'ratingMeanBy',
];
