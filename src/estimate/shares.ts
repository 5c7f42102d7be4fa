/**
 * Entry points for the report engine, which asks many small questions of one design: the shares
 * of every category of a variable in disjoint domains, and a mean over a set of rows. They take
 * the category numbers and the domain of each row directly, so nothing is attached to the
 * design's data and no variable is re-read or re-categorised per call; the numbers come from the
 * same one-pass estimators as svyProportions / svyMean with `by` and `subset`:
 * R svyby(~factor(y), ~domain, subset(design, …), svymean, na.rm = TRUE) and
 * svymean(~y, subset(design, rows), na.rm = TRUE), Wald intervals at 95%.
 */

import type { Design } from '../design/design.js';
import { estimateSmooth, estimateSmoothByRow, meanStatistic, multiMeanStatistic, proportionsStatistic } from './domain-estimates.js';
import { type Estimate, ciOptions, toEstimates } from './estimators.js';
import { rowsByDomain } from './variables.js';

/**
 * Shares of categories 0 … K−1 in domains 0 … D−1 in one pass: `category[i]` is row i's category
 * (−1: not valid, left out as na.rm = TRUE) and `ofRow[i]` its domain (−1: in none). Every domain
 * keeps the full design for the variance. result[d][k] is the share of category k in domain d.
 */
export function categorySharesByDomain(design: Design, category: Int32Array, K: number, ofRow: Int32Array, nDomains: number): Estimate[][] {
  const stat = proportionsStatistic(category, K);
  let rows: Int32Array[] | null = null;
  const rowsOf = (): Int32Array[] => (rows ??= rowsByDomain(ofRow, nDomains));
  const results = estimateSmoothByRow(design, stat, ofRow, nDomains) ?? estimateSmooth(design, stat, rowsOf());
  const levels = Array.from({ length: K }, (_, k) => k);
  const domains = Array.from({ length: nDomains }, () => ({ by: {}, levels: [] }));
  const flat = toEstimates('proportion', 'category', levels, domains, results, ciOptions({}, true), () => rowsOf().map((r) => r.length));
  return domains.map((_, d) => flat.slice(d * K, (d + 1) * K));
}

/**
 * Shares of categories 0 … K−1 in each list of rows (ascending; the lists may overlap, e.g. a
 * total and its subgroups): R svymean(~factor(y), subset(design, rows)) for every list.
 */
export function categorySharesInRows(design: Design, category: Int32Array, K: number, domainRows: readonly Int32Array[]): Estimate[][] {
  const results = estimateSmooth(design, proportionsStatistic(category, K), domainRows);
  const levels = Array.from({ length: K }, (_, k) => k);
  const domains = domainRows.map(() => ({ by: {}, levels: [] }));
  const flat = toEstimates('proportion', 'category', levels, domains, results, ciOptions({}, true), () => domainRows.map((r) => r.length));
  return domains.map((_, d) => flat.slice(d * K, (d + 1) * K));
}

/**
 * Shares of several 0/1 indicators (NaN: not valid) in domains 0 … D−1, over the rows valid on
 * every indicator: R svyby(~i1 + i2 + …, ~domain, design, svymean, na.rm = TRUE).
 */
export function indicatorSharesByDomain(design: Design, indicators: readonly Float64Array[], ofRow: Int32Array, nDomains: number): Estimate[][] {
  const K = indicators.length;
  const stat = multiMeanStatistic(indicators);
  const rows = rowsByDomain(ofRow, nDomains);
  const results = estimateSmoothByRow(design, stat, ofRow, nDomains) ?? estimateSmooth(design, stat, rows);
  const domains = Array.from({ length: nDomains }, () => ({ by: {}, levels: [] }));
  const flat = toEstimates('multiple', 'indicators', indicators.map((_, k) => k), domains, results, ciOptions({}, true), () => rows.map((r) => r.length));
  return domains.map((_, d) => flat.slice(d * K, (d + 1) * K));
}

/** Mean of `y` over `rows` (ascending row numbers) where y is not NaN; the full design is kept. */
export function meanOverRows(design: Design, y: Float64Array, rows: Int32Array): Estimate {
  const results = estimateSmooth(design, meanStatistic(y), [rows]);
  return toEstimates('mean', 'y', [null], [{ by: {}, levels: [] }], results, ciOptions({}, false), () => [rows.length])[0];
}
