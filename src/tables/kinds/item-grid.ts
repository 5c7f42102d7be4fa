/** T9 Other ordinal/categorical item battery [OG]: any shared scale (change, frequency, awareness …), row %. */
import type { Builder } from '../shared.js';
import { gridTable } from './grid.js';

export const itemGrid: Builder = (input) => gridTable(input, { excludeNotApplicable: false });
