/** T5 Likert grid with "N.v.t." column [LK5N]: N.v.t. is a column and part of the base. */
import type { Builder } from '../shared.js';
import { gridTable } from './grid.js';

export const likert5Nvt: Builder = (input) => gridTable(input, { excludeNotApplicable: false });
