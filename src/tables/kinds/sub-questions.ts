/**
 * T13 Two-column sub-question table [QC] (1A Tabel 12): rows = categories, one column per
 * follow-up question, each with its own base in the header and its own "Totaal 100%".
 */
import { shareCells, totalCell } from '../cells.js';
import { allRows } from '../domain.js';
import { answerGroups, categoriesOf, current, distribution, finish, questions, rules, type Builder, type DraftRow } from '../shared.js';

export const subQuestions: Builder = (input) => {
  const wave = current(input);
  const qs = questions(input);
  const groups = answerGroups(categoriesOf(input, qs[0]), input.o, { excludeNotApplicable: false });
  const dists = qs.map((q) => distribution(input, wave, q.variables[0], groups, allRows(wave)));
  const cols = dists.map((d) => shareCells(d.ests, rules(input.o), true));
  const rows: DraftRow[] = groups.map((g, gi) => ({ label: g.label, role: 'data', cells: cols.map((c) => c[gi]) }));
  if (input.o.total) rows.push({ label: input.ctx.texts.total, role: 'total', cells: dists.map((d) => totalCell(d.n, d.weightedN, rules(input.o))) });
  const labels = input.t.rows?.map((r) => r.label);
  return finish(input, {
    columns: qs.map((q, i) => ({ label: labels?.[i] ?? q.wording, n: dists[i].n })),
    rows,
    nBase: null,
    chart: 'stackedColumns',
  });
};
