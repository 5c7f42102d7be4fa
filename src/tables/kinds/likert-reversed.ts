/** T8 Reverse-order agreement grid [LKR6] (report 4): disagree first, "Weet ik niet" kept last. */
import type { Builder } from '../shared.js';
import { gridTable } from './grid.js';

export const likertReversed: Builder = (input) => gridTable(input, { excludeNotApplicable: false, reverse: true });
