/**
 * T16 Subgroup-split item grid [SG]: rows = statements; two-level header, outer = subgroup
 * (with its N), inner = answer scale (report 6 ".a" tables). Each statement is tested across
 * the compared groups with Rao–Scott; a significant row gets the mark.
 */
import { shareCells } from '../cells.js';
import { valuesOf } from '../domain.js';
import type { ColumnHead } from '../model.js';
import type { PendingTest } from '../significance.js';
import {
  answerGroups,
  categoriesOf,
  comparedGroups,
  contrastText,
  current,
  distribution,
  distributions,
  finish,
  items,
  notAskedCell,
  rules,
  subgroupDomains,
  subgroupTest,
  unionCount,
  type Builder,
  type DraftRow,
} from '../shared.js';
import { unionMask } from './cross-tab.js';

export const itemGridBy: Builder = (input) => {
  const wave = current(input);
  const its = items(input);
  const groups = answerGroups(categoriesOf(input, its[0].question), input.o, { excludeNotApplicable: input.o.excludeNotApplicable ?? false });
  const domains = subgroupDomains(input, wave);
  const compared = comparedGroups(input, domains);
  const tests: PendingTest[] = [];
  const basesPerDomain: Uint8Array[][] = domains.map(() => []);
  const rows: DraftRow[] = its.map((it) => {
    const dists = distributions(input, wave, it.variable, groups, domains);
    const cells = domains.flatMap((dom, di) => {
      const na = notAskedCell(input, wave, it.variable, dom.mask);
      if (na) return groups.map(() => na);
      const d = dists[di];
      basesPerDomain[di].push(d.base);
      return shareCells(d.ests, rules(input.o), true);
    });
    const row: DraftRow = { label: it.label, role: 'data', cells };
    if (input.o.significance && compared.length >= 2) {
      const base = distribution(input, wave, it.variable, groups, unionMask(compared.map((c) => c.mask))).base;
      const p = subgroupTest(input, wave, valuesOf(input.ctx, wave, it.variable), base, compared);
      tests.push({ p, apply: () => (row.label = `${row.label}${input.o.mark}`) });
    }
    return row;
  });
  const columns: ColumnHead[] = domains.flatMap((dom, di) => {
    const n = unionCount(basesPerDomain[di]);
    return groups.map((g) => ({ label: g.label, group: dom.label, n }));
  });
  return finish(input, { columns, rows, nBase: unionCount(basesPerDomain.flat()), chart: 'stackedBar', tests, between: contrastText(input, compared) });
};
