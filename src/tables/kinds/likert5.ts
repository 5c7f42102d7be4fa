/** T4 Likert statement grid, 5-point [LK5]: "Helemaal eens … Helemaal oneens"; N.v.t. dropped from the base unless kept. */
import type { Builder } from '../shared.js';
import { gridTable } from './grid.js';

export const likert5: Builder = (input) => gridTable(input, { excludeNotApplicable: true });
