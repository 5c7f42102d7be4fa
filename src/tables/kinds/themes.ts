/**
 * T22 Open-answer theme frequency table [OA]: rows = themes from coded theme variables (0/1
 * or a count of mentions per respondent), cells = unweighted counts of mentions, sorted
 * descending with "Overig" last, and a final "Eindtotaal" row. Counts are not estimates:
 * the seed prints raw numbers of coded remarks.
 */
import { countCell } from '../cells.js';
import { allRows, and, askedMask, tableFilter, valuesOf } from '../domain.js';
import { current, finish, items, requireVariable, type Builder, type DraftRow } from '../shared.js';

export const themes: Builder = (input) => {
  const wave = current(input);
  const filter = and(tableFilter(input.ctx, wave, input.t.filter), allRows(wave));
  const counted = items(input).map((it) => {
    requireVariable(input, wave, it.variable);
    const v = valuesOf(input.ctx, wave, it.variable);
    const m = and(filter, askedMask(input.ctx, wave, it.variable));
    let count = 0;
    for (let i = 0; i < v.length; i++) if (m[i] === 1 && v[i] > 0) count += v[i];
    return { label: it.label, count };
  });
  const last = (l: string): boolean => /^(overig|anders|other)/i.test(l);
  const sorted = [...counted.filter((c) => !last(c.label)).sort((a, b) => b.count - a.count), ...counted.filter((c) => last(c.label))];
  const rows: DraftRow[] = sorted.map((c) => ({ label: c.label, role: 'data', cells: [countCell(c.count)] }));
  rows.push({ label: input.ctx.texts.grandTotal, role: 'total', cells: [countCell(sorted.reduce((a, c) => a + c.count, 0))] });
  return finish(input, { columns: [{ label: input.ctx.texts.mentions }], rows, nBase: null, stubHead: input.ctx.texts.themes, chart: 'bar' });
};
