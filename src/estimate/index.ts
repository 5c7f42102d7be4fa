/**
 * Estimation engine: design-based estimates, SEs, CIs and tests equal to R `survey` 4.1.
 *
 * Library API (the primary interface; `spiegel estimate` is a thin layer over it):
 *
 *   const design = svyDesign(data, { ids: ['dnum', 'snum'], strata: ['stype'], weights: 'pw',
 *                                    fpc: ['fpc1', 'fpc2'], nest: false, lonelyPsu: 'fail' },
 *                            { weighting: {...issue 4 weighting request...} });
 *   svyMean(design, 'api00', { by: ['stype'], subset: { variable: 'sch.wide', in: ['Yes'] },
 *                              ci: { level: 0.95, method: 'wald' } })          → Estimate[]
 *   svyTotal(design, variable, opts)                                            → Estimate[]
 *   svyProportions(design, variable, opts)   every category, ci methods wald|mean|logit|xlogit|asin|beta|wilson
 *   svyMultipleResponse(design, ['m1','m2'], opts)   share choosing each indicator (level = variable)
 *   svyAny(design, ['m1','m2'], opts)         share with at least one indicator
 *   svyRatio(design, numerator, denominator, opts)
 *   svyQuantile(design, variable, probs, opts)
 *   runEstimateRequest(data, requestJson)     → { estimates: [...], tests: [...] } (issue 3 §6)
 *
 * Every Estimate has: statistic, variable, level, by ({var: category}), estimate, se,
 * ci ([lo, hi]), deff (R deff = TRUE), kishDeff, df (R degf of the domain design), n
 * (unweighted valid rows), weightedN, estimable (false → numbers are null, never NaN).
 * Missing values (system and user-missing) are excluded as a domain (R na.rm = TRUE); subsets and
 * domains keep the full design for the variance (R subset / svyby).
 */
export * from './estimators.js';
export { svyQuantile } from './quantile.js';
export { type CiMethod, type CiOptions, CI_METHODS, confidenceInterval, tPValue, tQuantile } from './ci.js';
export { type Level, type SubsetSpec, type Domain, categories } from './variables.js';
export { type EstimateAnswer, type EstimateResponse, type EstimateRequestItem, runEstimateRequest } from './request.js';
export { type TestResult } from './tests.js';
export { svyDesign, designFromJson, parseDesignSpec, DesignError } from '../design/index.js';
export type { Design, DesignSpec } from '../design/index.js';
