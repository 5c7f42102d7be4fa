/**
 * The estimators of the library API: each takes a design and returns one row per
 * (domain × level) with estimate, SE, CI, deff, df, n and weighted N.
 * Domains (`by`) are computed in one pass (see ./domain-estimates.ts); `subset` keeps the full design.
 */

import type { Design } from '../design/design.js';
import { InvalidInputError } from '../errors.js';
import { type CiMethod, type CiOptions, PROPORTION_ONLY, confidenceInterval } from './ci.js';
import { svyglmLogitInterval } from './logit-ci.js';
import {
  type DomainEstimate,
  type SmoothStatistic,
  estimateSmooth,
  estimateSmoothByRow,
  meanStatistic,
  multiMeanStatistic,
  proportionsStatistic,
  ratioStatistic,
  totalStatistic,
} from './domain-estimates.js';
import { type Domain, type SubsetSpec, buildDomains, categories, numericValues, rowsByDomain, subsetMask } from './variables.js';

export interface EstimateOptions {
  /** Domain variables: one row of results per combination of their categories. */
  readonly by?: readonly string[];
  /** Subpopulation; the full design is kept for the variance (R subset()). */
  readonly subset?: SubsetSpec | null;
  /** Confidence interval: level (default 0.95) and method (default "wald"). */
  readonly ci?: Partial<CiOptions>;
  /** Field path used in error messages (e.g. `estimates[2]`). */
  readonly field?: string;
}

/** One estimate. Numbers that cannot be computed are null, never NaN. */
export interface Estimate {
  readonly statistic: string;
  readonly variable: string;
  /** Category label (or code without a label) for proportions, the probability for quantiles, the indicator for multiple response; null otherwise. */
  readonly level: string | number | null;
  /** By-variable → category of the domain; {} without `by`. */
  readonly by: Readonly<Record<string, string | number>>;
  readonly estimate: number | null;
  readonly se: number | null;
  readonly ci: readonly [number, number] | null;
  /** Design effect as R deff = TRUE. */
  readonly deff: number | null;
  /** Kish's design effect of the weights in the domain. */
  readonly kishDeff: number | null;
  /** Design degrees of freedom used for the CI. */
  readonly df: number;
  /** Unweighted number of rows with a valid value. */
  readonly n: number;
  readonly weightedN: number;
  /** False when the estimate cannot be computed (empty domain, no valid values, zero denominator). */
  readonly estimable: boolean;
  /** Why the estimate is not estimable, in words a researcher understands; absent when it is. */
  readonly reason?: string;
}

export interface PreparedDomains {
  readonly domains: readonly Domain[];
  readonly rows: Int32Array[];
  readonly ofRow: Int32Array;
}

export function prepareDomains(design: Design, opts: EstimateOptions): PreparedDomains {
  const { domains, ofRow } = domainsOf(design, opts);
  return { domains, rows: rowsByDomain(ofRow, domains.length), ofRow };
}

function domainsOf(design: Design, opts: EstimateOptions): { domains: readonly Domain[]; ofRow: Int32Array } {
  const field = opts.field ?? 'estimate';
  const subset = opts.subset ? subsetMask(design.data, opts.subset, `${field}.subset`) : null;
  return buildDomains(design.data, opts.by ?? [], subset, `${field}.by`);
}

export function ciOptions(opts: EstimateOptions, proportion: boolean): CiOptions {
  const field = `${opts.field ?? 'estimate'}.ci`;
  const level = opts.ci?.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new InvalidInputError('confidence level must be between 0 and 1', { field: `${field}.level` });
  const method: CiMethod = opts.ci?.method ?? 'wald';
  if (!proportion && PROPORTION_ONLY.includes(method)) {
    throw new InvalidInputError(`CI method "${method}" is only for proportions`, { field: `${field}.method` });
  }
  return { level, method };
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Why a domain's estimate is not estimable (`rows`: the number of rows in the domain). */
function notEstimableReason(variable: string, res: DomainEstimate, rows: number): string {
  if (rows === 0) return 'the domain has no rows';
  if (res.n === 0) return `"${variable}" has no valid value in this domain`;
  if (!(res.weightedN !== 0)) return 'the weights of the rows with a valid value sum to zero';
  return 'the estimate or its variance is not a finite number (a zero denominator, or weights or values too large to compute with)';
}

/**
 * Turns domain estimates into result rows. A statistic without levels (the categories of a
 * variable with no valid value at all) still gives one row per domain, marked not estimable.
 * `domainSizes` gives each domain's number of rows (for the reason of a not-estimable row).
 */
export function toEstimates(
  statistic: string,
  variable: string,
  levels: readonly (string | number | null)[],
  domains: readonly Domain[],
  results: readonly DomainEstimate[],
  ci: CiOptions,
  domainSizes: () => ArrayLike<number> = () => domains.map(() => 1),
): Estimate[] {
  const out: Estimate[] = [];
  let sizes: ArrayLike<number> | null = null;
  const reasonFor = (res: DomainEstimate, d: number): string => notEstimableReason(variable, res, (sizes ??= domainSizes())[d]);
  results.forEach((res, d) => {
    const p = levels.length;
    if (p === 0) {
      out.push({
        statistic,
        variable,
        level: null,
        by: domains[d].by,
        estimate: null,
        se: null,
        ci: null,
        deff: null,
        kishDeff: null,
        df: res.df,
        n: 0,
        weightedN: 0,
        estimable: false,
        reason: (sizes ??= domainSizes())[d] === 0 ? 'the domain has no rows' : `"${variable}" has no valid value (it has no categories)`,
      });
      return;
    }
    for (let k = 0; k < p; k++) {
      const est = res.estimate[k];
      const v = res.covariance[k * p + k];
      const se = Math.sqrt(v);
      const ok = res.estimable && Number.isFinite(est) && Number.isFinite(se);
      let interval: [number, number] | null = null;
      if (ok) {
        const logitSe = res.logitVariance === undefined ? undefined : Math.sqrt(res.logitVariance[k]);
        const [lo, hi] = confidenceInterval(est, se, res.df, ci, res.designRows, logitSe);
        interval = Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
      }
      out.push({
        statistic,
        variable,
        level: levels[k],
        by: domains[d].by,
        estimate: ok ? est : null,
        se: ok ? se : null,
        ci: interval,
        deff: ok ? finite(res.deff[k]) : null,
        kishDeff: finite(res.kishDeff),
        df: res.df,
        n: res.n,
        weightedN: res.weightedN,
        estimable: ok,
        ...(ok ? {} : { reason: reasonFor(res, d) }),
      });
    }
  });
  return out;
}

/** Which smooth statistic, as in an estimate request (quantiles are not smooth). */
export interface StatisticSpec {
  readonly statistic: 'mean' | 'total' | 'proportion' | 'ratio' | 'any' | 'multiple';
  readonly variable?: string;
  readonly variables?: readonly string[];
  readonly numerator?: string;
  readonly denominator?: string;
}

/** The smooth statistic of a spec with the names of its estimates (levels). */
export function buildStatistic(design: Design, spec: StatisticSpec, field: string): { stat: SmoothStatistic; levels: (string | number | null)[]; variable: string } {
  const need = (v: string | undefined, f: string): string => {
    if (v === undefined) throw new InvalidInputError('expected a variable name', { field: `${field}.${f}` });
    return v;
  };
  switch (spec.statistic) {
    case 'mean':
    case 'total': {
      const v = need(spec.variable, 'variable');
      const y = readValues(design, v, `${field}.variable`);
      return { stat: spec.statistic === 'mean' ? meanStatistic(y) : totalStatistic(y), levels: [null], variable: v };
    }
    case 'ratio': {
      const a = need(spec.numerator, 'numerator');
      const b = need(spec.denominator, 'denominator');
      return {
        stat: ratioStatistic(readValues(design, a, `${field}.numerator`), readValues(design, b, `${field}.denominator`)),
        levels: [null],
        variable: `${a}/${b}`,
      };
    }
    case 'proportion': {
      const v = need(spec.variable, 'variable');
      const { levels, index } = categories(design.data, v, `${field}.variable`);
      return { stat: proportionsStatistic(index, levels.length), levels: levels.map((l) => l.value), variable: v };
    }
    case 'any':
    case 'multiple': {
      const vars = spec.variables ?? [];
      if (vars.length === 0) throw new InvalidInputError('needs at least one variable', { field: `${field}.variables` });
      const ys = vars.map((v, j) => indicator(readValues(design, v, `${field}.variables[${j}]`)));
      if (spec.statistic === 'multiple') return { stat: multiMeanStatistic(ys), levels: [...vars], variable: vars.join('+') };
      return { stat: meanStatistic(anyOf(ys)), levels: [null], variable: vars.join('+') };
    }
  }
}

interface Run {
  readonly domains: readonly Domain[];
  readonly results: DomainEstimate[];
  readonly rows: () => Int32Array[];
  /** Number of rows per domain. */
  readonly sizes: () => Int32Array;
}

function run(design: Design, stat: SmoothStatistic, opts: EstimateOptions): Run {
  const { domains, ofRow } = domainsOf(design, opts);
  // Row lists per domain only when needed (the one-pass path works from ofRow).
  let rows: Int32Array[] | null = null;
  const rowsOf = (): Int32Array[] => (rows ??= rowsByDomain(ofRow, domains.length));
  const results = estimateSmoothByRow(design, stat, ofRow, domains.length) ?? estimateSmooth(design, stat, rowsOf());
  const sizes = (): Int32Array => {
    const count = new Int32Array(domains.length);
    for (let i = 0; i < ofRow.length; i++) if (ofRow[i] >= 0) count[ofRow[i]]++;
    return count;
  };
  return { domains, results, rows: rowsOf, sizes };
}

/**
 * R's svyciprop "logit" interval comes from an iteratively fitted svyglm (with replicate refits
 * for replicate designs); it is recomputed that way (./logit-ci.ts) so it equals R's, not only
 * the closed form.
 */
function withSvyglmLogit(
  design: Design,
  out: Estimate[],
  ci: CiOptions,
  rows: () => readonly Int32Array[],
  results: readonly DomainEstimate[],
  indicator: (level: number) => Float64Array,
  levels: number,
): Estimate[] {
  if (ci.method !== 'logit') return out;
  const ys = Array.from({ length: levels }, (_, k) => indicator(k));
  return out.map((e, j) => {
    if (!e.estimable || e.estimate === 0 || e.estimate === 1) return e;
    const d = Math.floor(j / levels);
    const k = j % levels;
    const interval = svyglmLogitInterval(design, ys[k], rows()[d], results[d].df, ci.level);
    return { ...e, ci: interval };
  });
}

/** Weighted mean of a numeric variable (R svymean(~y, design, na.rm = TRUE, deff = TRUE)). */
export function svyMean(design: Design, variable: string, opts: EstimateOptions = {}): Estimate[] {
  const y = readValues(design, variable, `${opts.field ?? 'estimate'}.variable`);
  const { domains, results, sizes } = run(design, meanStatistic(y), opts);
  return toEstimates('mean', variable, [null], domains, results, ciOptions(opts, false), sizes);
}

/** Weighted total (R svytotal). */
export function svyTotal(design: Design, variable: string, opts: EstimateOptions = {}): Estimate[] {
  const y = readValues(design, variable, `${opts.field ?? 'estimate'}.variable`);
  const { domains, results, sizes } = run(design, totalStatistic(y), opts);
  return toEstimates('total', variable, [null], domains, results, ciOptions(opts, false), sizes);
}

/** Ratio of two totals (R svyratio). */
export function svyRatio(design: Design, numerator: string, denominator: string, opts: EstimateOptions = {}): Estimate[] {
  const f = opts.field ?? 'estimate';
  const y = readValues(design, numerator, `${f}.numerator`);
  const x = readValues(design, denominator, `${f}.denominator`);
  const { domains, results, sizes } = run(design, ratioStatistic(y, x), opts);
  return toEstimates('ratio', `${numerator}/${denominator}`, [null], domains, results, ciOptions(opts, false), sizes);
}

/** Proportion of every category of a variable (R svymean of a factor; CIs as svyciprop). */
export function svyProportions(design: Design, variable: string, opts: EstimateOptions = {}): Estimate[] {
  const { levels, index } = categories(design.data, variable, `${opts.field ?? 'estimate'}.variable`);
  const { domains, results, rows, sizes } = run(design, proportionsStatistic(index, levels.length), opts);
  const ci = ciOptions(opts, true);
  const out = toEstimates('proportion', variable, levels.map((l) => l.value), domains, results, ci, sizes);
  const indicatorOf = (k: number): Float64Array => Float64Array.from(index, (c) => (c < 0 ? NaN : c === k ? 1 : 0));
  return withSvyglmLogit(design, out, ci, rows, results, indicatorOf, levels.length);
}

/** Values of a variable, read only: the column itself (no copy) when it has no user-missing values. */
function readValues(design: Design, name: string, field: string): Float64Array {
  const col = design.data.column(name, field);
  if (col.type !== 'string' && col.missing.values.length === 0 && col.missing.range === null) return design.data.numbers(name, field);
  return numericValues(design.data, name, field);
}

/** 0/1 indicator: 1 when the value is not 0, NaN when missing. */
function indicator(v: Float64Array): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Number.isNaN(v[i]) ? NaN : v[i] !== 0 ? 1 : 0;
  return out;
}

/**
 * Share of each indicator of a multiple-response set (values ≠ 0 count as chosen), over the rows
 * valid on every indicator (R svymean(~m1+m2+m3, na.rm = TRUE)).
 */
export function svyMultipleResponse(design: Design, variables: readonly string[], opts: EstimateOptions = {}): Estimate[] {
  const f = opts.field ?? 'estimate';
  if (variables.length === 0) throw new InvalidInputError('needs at least one variable', { field: `${f}.variables` });
  const ys = variables.map((v, j) => indicator(readValues(design, v, `${f}.variables[${j}]`)));
  const { domains, results, sizes } = run(design, multiMeanStatistic(ys), opts);
  return toEstimates('multiple', variables.join('+'), variables, domains, results, ciOptions(opts, true), sizes);
}

/**
 * Share with at least one of a set of 0/1 indicators. A row with a chosen indicator counts as 1
 * even when others are missing; without any chosen and with a missing one it is missing
 * (R's logical OR: svymean(~I(m1 == 1 | m2 == 1), na.rm = TRUE)).
 */
export function svyAny(design: Design, variables: readonly string[], opts: EstimateOptions = {}): Estimate[] {
  const f = opts.field ?? 'estimate';
  if (variables.length === 0) throw new InvalidInputError('needs at least one variable', { field: `${f}.variables` });
  const ys = variables.map((v, j) => indicator(readValues(design, v, `${f}.variables[${j}]`)));
  const any = anyOf(ys);
  const { domains, results, rows, sizes } = run(design, meanStatistic(any), opts);
  const ci = ciOptions(opts, true);
  const out = toEstimates('any', variables.join('+'), [null], domains, results, ci, sizes);
  return withSvyglmLogit(design, out, ci, rows, results, () => any, 1);
}

/** 1 when some indicator is 1; missing when none is 1 and one is missing (R's logical OR). */
function anyOf(ys: readonly Float64Array[]): Float64Array {
  const n = ys[0].length;
  const any = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let hit = false;
    let miss = false;
    for (const y of ys) {
      if (Number.isNaN(y[i])) miss = true;
      else if (y[i] === 1) hit = true;
    }
    any[i] = hit ? 1 : miss ? NaN : 0;
  }
  return any;
}
