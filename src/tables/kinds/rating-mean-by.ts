/**
 * T19 Mean rating + share insufficient by subgroup [RM] (report 3, Tabel 16): rows = rated
 * partners/items; columns "Gemiddeld cijfer" × groups and "Aandeel onvoldoendes" × groups;
 * "N.v.t." where a group was not asked the item.
 */
import { meanCell, shareCell, textCell } from '../cells.js';
import { and, askedMask, countMask, tableFilter } from '../domain.js';
import type { Cell, ColumnHead } from '../model.js';
import { answerGroups, baseMask, categoriesOf, current, finish, items, rules, subgroupDomains, splitTotal, type Builder, type DraftRow } from '../shared.js';
import { ratingStats } from './rating.js';

export const ratingMeanBy: Builder = (input) => {
  const wave = current(input);
  const domains = subgroupDomains(input, wave, splitTotal(input));
  const r = rules(input.o);
  const rows: DraftRow[] = items(input).map((it) => {
    const scale = answerGroups(categoriesOf(input, it.question), input.o, { excludeNotApplicable: true })
      .filter((g) => g.special === undefined)
      .flatMap((g) => [...g.codes]);
    const stats = domains.map((dom) => {
      const asked = countMask(and(dom.mask, askedMask(input.ctx, wave, it.variable), tableFilter(input.ctx, wave, input.t.filter)));
      if (asked === 0) return null;
      return ratingStats(input, wave, it.variable, baseMask(input, wave, it.variable, dom.mask), scale);
    });
    const na = (): Cell => textCell(input.ctx.texts.notApplicable);
    const cells = [...stats.map((s) => (s === null ? na() : meanCell(s.mean, r))), ...stats.map((s) => (s === null ? na() : shareCell(s.insufficient, r)))];
    return { label: it.label, role: 'data', cells };
  });
  const columns: ColumnHead[] = [
    ...domains.map((d) => ({ label: d.label, group: input.ctx.texts.mean })),
    ...domains.map((d) => ({ label: d.label, group: input.ctx.texts.insufficient })),
  ];
  return finish(input, { columns, rows, nBase: null, chart: 'none' });
};
