/** The result of a statistic in one domain, before confidence intervals, and helpers all paths share. */

/** Estimates of one domain with their covariance, before confidence intervals. */
export interface DomainEstimate {
  /** False when the domain has no row with a valid value. */
  readonly estimable: boolean;
  readonly estimate: Float64Array;
  /** p×p covariance, row-major. */
  readonly covariance: Float64Array;
  /** Design effect per estimate, as R's deff = TRUE (NaN when not defined). */
  readonly deff: Float64Array;
  /** Unweighted number of rows with valid values. */
  readonly n: number;
  /** Sum of weights of those rows. */
  readonly weightedN: number;
  /** Kish's design effect of the weights: n Σw² / (Σw)². */
  readonly kishDeff: number;
  /** Design degrees of freedom of the domain (R degf of the subset design). */
  readonly df: number;
  /** Number of rows of the domain design as R counts nrow(design) (for svyciprop "beta"). */
  readonly designRows: number;
  /** Rows with valid values and their influence values per unit weight (u = z / w, p per row), for joint variances (contrasts, tests). */
  readonly influence?: { readonly rows: Int32Array; readonly u: Float64Array };
  /** Replicate estimates (R × p) for replicate designs. */
  readonly replicateEstimates?: Float64Array;
  /**
   * Replicate designs: variance of logit(θ) from the replicates (what R's svyciprop "logit" uses:
   * svyglm on a replicate design refits the intercept, logit(θ_r), in every replicate).
   */
  readonly logitVariance?: Float64Array;
}

export function notEstimable(p: number, df: number, designRows: number): DomainEstimate {
  return {
    estimable: false,
    estimate: new Float64Array(p).fill(NaN),
    covariance: new Float64Array(p * p).fill(NaN),
    deff: new Float64Array(p).fill(NaN),
    n: 0,
    weightedN: 0,
    kishDeff: NaN,
    df,
    designRows,
  };
}


/**
 * Design effect as R's svymean/svytotal with deff = TRUE: the design variance divided by the
 * variance under simple random sampling without replacement of n from N̂,
 * svyvar(u)·N̂²·(N̂ − n)/(N̂·n), where svyvar(u) = Σw(u − ū)²/Σw · n/(n − 1) and
 * `weightedSs` = Σw(u − ū)². NaN when N̂ < n: no such sampling-without-replacement variance exists.
 */
export function srsDeff(variance: number, weightedSs: number, sw: number, count: number): number {
  // svyvar·N̂²·(N̂ − n)/(N̂·n) simplifies to Σw(u − ū)²·(N̂ − n)/(n − 1), which does not overflow
  const vsrs = sw < count ? NaN : (weightedSs * (sw - count)) / (count - 1);
  return variance / vsrs;
}
