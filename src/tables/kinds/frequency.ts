/** T1 Single-choice frequency [SC]: rows = answer categories, one column of %; optional "Totaal 100%". */
import { shareCells, totalCell } from '../cells.js';
import { allRows } from '../domain.js';
import { answerGroups, categoriesOf, current, distribution, finish, questions, rules, type Builder, type DraftRow } from '../shared.js';

export const frequency: Builder = (input) => {
  const wave = current(input);
  const q = questions(input)[0];
  const groups = answerGroups(categoriesOf(input, q), input.o, { excludeNotApplicable: false });
  const d = distribution(input, wave, q.variables[0], groups, allRows(wave));
  const cells = shareCells(d.ests, rules(input.o), true);
  const rows: DraftRow[] = groups.map((g, i) => ({ label: g.label, role: 'data', cells: [cells[i]] }));
  if (input.o.total) rows.push({ label: input.ctx.texts.total, role: 'total', cells: [totalCell(d.n, d.weightedN, rules(input.o))] });
  return finish(input, { columns: [{ label: input.ctx.texts.percent }], rows, nBase: d.n, chart: 'bar' });
};
