/**
 * T22 Open-answer theme frequency table [OA]: rows = themes from coded theme variables (0/1
 * or a count of mentions per respondent), cells = unweighted counts of mentions, sorted
 * descending with "Overig" last, and a final "Eindtotaal" row. Counts are not estimates:
 * the seed prints raw numbers of coded remarks.
 */
import { answeredRows } from '../../data/answered.js';
import { countCell } from '../cells.js';
import { allRows, and, askedMask, tableFilter, valuesOf } from '../domain.js';
import { variableOf } from '../../spec/catalog.js';
import { current, finish, items, requireVariable, type Builder, type DraftRow } from '../shared.js';

export const themes: Builder = (input) => {
  const wave = current(input);
  const filter = and(tableFilter(input.ctx, wave, input.t.filter), allRows(wave));
  const themeItems = items(input);
  const counted = themeItems.map((it) => {
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
  const uncoded = notYetCoded(input, wave, filter, themeItems[0]?.question.id);
  const notes = uncoded > 0 ? [input.ctx.texts.notYetCoded(uncoded)] : [];
  return finish(input, { columns: [{ label: input.ctx.texts.mentions }], rows, nBase: null, stubHead: input.ctx.texts.themes, chart: 'bar', notes });
};

/**
 * Themes derived from coding (`type: coded`): answers with text but no final coding yet are
 * missing in every theme variable; the table says how many, so a half-coded table is never read
 * as final.
 */
function notYetCoded(input: Parameters<Builder>[0], wave: ReturnType<typeof current>, filter: Uint8Array, owner: string | undefined): number {
  const d = input.ctx.spec.derived?.find((x) => x.id === owner);
  if (d === undefined || d.type !== 'coded' || wave.data === null) return 0;
  const from = variableOf(input.ctx.catalog, d.from);
  if (!wave.data.has(from)) return 0;
  const answered = answeredRows(wave.data, from);
  const theme = valuesOf(input.ctx, wave, d.themes[0].variable);
  let count = 0;
  for (let i = 0; i < theme.length; i++) if (filter[i] === 1 && answered[i] === 1 && Number.isNaN(theme[i])) count++;
  return count;
}
