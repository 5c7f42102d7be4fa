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
 *   svyChisq(design, rows, cols, { statistic: 'F' | 'Chisq', subset })   Rao–Scott (R svychisq) → TestResult
 *   svyTtest(design, variable, group, { subset })   difference of the two group means (R svyttest)
 *   svyContrast(design, { statistic: 'mean', variable }, [{ by: {g: 'a'}, coefficient: 1 }, { by: {g: 'b'}, coefficient: -1 }],
 *               { by: ['g'], subset })            linear combination of domain estimates (R svycontrast of svyby covmat)
 *   waveDifference(previousEstimate, currentEstimate, level)   independent samples: SE² = SE₁² + SE₂², Welch df
 *   benjaminiHochberg(pValues)                 R p.adjust(p, "BH")
 *   runEstimateRequest(data, requestJson)     → { estimates: [...], tests: [...] } (issue 3 §6)
 *
 * TestResult: { id, kind, statistic, df: [d1, d2] (F) or [df], p, estimate?, se?, ci? }.
 * Request tests: {"kind": "chisq", "rows", "cols", "statistic": "F"|"Chisq"}, {"kind": "ttest",
 * "variable", "group"}, {"kind": "contrast", "statistic", "variable", "by", "coefficients":
 * [{"by": {...}, "level"?, "coefficient"}]}, each with an optional "subset".
 *
 * Design spec (src/design/spec.ts), every field optional: ids (one per stage), strata, weights,
 * fpc (per stage, population size or fraction), nest, lonelyPsu (fail|remove|adjust|average|
 * certainty), replicates {type: JK1|JKn|BRR|Fay|bootstrap|other, columns?, scale?, rscales?, mse?,
 * rho?, combinedWeights?, replicates?, seed?} — without columns the replicate weights are built
 * from the design as R's as.svrepdesign (bootstrap: seeded Rao–Wu, not R's RNG). The weighting
 * request of issue 4 goes in svyDesign's options ({ weighting }) or the request's design.weighting;
 * SEs then account for post-stratification / raking / calibration as R's svyrecvar.
 *
 * Every Estimate has: statistic, variable, level, by ({var: category}), estimate, se,
 * ci ([lo, hi]), deff (R deff = TRUE), kishDeff, df (R degf of the domain design), n
 * (unweighted valid rows), weightedN, estimable (false → numbers are null, never NaN).
 * Missing values (system and user-missing) are excluded as a domain (R na.rm = TRUE); subsets and
 * domains keep the full design for the variance (R subset / svyby).
 */
export * from './estimators.js';
export { svyQuantile } from './quantile.js';
export { categorySharesByDomain, categorySharesInRows, indicatorSharesByDomain, meanOverRows } from './shares.js';
export { type CiMethod, type CiOptions, CI_METHODS, confidenceInterval, tPValue, tQuantile } from './ci.js';
export { type Level, type SubsetSpec, type Domain, categories } from './variables.js';
export { type EstimateAnswer, type EstimateResponse, type EstimateRequestItem, runEstimateRequest } from './request.js';
export { type TestResult, type ChisqOptions, type TtestOptions, type ContrastTerm, type ContrastOptions, svyChisq, svyTtest, svyContrast, chisqUpper } from './tests.js';
export { type WaveEstimate, type DifferenceResult, waveDifference, benjaminiHochberg } from './compare.js';
export { svyDesign, designFromJson, parseDesignSpec, DesignError } from '../design/index.js';
export type { Design, DesignSpec } from '../design/index.js';
