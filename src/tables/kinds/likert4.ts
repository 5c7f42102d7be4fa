/** T7 4-point Likert without neutral [LK4]: the scale as declared; a N.v.t. category stays a column. */
import type { Builder } from '../shared.js';
import { gridTable } from './grid.js';

export const likert4: Builder = (input) => gridTable(input, { excludeNotApplicable: false });
