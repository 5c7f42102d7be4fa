/**
 * T24 Satisfaction grid with an N column per row [SN] (1A Tabel 26): each row's base is the
 * users of that provision (item routing), printed unrounded in an "N" column; no N in the title.
 */
import type { Builder } from '../shared.js';
import { gridTable } from './grid.js';

export const itemGridWithN: Builder = (input) => gridTable(input, { excludeNotApplicable: true, nColumn: true });
