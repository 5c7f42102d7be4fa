/**
 * T17 Item share by subgroup [XI]: rows = statements, columns = subgroups, cells = % giving
 * the target answer. Each row is tested across the compared groups (t-test of the share for
 * two groups, Rao–Scott otherwise); a significant row gets the mark.
 */
import { shareCell } from '../cells.js';
import { directionOf, groupDirectionNotes } from '../group-direction.js';
import type { PendingTest } from '../significance.js';
import { comparedGroups, contrastText, current, finish, items, notAskedCell, rules, subgroupDomains, splitTotal, subgroupTest, unionCount, type Builder, type DraftRow } from '../shared.js';
import { unionMask } from './cross-tab.js';
import { itemShare, targetIndicator } from './item-share.js';

export const itemShareBy: Builder = (input) => {
  const wave = current(input);
  const domains = subgroupDomains(input, wave, splitTotal(input));
  const compared = comparedGroups(input, domains);
  const tests: PendingTest[] = [];
  const rowOf = new Map<PendingTest, DraftRow>();
  const bases: Uint8Array[][] = domains.map(() => []);
  const rows: DraftRow[] = items(input).map((it) => {
    const cells = domains.map((dom, di) => {
      const na = notAskedCell(input, wave, it.variable, dom.mask);
      if (na) return na;
      const { e, base } = itemShare(input, wave, it, dom.mask);
      bases[di].push(base);
      return shareCell(e, rules(input.o));
    });
    const row: DraftRow = { label: it.label, role: 'data', cells };
    if (input.o.significance && compared.length >= 2) {
      const { base } = itemShare(input, wave, it, unionMask(compared.map((c) => c.mask)));
      const ind = targetIndicator(input, wave, it, base);
      const p = subgroupTest(input, wave, ind, base, compared, compared.length === 2 ? ind : undefined);
      const est = (k: number): number | null => cells[domains.indexOf(compared[k])].estimate;
      const test: PendingTest = { p, direction: compared.length === 2 ? directionOf(est(0), est(1)) : undefined, apply: () => (row.label = `${row.label}${input.o.mark}`) };
      rowOf.set(test, row);
      tests.push(test);
    }
    return row;
  });
  return finish(input, {
    columns: domains.map((d, di) => ({ label: d.label, n: unionCount(bases[di]) })),
    rows,
    nBase: null,
    chart: 'bar',
    tests,
    between: contrastText(input, compared),
    significanceNotes: groupDirectionNotes(input, compared, contrastText(input, compared), (t) => rowOf.get(t)!.label),
  });
};
