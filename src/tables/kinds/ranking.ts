/**
 * T11 Ranking table [RK]: rows = reasons, columns = ranks "1 Belangrijkste reden … 4 Minst
 * belangrijke reden"; each reason's variable holds the rank given to it, so the table is a
 * grid over the rank scale (declare the ranks as the question's categories).
 */
import type { Builder } from '../shared.js';
import { gridTable } from './grid.js';

export const ranking: Builder = (input) => gridTable(input, { excludeNotApplicable: true });
