/**
 * T20 Distribution-bucket table of a respondent-level share [BK] (report 2, Tabel 11):
 * horizontal — one row, columns = buckets of a derived `buckets` variable (e.g. "<=25% |
 * > 25% en < 60% | >=60%"), cells = % of respondents.
 */
import { shareCells } from '../cells.js';
import { allRows } from '../domain.js';
import { answerGroups, categoriesOf, current, distribution, finish, questions, rules, type Builder } from '../shared.js';

export const buckets: Builder = (input) => {
  const wave = current(input);
  const q = questions(input)[0];
  const groups = answerGroups(categoriesOf(input, q), input.o, { excludeNotApplicable: false });
  const d = distribution(input, wave, q.variables[0], groups, allRows(wave));
  return finish(input, {
    columns: groups.map((g) => ({ label: g.label, group: input.t.question ?? q.wording })),
    rows: [{ label: input.ctx.texts.percent, role: 'data', cells: shareCells(d.ests, rules(input.o), true) }],
    nBase: d.n,
    chart: 'stackedBar',
  });
};
