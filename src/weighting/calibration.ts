/**
 * What weighting leaves behind for variance estimation.
 *
 * Post-stratification, raking and calibration change the weights *and* the variance: the
 * influence functions of every estimator are replaced by residuals from the weighting model
 * before they enter the linearization variance (Särndal, Swensson & Wretman 1992, §6.5–6.7;
 * Lumley 2010, ch. 7). R `survey` keeps this information in `design$postStrata`, and
 * `svyrecvar` uses it as follows (survey 4.1):
 *
 * - post-stratification (`postStratify`): with `psw` the weights after and `oldw` the weights
 *   before the step,  x ← x − psw · (Σ_cell x·oldw/psw) / (Σ_cell oldw)   per post-stratum;
 * - raking (`rake`): the post-stratification steps of the last raking sweep, one per margin,
 *   each with the weights after that step; svyrecvar sweeps 10 times over the margins:
 *   x ← x − psw · ave_cell(x / psw);
 * - calibration (`calibrate`, stage 0): with X the model matrix, w0 the weights before and
 *   g the g-weights,  x ← qr.resid(qr(X·√w0), x / (g·√w0)) · g·√w0.
 *
 * The weighting stage (this folder) produces these records; the design (src/design) applies
 * them, in order, to influence functions before computing the linearization variance.
 * All arrays have one entry per row of the full design (not of a subset).
 */

export interface PostStratificationStep {
  readonly kind: 'poststratify';
  /** Post-stratum (cell) number of each row, 0-based. */
  readonly cell: Int32Array;
  /** Weights after the step (R: attr(index, "weights")). */
  readonly weights: Float64Array;
  /** Weights before the step (R: attr(index, "oldweights")). */
  readonly oldWeights: Float64Array;
}

export interface RakingStep {
  readonly kind: 'raking';
  /** One entry per margin, from the last sweep of iterative proportional fitting. */
  readonly margins: readonly {
    /** Category number of each row on this margin, 0-based. */
    readonly cell: Int32Array;
    /** Weights after post-stratifying to this margin in the last sweep. */
    readonly weights: Float64Array;
  }[];
}

export interface GregCalibrationStep {
  readonly kind: 'greg';
  /** Columns of the calibration model matrix X (R: model.matrix of the calibration formula). */
  readonly modelMatrix: readonly Float64Array[];
  /** Weights before calibration (R: `ww` in calibrate.survey.design2). */
  readonly baseWeights: Float64Array;
  /** g-weights: final weight / base weight. */
  readonly g: Float64Array;
}

export type CalibrationStep = PostStratificationStep | RakingStep | GregCalibrationStep;
