/**
 * T16 Subgroup-split item grid [SG]: rows = statements; two-level header, outer = subgroup
 * (with its N once in that header, or under every column with nPlacement: columns), inner = answer scale (report 6 ".a" tables); with options.outer: scale the
 * other way round (report 3: "In sterke mate | In enige mate" over "Wajong WGA WW"). Each statement is tested across
 * the compared groups with Rao–Scott; a significant row gets the mark.
 */
import { shareCells } from '../cells.js';
import { valuesOf } from '../domain.js';
import type { ColumnHead } from '../model.js';
import type { PendingTest } from '../significance.js';
import {
  answerGroups,
  baseMask,
  categoriesOf,
  codesOf,
  comparedGroups,
  contrastText,
  current,
  distributions,
  finish,
  items,
  notAskedCell,
  rules,
  subgroupDomains,
  splitTotal,
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
  const domains = subgroupDomains(input, wave, splitTotal(input));
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
      const base = baseMask(input, wave, it.variable, unionMask(compared.map((c) => c.mask)), codesOf(groups));
      const p = subgroupTest(input, wave, valuesOf(input.ctx, wave, it.variable), base, compared);
      tests.push({ p, apply: () => (row.label = `${row.label}${input.o.mark}`) });
    }
    return row;
  });
  const nPerDomain = domains.map((_, di) => unionCount(basesPerDomain[di]));
  // report 6 prints the group's N once in its spanning header; nPlacement: columns under each answer
  const inHeader = input.o.nPlacement === 'group' && input.o.outer !== 'scale';
  let columns: ColumnHead[] = domains.flatMap((dom, di) =>
    groups.map((g) => (inHeader ? { label: g.label, group: dom.label, groupN: nPerDomain[di] } : { label: g.label, group: dom.label, n: nPerDomain[di] })),
  );
  if (input.o.outer === 'scale') {
    // report 3: outer header the scale ("In sterke mate"), inner the subgroups ("Wajong WGA WW")
    const G = groups.length;
    const order = groups.flatMap((_, g) => domains.map((__, d) => d * G + g));
    columns = order.map((k) => ({ label: domains[Math.floor(k / G)].label, group: groups[k % G].label, n: nPerDomain[Math.floor(k / G)] }));
    for (const r of rows) r.cells = order.map((k) => r.cells[k]);
  }
  return finish(input, { columns, rows, nBase: unionCount(basesPerDomain.flat()), chart: 'stackedBar', tests, between: contrastText(input, compared) });
};
