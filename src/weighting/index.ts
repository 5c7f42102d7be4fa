/** Weighting to the population: post-stratification, raking, calibration, trimming (issue 4 §3–5). */
export { outputWeightName, parseWeightingRequest, validateWeightingRequest, weightingRequestSchema, weightingMethods } from './request.js';
export type { WeightingRequest, WeightingMargin, WeightingMethod } from './request.js';
export {
  applyWeighting,
  applyWeightingToReplicates,
  baseWeightsOf,
  DEFAULT_EPSILON,
  DEFAULT_MAX_ITERATIONS,
  DEFAULT_CALIBRATION_EPSILON,
  DEFAULT_CALIBRATION_MAX_ITERATIONS,
} from './apply.js';
export type { WeightingResult, WeightingOptions } from './apply.js';
export type {
  WeightingDiagnostics,
  WeightSummary,
  MarginDiagnostic,
  MarginCellDiagnostic,
  TotalDiagnostic,
} from './diagnostics.js';
export { formatDiagnostics, summarizeWeights } from './diagnostics.js';
export { WeightingError } from './errors.js';
export { trimWeights } from './trim.js';
