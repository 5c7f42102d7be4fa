/**
 * How many domains each variance path has computed since the process started: a probe for the
 * tests that check every fast path against R at sizes that take it (test/estimate/fast-paths.test.ts),
 * so they can prove which path ran. Counting costs one increment per domain.
 */
export interface VariancePathCounts {
  /** Proportions for all domains in one pass over the rows (unit-sums.ts estimateSmoothByRow). */
  rowPass: number;
  /** Linearization from per-unit sums, no calibration (estimateDomainByUnits). */
  unitSums: number;
  /** One post-stratification step, centred per-stratum form (poststratified-variance.ts). */
  postStratifiedCentred: number;
  /** The centred form cancelled too much, so unit totals were summed instead. */
  postStratifiedCancelled: number;
  /** One post-stratification step, unit totals of the residuals (no centred form for this design). */
  postStratifiedUnits: number;
  /** Delete-one (JK1) replicate totals (delete-one.ts). */
  deleteOne: number;
  /** Influence values row by row (influence-rows.ts): other calibration, other replicates, `keep`. */
  influenceRows: number;
}

export const variancePathCounts: VariancePathCounts = {
  rowPass: 0,
  unitSums: 0,
  postStratifiedCentred: 0,
  postStratifiedCancelled: 0,
  postStratifiedUnits: 0,
  deleteOne: 0,
  influenceRows: 0,
};
