/**
 * Quantiles as R survey 4.1 svyquantile (interval.type "mean", qrule "math").
 */
import type { Design } from '../design/design.js';
import { InvalidInputError } from '../errors.js';
import type { Estimate, EstimateOptions } from './estimators.js';

export function svyQuantile(_design: Design, _variable: string, _probs: readonly number[], opts: EstimateOptions = {}): Estimate[] {
  throw new InvalidInputError('quantiles are not available yet', { field: `${opts.field ?? 'estimate'}.statistic` });
}
