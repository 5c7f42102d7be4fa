/** T10 Yes/No item grid [YN] (report 5): rows = statements, columns "Ja | Nee", row % summing to 100. */
import type { Builder } from '../shared.js';
import { gridTable } from './grid.js';

export const yesNoGrid: Builder = (input) => gridTable(input, { excludeNotApplicable: true });
