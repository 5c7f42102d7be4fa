/**
 * T26 Stacked background characteristics [BG] (report 5, Tabel 2): for each variable a
 * sub-header row with its label, then its categories with % (each block sums to 100).
 */
import { shareCells } from '../cells.js';
import { allRows } from '../domain.js';
import { answerGroups, categoriesOf, current, distribution, finish, questions, rules, type Builder, type DraftRow } from '../shared.js';

export const profile: Builder = (input) => {
  const wave = current(input);
  const rows: DraftRow[] = [];
  let nBase = 0;
  for (const q of questions(input)) {
    const groups = answerGroups(categoriesOf(input, q), input.o, { excludeNotApplicable: false });
    const d = distribution(input, wave, q.variables[0], groups, allRows(wave));
    nBase = Math.max(nBase, d.n);
    rows.push({ label: q.wording, role: 'subheader', cells: [] });
    const cells = shareCells(d.ests, rules(input.o), true);
    groups.forEach((g, gi) => rows.push({ label: g.label, role: 'data', indent: 1, cells: [cells[gi]] }));
  }
  return finish(input, { columns: [{ label: input.ctx.texts.percent }], rows, nBase, chart: 'none' });
};
