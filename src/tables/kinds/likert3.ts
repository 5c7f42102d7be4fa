/**
 * T6 Collapsed 3-point Likert [LK3]: "(Helemaal) eens | Neutraal | (Helemaal) oneens",
 * computed from unrounded data (so 17% + 54% may print as 70%), N.v.t. excluded from the base
 * (1A Tabel 19b). Without options.collapse the first five codes of the scale are grouped 1–2, 3, 4–5.
 */
import type { CollapseGroupSpec } from '../../spec/schema.js';
import { categoriesOf, items, type Builder } from '../shared.js';
import { gridTable } from './grid.js';

export const likert3: Builder = (input) => {
  let collapse: CollapseGroupSpec[] | null = null;
  if (!input.o.collapse) {
    const cats = categoriesOf(input, items(input)[0].question).filter((c) => c.special === undefined);
    if (cats.length === 5) {
      const nl = input.ctx.texts.and === 'en';
      collapse = [
        { label: nl ? '(Helemaal) eens' : '(Strongly) agree', codes: [cats[0].code, cats[1].code] },
        { label: nl ? 'Neutraal' : 'Neutral', codes: [cats[2].code] },
        { label: nl ? '(Helemaal) oneens' : '(Strongly) disagree', codes: [cats[3].code, cats[4].code] },
      ];
    }
  }
  return gridTable(input, { excludeNotApplicable: true, collapse });
};
