/**
 * Survey designs: `svyDesign(data, spec)` builds the design object every estimator takes.
 *
 * - linearization designs (R svydesign): ids per stage, strata, weights, fpc, nest, lonely PSU;
 * - a `weighting` block (issue 4 §3): the design weights are post-stratified / raked /
 *   calibrated by src/weighting and the steps are kept so that SEs account for them, as R's
 *   postStratify / rake / calibrate do for svyrecvar;
 * - replicate designs (R svrepdesign from columns; as.svrepdesign from the design).
 */

import type { Dataset } from '../data/dataset.js';
import { InvalidInputError } from '../errors.js';
import { applyWeighting, applyWeightingToReplicates, parseWeightingRequest } from '../weighting/index.js';
import { type Design, linearizationDesign, withCalibration } from './design.js';
import { buildReplicates } from './build-replicates.js';
import { replicatesFromColumns } from './replicates.js';
import { type DesignSpec, parseDesignSpec } from './spec.js';

export type { CalibrationStep } from '../weighting/calibration.js';
export { DesignError } from './design.js';
export type { Design, Stage, ReplicateWeights } from './design.js';
export type { DesignSpec, LonelyPsu, ReplicateSpec, ReplicateType } from './spec.js';
export { parseDesignSpec } from './spec.js';
export { linearizationCovariance, degreesOfFreedom, VarianceWorkspace } from './linearization.js';
export { applyCalibrationSteps } from './calibration-variance.js';

export interface DesignOptions {
  /** Weighting request (JSON of issue 4 §3) applied to the design weights. */
  readonly weighting?: unknown;
}

/**
 * Builds a design from a spec (see ./spec.ts). Throws typed errors naming the field for
 * unknown variables, missing or non-positive weights, fpc below the sample size, clusters
 * not nested in strata.
 */
export function svyDesign(data: Dataset, spec: DesignSpec, options: DesignOptions = {}): Design {
  let design = linearizationDesign(data, spec);
  const rep = spec.replicates ?? null;
  if (rep !== null) {
    const replicates =
      rep.columns !== null && rep.columns !== undefined && rep.columns.length > 0
        ? replicatesFromColumns(design.data, rep, design.weights)
        : buildReplicates(design, rep);
    design = { ...design, replicates };
  }
  if (options.weighting !== undefined && options.weighting !== null) {
    const request = parseWeightingRequest(options.weighting, 'design.weighting');
    if (design.replicates !== null) {
      // Replicate designs: every replicate is reweighted to the same targets (R calibrate on a svyrep.design).
      const res = applyWeightingToReplicates(design.data, request, design.replicates.weights, { baseWeights: design.weights });
      design = { ...design, weights: res.weights, replicates: { ...design.replicates, weights: res.replicates } };
    } else {
      const res = applyWeighting(design.data, request, { baseWeights: design.weights });
      design = withCalibration(design, res.weights, res.steps);
    }
  }
  return design;
}

/** Builds a design from the `design` object of a JSON request (including `weighting`). */
export function designFromJson(data: Dataset, json: unknown): Design {
  const spec = parseDesignSpec(json);
  const weighting = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>).weighting : undefined;
  if (weighting !== undefined && weighting !== null && (typeof weighting !== 'object' || Array.isArray(weighting))) {
    throw new InvalidInputError('expected a weighting request object', { field: 'design.weighting' });
  }
  return svyDesign(data, spec, weighting === undefined ? {} : { weighting });
}
