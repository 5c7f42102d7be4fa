/**
 * T25 Chained-filter ("funnel") and stacked-question tables [FN] (report 5, Tabel 19–21).
 * Funnel: successive yes/no questions as rows, columns = the shared categories ("Ja | Nee"),
 * each row over its own base (routing), given in the row label "(N=142)". Stacked: when the
 * questions do not share categories, each question is a sub-header with its categories below.
 */
import { shareCells } from '../cells.js';
import { allRows } from '../domain.js';
import { answerGroups, categoriesOf, current, distribution, finish, items, rules, type Builder, type DraftRow } from '../shared.js';

export const funnel: Builder = (input) => {
  const wave = current(input);
  const its = items(input);
  const catsOf = its.map((it) => categoriesOf(input, it.question));
  const key = (i: number): string => catsOf[i].map((c) => `${c.code}=${c.label}`).join('|');
  const shared = its.every((_, i) => key(i) === key(0));
  const rows: DraftRow[] = [];
  if (shared) {
    const groups = answerGroups(catsOf[0], input.o, { excludeNotApplicable: true });
    its.forEach((it) => {
      const d = distribution(input, wave, it.variable, groups, allRows(wave));
      rows.push({ label: `${it.label} (N=${d.n})`, role: 'data', cells: shareCells(d.ests, rules(input.o), true) });
    });
    return finish(input, { columns: groups.map((g) => ({ label: g.label })), rows, nBase: null, chart: 'stackedBar' });
  }
  its.forEach((it, i) => {
    const groups = answerGroups(catsOf[i], input.o, { excludeNotApplicable: true });
    const d = distribution(input, wave, it.variable, groups, allRows(wave));
    rows.push({ label: `${it.label} (N=${d.n})`, role: 'subheader', cells: [] });
    const cells = shareCells(d.ests, rules(input.o), true);
    groups.forEach((g, gi) => rows.push({ label: g.label, role: 'data', indent: 1, cells: [cells[gi]] }));
  });
  // Questions of their own bases under sub-headers: bars side by side would read as one distribution.
  return finish(input, { columns: [{ label: input.ctx.texts.percent }], rows, nBase: null, chart: 'none' });
};
