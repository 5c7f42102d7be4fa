/**
 * T15 Multiple response by subgroup [XM]: rows = options, columns = Totaal + subgroups with
 * their own base; columns sum to more than 100. Each option is tested across the compared
 * groups (Rao–Scott on chosen/not chosen, or a t-test); a significant row gets the mark.
 */
import { shareCell } from '../cells.js';
import { and, countMask, validMask, valuesOf } from '../domain.js';
import { directionOf, groupDirectionNotes } from '../group-direction.js';
import type { PendingTest } from '../significance.js';
import { comparedGroups, contrastText, current, finish, items, notAskedCell, rules, subgroup, subgroupDomains, splitTotal, subgroupTest, type Builder, type DraftRow } from '../shared.js';
import { unionMask } from './cross-tab.js';
import { mrBase } from './mr-base.js';
import { baseCell, optionIndicator, sortRows } from './multiple-response.js';

export const multipleResponseBy: Builder = (input) => {
  const wave = current(input);
  const its = items(input);
  const domains = subgroupDomains(input, wave, splitTotal(input, true));
  const bases = domains.map((d) => mrBase(input, wave, its.map((i) => i.variable), d.mask));
  const compared = comparedGroups(input, domains);
  const tests: PendingTest[] = [];
  const rowOf = new Map<PendingTest, DraftRow>();
  let rows: DraftRow[] = its.map((it) => {
    const v = valuesOf(input.ctx, wave, it.variable);
    const valid = validMask(v);
    const cells = bases.map((b, di) => {
      const na = notAskedCell(input, wave, it.variable, domains[di].mask);
      if (na) return na;
      const base = and(b, valid);
      return shareCell(countMask(base) === 0 ? null : wave.estimator!.proportion(optionIndicator(v, base), base), rules(input.o));
    });
    const row: DraftRow = { label: it.label, role: 'data', cells };
    if (input.o.significance && compared.length >= 2) {
      const base = and(unionMask(compared.map((c) => bases[domains.indexOf(c)])), valid);
      const ind = optionIndicator(v, base);
      const p = subgroupTest(input, wave, ind, base, compared, input.o.test === 'ttest' ? ind : undefined);
      const est = (k: number): number | null => cells[domains.indexOf(compared[k])].estimate;
      // a share chosen, two groups: the test (Rao–Scott on 0/1 or t) has a direction
      const test: PendingTest = { p, direction: compared.length === 2 ? directionOf(est(0), est(1)) : undefined, apply: () => (row.label = `${row.label}${input.o.mark}`) };
      rowOf.set(test, row);
      tests.push(test);
    }
    return row;
  });
  if (input.o.sort) rows = sortRows(rows);
  if (input.o.total) rows.push({ label: input.ctx.texts.total, role: 'total', cells: bases.map((b) => baseCell(wave, b, rules(input.o))) });
  return finish(input, {
    columns: domains.map((d, i) => ({ label: d.label, n: countMask(bases[i]) })),
    rows,
    nBase: countMask(bases[0]),
    chart: 'bar',
    tests,
    between: contrastText(input, compared),
    significanceNotes: groupDirectionNotes(input, compared, contrastText(input, compared), (t) => rowOf.get(t)!.label),
  });
};
