/**
 * Confidence intervals.
 *
 * - `wald`: θ ± t(df)·SE. R's confint of a svystat uses the normal distribution unless df is
 *   given; spiegel always uses the design degrees of freedom (R: confint(est, df = degf(design))),
 *   which is also what svyciprop(method = "mean") does. `normal`: θ ± z·SE, R's confint default.
 * - proportions, as R survey 4.1 `svyciprop` (df = degf(design)):
 *   `logit` and `xlogit`: expit(logit(p) ± t(df)·SE/(p(1−p))) — svyciprop's "logit" fits
 *   svyglm(quasibinomial) whose intercept is logit(p) with exactly this SE, "xlogit" is the same
 *   by svycontrast (delta method); `asin`: sin²(asin√p ± t(df)·SE/(2√(p(1−p))));
 *   `beta` (Korn & Graubard 1998): effective n = p(1−p)/SE² × (t(n−1)/t(df))², interval from
 *   beta quantiles; `mean` = `wald`.
 *   For replicate designs "logit" uses the replicate variance of logit(θ_r), as R (svyglm refits each replicate).
 *   `wilson` (not in R survey): Wilson's score interval with the effective sample size
 *   n* = p(1−p)/SE² and the t(df) quantile in place of z (Kish-type design adjustment).
 */

import { betaQuantile, normalCdf, normalQuantile, studentCdf, studentQuantile } from './distributions.js';

export type CiMethod = 'wald' | 'normal' | 'mean' | 'logit' | 'xlogit' | 'asin' | 'beta' | 'wilson';
export const CI_METHODS: readonly CiMethod[] = ['wald', 'normal', 'mean', 'logit', 'xlogit', 'asin', 'beta', 'wilson'];
export const PROPORTION_ONLY: readonly CiMethod[] = ['logit', 'xlogit', 'asin', 'beta', 'wilson'];

export interface CiOptions {
  readonly level: number;
  readonly method: CiMethod;
}

/** Quantile of t(df) (normal for df = ∞); NaN when df ≤ 0. */
export function tQuantile(p: number, df: number): number {
  if (df === Infinity) return normalQuantile(p);
  if (!(df > 0)) return NaN;
  return studentQuantile(p, df);
}

/** Two-sided p-value of a t statistic. */
export function tPValue(stat: number, df: number): number {
  if (df === Infinity) return 2 * normalCdf(-Math.abs(stat));
  if (!(df > 0)) return NaN;
  return 2 * studentCdf(-Math.abs(stat), df);
}

/**
 * Interval for an estimate with its SE. `nrowDesign` is R's nrow(design) for the beta method.
 * Returns [NaN, NaN] when not defined.
 */
export function confidenceInterval(est: number, se: number, df: number, opts: CiOptions, nrowDesign: number, logitSe?: number): [number, number] {
  const alpha = 1 - opts.level;
  const q = tQuantile(1 - alpha / 2, df);
  switch (opts.method) {
    case 'wald':
    case 'mean':
      return [est - q * se, est + q * se];
    case 'normal': {
      // R's confint(svymean(...)) default (df = Inf)
      const z = normalQuantile(1 - alpha / 2);
      return [est - z * se, est + z * se];
    }
    case 'logit':
    case 'xlogit': {
      const l = Math.log(est / (1 - est));
      const s = opts.method === 'logit' && logitSe !== undefined ? logitSe : se / (est * (1 - est));
      return [expit(l - q * s), expit(l + q * s)];
    }
    case 'asin': {
      const a = Math.asin(Math.sqrt(est));
      const s = se / (2 * Math.sqrt(est * (1 - est)));
      return [Math.sin(a - q * s) ** 2, Math.sin(a + q * s) ** 2];
    }
    case 'beta': {
      let neff = (est * (1 - est)) / (se * se);
      const ratio = tQuantile(alpha / 2, nrowDesign - 1) / tQuantile(alpha / 2, df);
      neff *= ratio * ratio;
      return [betaQuantile(alpha / 2, neff * est, neff * (1 - est) + 1), betaQuantile(1 - alpha / 2, neff * est + 1, neff * (1 - est))];
    }
    case 'wilson': {
      const n = (est * (1 - est)) / (se * se);
      const q2 = q * q;
      const centre = (est + q2 / (2 * n)) / (1 + q2 / n);
      const half = (q / (1 + q2 / n)) * Math.sqrt((est * (1 - est)) / n + q2 / (4 * n * n));
      return [centre - half, centre + half];
    }
  }
}

function expit(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
