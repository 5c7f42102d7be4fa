/**
 * Estimators that are smooth functions of weighted totals — total, mean, ratio, proportions,
 * multiple response — evaluated for every domain in one pass over the data.
 *
 * Which path computes a domain (each gives the same numbers; R fixtures check them, those of
 * test/fixtures/estimate/fast-paths.R at sizes that take each path, counted in variance-paths.ts):
 *   - unit-sums.ts: linearization from per-unit sums (no calibration, or one post-stratification);
 *     proportions by several domains in one pass over the rows;
 *   - delete-one.ts: JK1 replicate weights;
 *   - influence-rows.ts: everything else (calibration, other replicates, `keep`).
 *
 * A statistic is θ = g(T) with T_j = Σ_i w_i c_j(i) over the rows of a domain that have valid
 * values. Its linearization (influence) value for row i is w_i Σ_j ∂g/∂T_j c_j(i) (Woodruff
 * 1971; Binder 1983), which is what R survey's svymean/svytotal/svyratio pass to svyrecvar; for
 * replicate designs θ is recomputed with every replicate weight and the variance is R's svrVar.
 * Rows outside the domain keep the full design: they add no unit to a stratum, but strata keep
 * their sample sizes (as R's subset of a survey.design2), so no SE is understated.
 */

import type { Design } from '../design/design.js';
import { VarianceWorkspace, deepestVarianceStage } from '../design/linearization.js';
import { postStratificationSums } from '../design/poststratified-variance.js';
import { deleteOneStructure } from '../design/replicates.js';
import { estimateDomainDeleteOne } from './delete-one.js';
import type { DomainEstimate } from './domain-estimate.js';
import { estimateDomain } from './influence-rows.js';
import type { SmoothStatistic } from './statistics.js';
import { UnitScratch, estimateDomainByUnits } from './unit-sums.js';
import { variancePathCounts } from './variance-paths.js';

export type { DomainEstimate } from './domain-estimate.js';
export { estimateSmoothByRow } from './unit-sums.js';
export * from './statistics.js';


/** Evaluates a smooth statistic in each domain; `domainRows[d]` are the rows of domain d. */
export function estimateSmooth(design: Design, stat: SmoothStatistic, domainRows: readonly Int32Array[], keep = false): DomainEstimate[] {
  const ws = design.replicates === null ? new VarianceWorkspace(design, stat.p) : null;
  const deepest = design.stages[deepestVarianceStage(design)];
  const fast = ws !== null && !keep && deepest.nUnits * stat.m <= 2e7;
  if (fast && design.calibration.length === 0) {
    const scratch = new UnitScratch(deepest.nUnits, stat.m);
    return domainRows.map((rows) => estimateDomainByUnits(design, stat, rows, ws, scratch, null));
  }
  const ps = fast ? postStratificationSums(design) : null;
  if (ps !== null) {
    const scratch = new UnitScratch(deepest.nUnits, stat.m);
    return domainRows.map((rows) => estimateDomainByUnits(design, stat, rows, ws!, scratch, ps));
  }
  const del = design.replicates !== null && !keep ? deleteOneStructure(design.replicates.weights) : null;
  if (del !== null) {
    variancePathCounts.deleteOne += domainRows.length;
    return domainRows.map((rows) => estimateDomainDeleteOne(design, stat, rows, del));
  }
  variancePathCounts.influenceRows += domainRows.length;
  return domainRows.map((rows) => estimateDomain(design, stat, rows, ws, keep));
}
