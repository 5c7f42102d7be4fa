/**
 * T27 Count + percent table [CP] (report 5, Tabel 37): columns "Aantal | %", the unweighted
 * count beside the weighted percentage (so 4 of 9 can print as 46%), and "Totaal".
 */
import { countCell, shareCells, totalCell } from '../cells.js';
import { allRows, valuesOf } from '../domain.js';
import { answerGroups, categoriesOf, current, distribution, finish, questions, rules, type Builder, type DraftRow } from '../shared.js';

export const countPercent: Builder = (input) => {
  const wave = current(input);
  const q = questions(input)[0];
  const groups = answerGroups(categoriesOf(input, q), input.o, { excludeNotApplicable: false });
  const d = distribution(input, wave, q.variables[0], groups, allRows(wave));
  const values = valuesOf(input.ctx, wave, q.variables[0]);
  const pct = shareCells(d.ests, rules(input.o), true);
  const suppressed = pct.some((c) => c.flags.includes('suppressed'));
  const rows: DraftRow[] = groups.map((g, gi) => {
    let count = 0;
    for (let i = 0; i < values.length; i++) if (d.base[i] === 1 && g.codes.has(values[i])) count++;
    return { label: g.label, role: 'data', cells: [suppressed ? pct[gi] : countCell(count), pct[gi]] };
  });
  rows.push({ label: input.ctx.texts.total, role: 'total', cells: [countCell(d.n, d.weightedN), totalCell(d.n, d.weightedN, rules(input.o))] });
  return finish(input, { columns: [{ label: input.ctx.texts.count }, { label: '%' }], rows, nBase: d.n, chart: 'none' });
};
