/**
 * Design-based tests, as R survey 4.1:
 * - `svyChisq`: Rao–Scott tests of independence in a two-way table (svychisq.survey.design):
 *   "F" (second-order: X²/tr(Δ) ~ F(d₀, d₀·ν), d₀ = tr(Δ)²/tr(Δ²)) and "Chisq" (first-order:
 *   X²/mean(diag Δ) ~ χ²((r−1)(c−1)), the statistic reported is Pearson's X²), with X² from the
 *   weighted table scaled to the number of rows, Δ the design-effect matrix of the interaction
 *   contrasts and ν = #PSU − #strata (Rao & Scott 1984).
 * - `svyTtest`: difference between the means of the two groups, t = est/SE with
 *   df = degf − 1 of the rows used (R svyttest(y ~ group): the svyglm coefficient).
 * - `svyContrast`: a linear combination of domain estimates with the joint covariance
 *   (R svycontrast of svyby(..., covmat = TRUE)); t test with df = degf of the design.
 */

import type { Design } from '../design/design.js';
import { degreesOfFreedom } from '../design/linearization.js';
import { replicateDegf } from '../design/replicates.js';
import { InvalidInputError } from '../errors.js';
import { tPValue, tQuantile } from './ci.js';
import { betaCdf, normalCdf } from './distributions.js';
import { type StatisticSpec, buildStatistic } from './estimators.js';
import { jointCovariance } from './joint.js';
import { matrix, multiply, residuals, solve, trace, transpose } from './matrix.js';
import { estimateSmooth, meanStatistic, proportionsStatistic } from './domain-estimates.js';
import { type SubsetSpec, buildDomains, categories, numericValues, rowsByDomain, subsetMask } from './variables.js';

export interface TestResult {
  readonly id: string;
  readonly kind: 'chisq' | 'ttest' | 'contrast';
  /** F or Pearson X² (chisq), t (ttest, contrast); null when not defined. */
  readonly statistic: number | null;
  /** [numerator df, denominator df] for F; [df] for χ² and t. */
  readonly df: readonly number[];
  readonly p: number | null;
  /** ttest / contrast: the difference or contrast, its SE and CI. */
  readonly estimate?: number | null;
  readonly se?: number | null;
  readonly ci?: readonly [number, number] | null;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Rows of the design a test works on: the subset of an uncalibrated design, else all rows (with a mask). */
function scopeOf(design: Design, subset: SubsetSpec | null | undefined, field: string): { scope: Int32Array; inSubset: Uint8Array | null } {
  const mask = subset ? subsetMask(design.data, subset, `${field}.subset`) : null;
  if (mask === null || design.calibration.length > 0) {
    const all = new Int32Array(design.nrow);
    for (let i = 0; i < all.length; i++) all[i] = i;
    return { scope: all, inSubset: mask };
  }
  const rows: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i] === 1) rows.push(i);
  return { scope: Int32Array.from(rows), inSubset: mask };
}

/** Upper tail of F(d1, d2) via the incomplete beta function (accurate for small p). */
function fUpper(x: number, d1: number, d2: number): number {
  return betaCdf(d2 / (d2 + d1 * x), d2 / 2, d1 / 2);
}

/** Upper tail of χ²(k) for whole k, in closed form (accurate for small p). */
export function chisqUpper(x: number, k: number): number {
  if (!(x > 0)) return 1;
  const h = x / 2;
  if (k % 2 === 0) {
    let term = Math.exp(-h);
    let sum = term;
    for (let j = 1; j < k / 2; j++) {
      term *= h / j;
      sum += term;
    }
    return Math.min(1, sum);
  }
  let sum = 2 * normalCdf(-Math.sqrt(x));
  // e^{−x/2} Σ_{j=1}^{(k−1)/2} (x/2)^{j−1/2} / Γ(j + 1/2)
  let term = Math.exp(-h) * Math.sqrt(h) / (Math.sqrt(Math.PI) / 2);
  for (let j = 1; j <= (k - 1) / 2; j++) {
    sum += term;
    term *= h / (j + 0.5);
  }
  return Math.min(1, sum);
}

export interface ChisqOptions {
  readonly statistic?: 'F' | 'Chisq';
  readonly subset?: SubsetSpec | null;
  readonly field?: string;
}

/** Rao–Scott test of independence of two categorical variables (R svychisq). */
export function svyChisq(design: Design, rowsVar: string, colsVar: string, opts: ChisqOptions = {}): TestResult & { id: '' } {
  const field = opts.field ?? 'test';
  const kind = opts.statistic ?? 'F';
  const { scope, inSubset } = scopeOf(design, opts.subset, field);
  const rc = categories(design.data, rowsVar, `${field}.rows`);
  const cc = categories(design.data, colsVar, `${field}.cols`);
  // Levels present in the (subset) design, as R's unique(design$variables[, rows]).
  const presentR = new Int32Array(rc.levels.length).fill(-1);
  const presentC = new Int32Array(cc.levels.length).fill(-1);
  let nr = 0;
  let nc = 0;
  for (let r = 0; r < scope.length; r++) {
    const i = scope[r];
    const a = rc.index[i];
    const b = cc.index[i];
    if (a >= 0 && presentR[a] < 0) presentR[a] = nr++;
    if (b >= 0 && presentC[b] < 0) presentC[b] = nc++;
  }
  if (nr < 2 || nc < 2) throw new InvalidInputError(`needs at least two categories in both variables (found ${nr} × ${nc})`, { field });
  const K = nr * nc;
  const cell = new Int32Array(design.nrow).fill(-1);
  for (let r = 0; r < scope.length; r++) {
    const i = scope[r];
    const a = rc.index[i];
    const b = cc.index[i];
    if (a >= 0 && b >= 0 && (inSubset === null || inSubset[i] === 1)) cell[i] = presentR[a] + nr * presentC[b];
  }
  const domainRows = inSubset === null || design.calibration.length === 0 ? scope : scope.filter((i) => inSubset[i] === 1);
  const [res] = estimateSmooth(design, proportionsStatistic(cell, K), [domainRows]);
  const N = scope.length;
  const nu = design.replicates !== null ? replicateDegf(design.replicates.weights, scope) : degreesOfFreedom(design, scope);
  const pHat = res.estimate;
  // Pearson X² of the weighted table scaled to N rows.
  const rowSum = new Float64Array(nr);
  const colSum = new Float64Array(nc);
  for (let a = 0; a < nr; a++) for (let b = 0; b < nc; b++) {
    rowSum[a] += pHat[a + nr * b] * N;
    colSum[b] += pHat[a + nr * b] * N;
  }
  let x2 = 0;
  for (let a = 0; a < nr; a++) for (let b = 0; b < nc; b++) {
    const e = (rowSum[a] * colSum[b]) / N;
    const d = pHat[a + nr * b] * N - e;
    x2 += (d * d) / e;
  }
  // Contrasts of the interaction, residualized on the main effects (R: qr.resid(qr(X1), X12[, -(1:(nr+nc-1))])).
  const X1 = matrix(K, nr + nc - 1);
  const X12 = matrix(K, (nr - 1) * (nc - 1));
  for (let b = 0; b < nc; b++) for (let a = 0; a < nr; a++) {
    const k = a + nr * b;
    X1.data[k * X1.cols] = 1;
    if (a > 0) X1.data[k * X1.cols + a] = 1;
    if (b > 0) X1.data[k * X1.cols + nr - 1 + b] = 1;
    if (a > 0 && b > 0) X12.data[k * X12.cols + (a - 1) + (nr - 1) * (b - 1)] = 1;
  }
  const C = residuals(X1, X12);
  const Ct = transpose(C);
  const iD = matrix(K, K);
  const iDN = matrix(K, K);
  for (let k = 0; k < K; k++) {
    const v = pHat[k] === 0 ? 0 : 1 / pHat[k];
    iD.data[k * K + k] = v;
    iDN.data[k * K + k] = v / N;
  }
  const V = matrix(K, K, Float64Array.from(res.covariance));
  const denom = multiply(multiply(Ct, iDN), C);
  const numr = multiply(multiply(multiply(multiply(Ct, iD), V), iD), C);
  const Delta = solve(denom, numr);
  const tr = trace(Delta);
  const tr2 = trace(multiply(Delta, Delta));
  if (kind === 'F') {
    const d0 = (tr * tr) / tr2;
    const stat = x2 / tr;
    return { id: '', kind: 'chisq', statistic: finite(stat), df: [d0, d0 * nu], p: finite(fUpper(stat, d0, d0 * nu)) };
  }
  const q = (nr - 1) * (nc - 1);
  return { id: '', kind: 'chisq', statistic: finite(x2), df: [q], p: finite(chisqUpper(x2 / (tr / q), q)) };
}

export interface TtestOptions {
  readonly subset?: SubsetSpec | null;
  readonly level?: number;
  readonly field?: string;
}

/** Difference in means between the two groups of `group` (second minus first category), as R svyttest(y ~ group). */
export function svyTtest(design: Design, variable: string, group: string, opts: TtestOptions = {}): TestResult & { id: '' } {
  const field = opts.field ?? 'test';
  const y = numericValues(design.data, variable, `${field}.variable`);
  const g = categories(design.data, group, `${field}.group`);
  const { scope, inSubset } = scopeOf(design, opts.subset, field);
  // Groups present among rows used (valid y and group).
  const present = new Int32Array(g.levels.length).fill(-1);
  let ng = 0;
  const ofRow = new Int32Array(design.nrow).fill(-1);
  const used: number[] = [];
  for (const i of scope) {
    if (inSubset !== null && inSubset[i] === 0) continue;
    const k = g.index[i];
    if (k < 0 || Number.isNaN(y[i])) continue;
    if (present[k] < 0) present[k] = ng++;
    used.push(i);
  }
  if (ng !== 2) throw new InvalidInputError(`group must have exactly two categories among the valid rows (found ${ng})`, { field: `${field}.group` });
  // Keep code order: first category is the one with the lower level number.
  const order = [...present.keys()].filter((k) => present[k] >= 0).sort((a, b) => a - b);
  for (const i of used) ofRow[i] = order.indexOf(g.index[i]);
  const parts = estimateSmooth(design, meanStatistic(y), rowsByDomain(ofRow, 2), true);
  const usedRows = Int32Array.from(used);
  const V = jointCovariance(design, parts, 1, design.calibration.length > 0 ? scope : usedRows);
  const est = parts[1].estimate[0] - parts[0].estimate[0];
  const se = Math.sqrt(V[0] + V[3] - 2 * V[1]);
  const df = (design.replicates !== null ? replicateDegf(design.replicates.weights, usedRows) : degreesOfFreedom(design, usedRows)) - 1;
  const t = est / se;
  const q = tQuantile(1 - (1 - (opts.level ?? 0.95)) / 2, df);
  return {
    id: '',
    kind: 'ttest',
    statistic: finite(t),
    df: [df],
    p: finite(tPValue(t, df)),
    estimate: finite(est),
    se: finite(se),
    ci: Number.isFinite(q * se) ? [est - q * se, est + q * se] : null,
  };
}

export interface ContrastTerm {
  /** The domain (by-variable → category); {} without by. */
  readonly by?: Readonly<Record<string, string | number>>;
  /** Level of the estimate (proportions, multiple response); omit for single estimates. */
  readonly level?: string | number | null;
  readonly coefficient: number;
}

export interface ContrastOptions {
  readonly by?: readonly string[];
  readonly subset?: SubsetSpec | null;
  readonly level?: number;
  readonly field?: string;
}

/** A linear combination of domain estimates with its SE (R svycontrast of svyby(covmat = TRUE)). */
export function svyContrast(
  design: Design,
  spec: StatisticSpec,
  terms: readonly ContrastTerm[],
  opts: ContrastOptions = {},
): TestResult & { id: '' } {
  const field = opts.field ?? 'test';
  const { stat, levels } = buildStatistic(design, spec, field);
  const { scope, inSubset } = scopeOf(design, opts.subset, field);
  const { domains, ofRow } = buildDomains(design.data, opts.by ?? [], inSubset, `${field}.by`);
  const parts = estimateSmooth(design, stat, rowsByDomain(ofRow, domains.length), true);
  const p = levels.length;
  const coef = new Float64Array(domains.length * p);
  terms.forEach((term, j) => {
    const want = JSON.stringify(term.by ?? {});
    const d = domains.findIndex((dm) => JSON.stringify(dm.by) === want);
    if (d < 0) throw new InvalidInputError(`no domain ${want}`, { field: `${field}.coefficients[${j}].by` });
    const k = p === 1 ? 0 : levels.findIndex((l) => l === term.level || String(l) === String(term.level));
    if (k < 0) throw new InvalidInputError(`no level ${JSON.stringify(term.level)}`, { field: `${field}.coefficients[${j}].level` });
    coef[d * p + k] += term.coefficient;
  });
  const V = jointCovariance(design, parts, p, scope);
  const P = domains.length * p;
  let est = 0;
  let v = 0;
  for (let a = 0; a < P; a++) {
    if (coef[a] === 0) continue;
    est += coef[a] * parts[Math.floor(a / p)].estimate[a % p];
    for (let b = 0; b < P; b++) if (coef[b] !== 0) v += coef[a] * coef[b] * V[a * P + b];
  }
  const se = Math.sqrt(v);
  const df = design.replicates !== null ? replicateDegf(design.replicates.weights, scope) : degreesOfFreedom(design, scope);
  const t = est / se;
  const q = tQuantile(1 - (1 - (opts.level ?? 0.95)) / 2, df);
  return {
    id: '',
    kind: 'contrast',
    statistic: finite(t),
    df: [df],
    p: finite(tPValue(t, df)),
    estimate: finite(est),
    se: finite(se),
    ci: Number.isFinite(est) && Number.isFinite(q * se) ? [est - q * se, est + q * se] : null,
  };
}

// ---------------------------------------------------------------------------------------------
// JSON

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function name(v: unknown, field: string): string {
  if (typeof v !== 'string' || v === '') throw new InvalidInputError('expected a variable name', { field });
  return v;
}

function subsetOf(v: unknown, field: string): SubsetSpec | null {
  if (v === undefined || v === null) return null;
  if (!isObject(v) || typeof v.variable !== 'string' || !Array.isArray(v.in)) {
    throw new InvalidInputError('expected {"variable": ..., "in": [...]}', { field });
  }
  return { variable: v.variable, in: v.in as (string | number)[] };
}

/** Runs one entry of the request's `tests`. */
export function runTestRequest(design: Design, json: unknown, index: number): TestResult {
  const field = `tests[${index}]`;
  if (!isObject(json)) throw new InvalidInputError('expected an object', { field });
  const id = json.id === undefined ? `t${index + 1}` : json.id;
  if (typeof id !== 'string') throw new InvalidInputError('expected a string', { field: `${field}.id` });
  const subset = subsetOf(json.subset, `${field}.subset`);
  switch (json.kind) {
    case 'chisq': {
      const statistic = json.statistic ?? 'F';
      if (statistic !== 'F' && statistic !== 'Chisq') throw new InvalidInputError('expected "F" or "Chisq"', { field: `${field}.statistic` });
      return { ...svyChisq(design, name(json.rows, `${field}.rows`), name(json.cols, `${field}.cols`), { statistic, subset, field }), id };
    }
    case 'ttest':
      return { ...svyTtest(design, name(json.variable, `${field}.variable`), name(json.group, `${field}.group`), { subset, field }), id };
    case 'contrast': {
      const statistic = json.statistic ?? 'mean';
      const allowed = ['mean', 'total', 'proportion', 'ratio', 'any', 'multiple'];
      if (typeof statistic !== 'string' || !allowed.includes(statistic)) {
        throw new InvalidInputError(`expected one of ${allowed.join(', ')}`, { field: `${field}.statistic` });
      }
      const coefs = json.coefficients;
      if (!Array.isArray(coefs) || coefs.length === 0) {
        throw new InvalidInputError('expected a list of {"by": {...}, "coefficient": 1}', { field: `${field}.coefficients` });
      }
      const terms: ContrastTerm[] = coefs.map((c, j) => {
        if (!isObject(c) || typeof c.coefficient !== 'number') {
          throw new InvalidInputError('expected {"by": {...}, "level": ..., "coefficient": number}', { field: `${field}.coefficients[${j}]` });
        }
        return {
          coefficient: c.coefficient,
          ...(isObject(c.by) ? { by: c.by as Record<string, string | number> } : {}),
          ...(typeof c.level === 'string' || typeof c.level === 'number' ? { level: c.level } : {}),
        };
      });
      const by = json.by === undefined ? [] : typeof json.by === 'string' ? [json.by] : (json.by as string[]);
      const spec: StatisticSpec = {
        statistic: statistic as StatisticSpec['statistic'],
        ...(typeof json.variable === 'string' ? { variable: json.variable } : {}),
        ...(Array.isArray(json.variables) ? { variables: json.variables as string[] } : {}),
        ...(typeof json.numerator === 'string' ? { numerator: json.numerator } : {}),
        ...(typeof json.denominator === 'string' ? { denominator: json.denominator } : {}),
      };
      return { ...svyContrast(design, spec, terms, { by, subset, field }), id };
    }
    default:
      throw new InvalidInputError('expected "chisq", "ttest" or "contrast"', { field: `${field}.kind` });
  }
}
