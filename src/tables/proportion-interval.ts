/**
 * The confidence interval printed for a share (XLSX Details, tables.json): the logit interval
 * expit(logit(p) ± t(df)·SE/(p(1−p))) at 95%, which stays inside 0–1 where the Wald interval
 * p ± t(df)·SE of a small share falls below 0. It is R survey's svyciprop(method = "xlogit")
 * exactly (svycontrast's delta method for logit(p), df = degf(domain design)) and agrees with
 * svyciprop(method = "logit") (a quasibinomial svyglm) up to glm's stopping rule
 * (test/report/details-ci.test.ts). A share of exactly 0 or 1 has SE 0 and no interval.
 *
 * `wilson` (the spec's `interval: wilson`): Wilson's score interval (Wilson 1927) with the
 * effective sample size n* = p(1−p)/SE² and the t(df) quantile in place of z (a Kish-type design
 * adjustment; not in R survey): the p0 with |p − p0| = t·√(p0(1−p0)/n*), also inside 0–1.
 */
import { confidenceInterval } from '../estimate/index.js';
import type { Estimate } from './estimator.js';

/** The level of every interval in the tables (R's confint and svyciprop default). */
export const CI_LEVEL = 0.95;

export type ShareInterval = 'logit' | 'wilson';

/** Interval of a share estimated as `e` (estimate 0–1, SE, design df), or null. */
export function proportionInterval(e: Pick<Estimate, 'estimate' | 'se' | 'df'>, method: ShareInterval = 'logit'): readonly [number, number] | null {
  const { estimate: p, se, df } = e;
  if (!(p > 0 && p < 1) || !(se > 0) || !(df > 0)) return null;
  const [lo, hi] = confidenceInterval(p, se, df, { level: CI_LEVEL, method: method === 'wilson' ? 'wilson' : 'xlogit' }, 0);
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}
