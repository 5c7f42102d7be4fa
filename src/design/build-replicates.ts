/**
 * Replicate weights built from a linearization design, as R's `as.svrepdesign`.
 */

import { InvalidInputError } from '../errors.js';
import type { Design, ReplicateWeights } from './design.js';
import type { ReplicateSpec } from './spec.js';

export function buildReplicates(_design: Design, spec: ReplicateSpec): ReplicateWeights {
  throw new InvalidInputError(
    `building "${spec.type}" replicate weights from the design is not available yet; give the replicate weight columns`,
    { field: 'design.replicates.columns' },
  );
}
