/**
 * The statement grid shared by T4–T11 and T24: rows = items sharing one answer scale,
 * columns = answer categories (collapsed, special answers kept or dropped), cells = row %.
 * With options.by the rows are tested across the subgroup (Rao–Scott) and a significant
 * row gets the mark after its label, as in report 2, Tabel 10.
 */
import { countCell, marked, shareCells } from '../cells.js';
import { allRows } from '../domain.js';
import { valuesOf } from '../domain.js';
import type { ColumnHead, Table } from '../model.js';
import type { PendingTest } from '../significance.js';
import {
  answerGroups,
  categoriesOf,
  comparedGroups,
  contrastText,
  current,
  distribution,
  finish,
  items,
  rules,
  subgroupDomains,
  subgroupTest,
  unionCount,
  type BuildInput,
  type DraftRow,
  type GroupDefaults,
} from '../shared.js';

export interface GridVariant extends GroupDefaults {
  /** Add a column with each row's unweighted base (T24). */
  readonly nColumn?: boolean;
}

export function gridTable(input: BuildInput, variant: GridVariant): Table {
  const wave = current(input);
  const its = items(input);
  if (its.length === 0) throw new Error(`table ${input.t.id}: no items`);
  const groups = answerGroups(categoriesOf(input, its[0].question), input.o, variant);
  const bases: Uint8Array[] = [];
  const tests: PendingTest[] = [];
  const compared = input.o.by !== undefined ? comparedGroups(input, subgroupDomains(input, wave, false)) : [];
  const rows: DraftRow[] = its.map((it) => {
    const d = distribution(input, wave, it.variable, groups, allRows(wave));
    bases.push(d.base);
    const cells = shareCells(d.ests, rules(input.o), true);
    if (variant.nColumn) cells.push(countCell(d.n, d.weightedN));
    const row: DraftRow = { label: it.label, role: 'data', cells };
    if (compared.length >= 2) {
      const values = valuesOf(input.ctx, wave, it.variable);
      // a t-test compares mean scores: special answers (N.v.t., Weet ik niet) are left out
      const scale = new Set(groups.filter((g) => g.special === undefined).flatMap((g) => [...g.codes]));
      const scores = input.o.test === 'ttest' ? values.map((x) => (scale.has(x) ? x : NaN)) : undefined;
      const p = subgroupTest(input, wave, values, d.base, compared, scores);
      tests.push({ p, apply: () => (row.label = `${row.label}${input.o.mark}`) });
    }
    return row;
  });
  const columns: ColumnHead[] = groups.map((g) => ({ label: g.label }));
  if (variant.nColumn) columns.push({ label: input.ctx.texts.n });
  return finish(input, {
    columns,
    rows,
    nBase: variant.nColumn ? null : unionCount(bases),
    chart: 'stackedBar',
    tests,
    between: compared.length >= 2 ? contrastText(input, compared) : undefined,
  });
}

export { marked };
