/**
 * T21 Average-share-of-caseload table [AV] (report 2, Tabel 3–5, 13): rows = caseload
 * segments, cells = the mean over respondents of each respondent's reported percentage,
 * printed as a whole percentage. With options.by the rows are split by subgroup with the N
 * inside the row label ("Alleen formeel (N=45) 54%") and a t-test (two groups) marks rows.
 */
import { meanCell } from '../cells.js';
import { allRows, countMask, valuesOf } from '../domain.js';
import { directionOf, groupDirectionNotes } from '../group-direction.js';
import type { PendingTest } from '../significance.js';
import { baseMask, comparedGroups, contrastText, current, finish, items, rules, subgroupDomains, subgroupTest, unionCount, type Builder, type DraftRow } from '../shared.js';
import { unionMask } from './cross-tab.js';

export const averageShare: Builder = (input) => {
  const wave = current(input);
  const r = rules(input.o);
  const its = items(input);
  const bases: Uint8Array[] = [];
  const rows: DraftRow[] = [];
  const tests: PendingTest[] = [];
  const itemOf = new Map<PendingTest, string>();
  const domains = input.o.by !== undefined ? subgroupDomains(input, wave, false) : null;
  const compared = domains ? comparedGroups(input, domains) : [];
  for (const it of its) {
    const values = valuesOf(input.ctx, wave, it.variable);
    if (!domains) {
      const base = baseMask(input, wave, it.variable, allRows(wave));
      bases.push(base);
      rows.push({ label: it.label, role: 'data', cells: [meanCell(countMask(base) === 0 ? null : wave.estimator!.mean(values, base), r, 0, true)] });
      continue;
    }
    if (its.length > 1) rows.push({ label: it.label, role: 'subheader', cells: [] });
    const groupRows: DraftRow[] = domains.map((dom) => {
      const base = baseMask(input, wave, it.variable, dom.mask);
      bases.push(base);
      const n = countMask(base);
      const row: DraftRow = { label: `${dom.label} (N=${n})`, role: 'data', indent: its.length > 1 ? 1 : 0, cells: [meanCell(n === 0 ? null : wave.estimator!.mean(values, base), r, 0, true)] };
      rows.push(row);
      return row;
    });
    if (input.o.significance && compared.length >= 2) {
      const base = baseMask(input, wave, it.variable, unionMask(compared.map((c) => c.mask)));
      const p = subgroupTest(input, wave, values, base, compared, compared.length === 2 ? values : undefined);
      const est = (k: number): number | null => groupRows[domains.indexOf(compared[k])].cells[0].estimate;
      const test: PendingTest = { p, direction: compared.length === 2 ? directionOf(est(0), est(1)) : undefined, apply: () => compared.forEach((c) => (groupRows[domains.indexOf(c)].label += input.o.mark)) };
      itemOf.set(test, it.label);
      tests.push(test);
    }
  }
  return finish(input, {
    columns: [{ label: input.ctx.texts.percent }],
    rows,
    nBase: unionCount(bases),
    chart: 'bar',
    tests,
    between: compared.length >= 2 ? contrastText(input, compared) : undefined,
    ...(compared.length >= 2 ? { significanceNotes: groupDirectionNotes(input, compared, contrastText(input, compared), (t) => itemOf.get(t)!) } : {}),
  });
};
