/**
 * T14 Cross-tab by subgroup, single choice [XS]: rows = categories, columns = Totaal +
 * subgroups, each with its own (N=…), cells = column %. Significance: Rao–Scott on the whole
 * distribution across the compared groups (the compared column heads get the mark), or with
 * test: ttest per category between two groups (the two cells get the mark). `rows` with
 * stat: mean add a mean row per column (report 3, Tabel 3: buckets, "Total", "Gemiddeld").
 */
import { marked, meanCell, shareCells, totalCell } from '../cells.js';
import { countMask, indicator, valuesOf } from '../domain.js';
import type { Cell } from '../model.js';
import { directionOf, groupDirectionNotes } from '../group-direction.js';
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
  questions,
  rules,
  subgroup,
  subgroupDomains,
  splitTotal,
  subgroupTest,
  type Builder,
  type DraftRow,
} from '../shared.js';

export const crossTab: Builder = (input) => {
  const wave = current(input);
  const q = questions(input)[0];
  const groups = answerGroups(categoriesOf(input, q), input.o, { excludeNotApplicable: false });
  const domains = subgroupDomains(input, wave, splitTotal(input, true));
  const dists = distributions(input, wave, q.variables[0], groups, domains);
  const cols = dists.map((d) => shareCells(d.ests, rules(input.o), true));
  const rows: DraftRow[] = groups.map((g, gi) => ({ label: g.label, role: 'data', cells: cols.map((c) => c[gi]) }));
  if (input.o.total) rows.push({ label: input.ctx.texts.total, role: 'total', cells: dists.map((d) => totalCell(d.n, d.weightedN, rules(input.o))) });
  // extra rows with a mean per column, e.g. report 3 Tabel 3 "Gemiddeld 93 112 86"
  for (const r of input.t.rows ?? []) {
    if (r.stat !== 'mean' || r.variable === undefined) continue;
    const values = valuesOf(input.ctx, wave, r.variable);
    const cells = domains.map((dom) => {
      const base = baseMask(input, wave, r.variable!, dom.mask);
      return meanCell(countMask(base) === 0 ? null : wave.estimator!.mean(values, base), rules(input.o), r.decimals ?? 1);
    });
    rows.push({ label: r.label, role: 'mean', cells });
  }
  const columns = domains.map((dom, i) => ({ label: dom.label, n: dists[i].n }));
  const tests: PendingTest[] = [];
  const categoryOf = new Map<PendingTest, number>();
  const compared = comparedGroups(input, domains);
  if (input.o.significance && compared.length >= 2) {
    const totalBase = baseMask(input, wave, q.variables[0], unionMask(compared.map((c) => c.mask)), codesOf(groups));
    const values = valuesOf(input.ctx, wave, q.variables[0]);
    const colIdx = compared.map((c) => domains.indexOf(c));
    if (input.o.test === 'ttest' && compared.length === 2) {
      groups.forEach((g, gi) => {
        const p = subgroupTest(input, wave, values, totalBase, compared, indicator(values, g.codes, totalBase));
        const direction = directionOf(rows[gi].cells[colIdx[0]].estimate, rows[gi].cells[colIdx[1]].estimate);
        const test: PendingTest = { p, direction, apply: () => colIdx.forEach((ci) => (rows[gi].cells[ci] = marked(rows[gi].cells[ci] as Cell, input.o.mark))) };
        categoryOf.set(test, gi);
        tests.push(test);
      });
    } else {
      const p = subgroupTest(input, wave, values, totalBase, compared);
      tests.push({ p, apply: () => colIdx.forEach((ci) => (columns[ci].label = `${columns[ci].label}${input.o.mark}`)) });
    }
  }
  const between = contrastText(input, compared);
  // per category (t-test) the note says which group has the higher share; Rao–Scott over the
  // whole distribution has no direction (categoryOf empty → the plain note)
  const significanceNotes = groupDirectionNotes(input, compared, between, (t) => rows[categoryOf.get(t)!].label);
  return finish(input, { columns, rows, nBase: dists[0].n, chart: 'stackedColumns', tests, between, significanceNotes });
};

export function unionMask(masks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(masks[0].length);
  for (const m of masks) for (let i = 0; i < out.length; i++) out[i] |= m[i];
  return out;
}
