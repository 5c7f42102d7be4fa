/**
 * Runs a weighting request on a dataset: base weights → method (post-stratification, raking,
 * calibration, trimming or nonresponse adjustment) → optional trimming → diagnostics, and the
 * `CalibrationStep` records that variance estimation needs (src/weighting/calibration.ts).
 */
import type { CalibrationStep } from './calibration.js';
import type { Dataset } from '../data/dataset.js';
import { boundedCalibrate, type CalibrationProblem, gregCalibrate } from './calibrate.js';
import { type MarginCells, checkCells, checkMarginTotals, marginCells } from './cells.js';
import {
  kish,
  marginDiagnostic,
  summarizeWeights,
  type TotalDiagnostic,
  type WeightingDiagnostics,
} from './diagnostics.js';
import { WeightingError } from './errors.js';
import { poststratify } from './poststratify.js';
import { rake } from './rake.js';
import { calibrationModelMatrix } from './model-matrix.js';
import type { WeightingRequest } from './request.js';
import { resolveShares } from './shares.js';
import { trimWeights } from './trim.js';

export interface WeightingResult {
  readonly weights: Float64Array;
  readonly steps: CalibrationStep[];
  readonly diagnostics: WeightingDiagnostics;
}

export interface WeightingOptions {
  /** Weights to start from when the request names no `baseWeight` (e.g. design weights). */
  readonly baseWeights?: Float64Array;
}

export const DEFAULT_EPSILON = 1e-10;
export const DEFAULT_MAX_ITERATIONS = 100;
/** R calibrate's defaults for grake. */
export const DEFAULT_CALIBRATION_EPSILON = 1e-7;
export const DEFAULT_CALIBRATION_MAX_ITERATIONS = 50;

/** Everything about a request that does not depend on the weights (shared by replicate columns). */
interface Prepared {
  readonly request: WeightingRequest;
  readonly cells: readonly MarginCells[];
  readonly problem: CalibrationProblem | null;
  readonly respondent: Uint8Array | null;
  readonly classes: MarginCells | null;
}

function prepare(data: Dataset, request: WeightingRequest): Prepared {
  const cells = request.margins.map((m, i) => marginCells(data, m, i));
  cells.forEach((c, i) => checkCells(c, i));
  if (request.method === 'rake' || request.method === 'linear' || request.method === 'logit') checkMarginTotals(cells);
  const problem = request.method === 'linear' || request.method === 'logit' ? calibrationModelMatrix(data, request, cells) : null;
  let respondent: Uint8Array | null = null;
  let classes: MarginCells | null = null;
  if (request.method === 'nonresponse' && request.nonresponse !== undefined) {
    const nr = request.nonresponse;
    const r = data.validNumbers(nr.respondent, 'nonresponse.respondent');
    respondent = new Uint8Array(r.length);
    for (let i = 0; i < r.length; i++) {
      if (r[i] !== 0 && r[i] !== 1) {
        throw new WeightingError(`row ${i + 1}: respondent indicator "${nr.respondent}" is ${r[i]}; it must be 1 (respondent) or 0`, {
          field: 'nonresponse.respondent',
        });
      }
      respondent[i] = r[i];
    }
    classes = weightingClasses(data, nr.classes);
  }
  return { request, cells, problem, respondent, classes };
}

/** Crossed weighting classes as cells (targets unused). */
function weightingClasses(data: Dataset, vars: readonly string[]): MarginCells {
  const n = data.nrow;
  const keys = new Map<string, number>();
  const cell = new Int32Array(n);
  const labels: string[] = [];
  const categories: Record<string, string | number>[] = [];
  for (let i = 0; i < n; i++) {
    const parts: string[] = [];
    const cat: Record<string, string | number> = {};
    for (const v of vars) {
      if (data.isMissing(v, i)) {
        throw new WeightingError(`row ${i + 1}: weighting class variable "${v}" is missing`, { field: 'nonresponse.classes' });
      }
      const col = data.column(v);
      const raw = col.values[data.physical(i)];
      const text = col.type === 'string' ? (col.valueLabels.get(raw as string) ?? String(raw)) : (col.valueLabels.get(raw as number) ?? String(raw));
      parts.push(`${v}=${text}`);
      cat[v] = text;
    }
    const key = parts.join(', ');
    let k = keys.get(key);
    if (k === undefined) {
      k = keys.size;
      keys.set(key, k);
      labels.push(vars.length === 0 ? 'all' : key);
      categories.push(cat);
    }
    cell[i] = k;
  }
  return { cell, ncell: keys.size, target: new Float64Array(keys.size), labels, categories, variables: [] };
}

/** Base weights from the request's `baseWeight` variable, the options, or 1. */
export function baseWeightsOf(data: Dataset, request: WeightingRequest, options: WeightingOptions = {}): Float64Array {
  let w: Float64Array;
  let source: string;
  if (request.baseWeight !== undefined) {
    const col = data.numberColumn(request.baseWeight, 'baseWeight');
    const plain = col.missing.values.length === 0 && col.missing.range === null;
    w = plain && data.rows === null ? Float64Array.from(col.values) : data.validNumbers(request.baseWeight, 'baseWeight');
    source = `base weight "${request.baseWeight}"`;
  } else if (options.baseWeights !== undefined) {
    if (options.baseWeights.length !== data.nrow) {
      throw new WeightingError(`base weights have ${options.baseWeights.length} values for ${data.nrow} rows`, { field: 'baseWeight' });
    }
    w = Float64Array.from(options.baseWeights);
    source = 'design weight';
  } else {
    return new Float64Array(data.nrow).fill(1);
  }
  checkPositive(w, source);
  return w;
}

function checkPositive(w: Float64Array, source: string, allowZero = false): void {
  for (let i = 0; i < w.length; i++) {
    const v = w[i];
    if (!Number.isFinite(v) || v < 0 || (v === 0 && !allowZero)) {
      throw new WeightingError(
        `row ${i + 1}: ${source} is ${Number.isNaN(v) ? 'missing' : v}; weights must be positive numbers`,
        { field: 'baseWeight' },
      );
    }
  }
}

interface CoreResult {
  weights: Float64Array;
  steps: CalibrationStep[];
  converged: boolean;
  iterations: number;
  trimmed: number;
  warnings: string[];
}

function trimBounds(request: WeightingRequest, w: Float64Array): [number, number] {
  const t = request.trim;
  if (t === undefined) return [-Infinity, Infinity];
  let lo = t.lower ?? -Infinity;
  let hi = t.upper ?? Infinity;
  if (t.relative === true) {
    let s = 0;
    for (let i = 0; i < w.length; i++) s += w[i];
    const mean = s / w.length;
    lo *= mean;
    hi *= mean;
  }
  return [lo, hi];
}

function core(p: Prepared, base: Float64Array, trimRange?: [number, number]): CoreResult {
  const r = p.request;
  const warnings: string[] = [];
  let weights: Float64Array;
  let steps: CalibrationStep[] = [];
  let converged = true;
  let iterations = 1;
  switch (r.method) {
    case 'poststratify': {
      const res = poststratify(p.cells[0], base);
      weights = res.weights;
      steps = [res.step];
      break;
    }
    case 'rake': {
      const res = rake(p.cells, base, r.epsilon ?? DEFAULT_EPSILON, r.maxIterations ?? DEFAULT_MAX_ITERATIONS);
      weights = res.weights;
      steps = [res.step];
      converged = res.converged;
      iterations = res.iterations;
      if (!converged) {
        warnings.push(
          `raking did not converge in ${res.iterations} iterations: a margin is still ${(res.maxRelativeDifference * 100).toPrecision(3)}% ` +
            `off its target (tolerance ${r.epsilon ?? DEFAULT_EPSILON}); check that the margins are consistent, raise maxIterations or combine small categories`,
        );
      }
      break;
    }
    case 'linear':
    case 'logit': {
      const problem = p.problem as CalibrationProblem;
      const bounds: [number, number] = r.bounds === undefined ? [-Infinity, Infinity] : [r.bounds[0], r.bounds[1]];
      const unbounded = r.method === 'linear' && bounds[0] === -Infinity && bounds[1] === Infinity;
      const res = unbounded
        ? gregCalibrate(problem, base)
        : boundedCalibrate(problem, base, {
            calfun: r.method,
            bounds,
            epsilon: r.epsilon ?? DEFAULT_CALIBRATION_EPSILON,
            maxIterations: r.maxIterations ?? DEFAULT_CALIBRATION_MAX_ITERATIONS,
          });
      weights = new Float64Array(base.length);
      for (let i = 0; i < base.length; i++) weights[i] = base[i] * res.g[i];
      steps = [{ kind: 'greg', modelMatrix: problem.x, baseWeights: base, g: res.g }];
      converged = res.converged;
      iterations = res.iterations;
      if (!converged) {
        warnings.push(
          `${r.method} calibration did not converge in ${res.iterations} iterations (largest relative misfit ${res.achieved.toPrecision(3)}); ` +
            'the bounds may be too tight for these totals',
        );
      }
      break;
    }
    case 'trim':
      weights = Float64Array.from(base);
      break;
    case 'nonresponse': {
      const cls = p.classes as MarginCells;
      const resp = p.respondent as Uint8Array;
      const all = new Float64Array(cls.ncell);
      const rs = new Float64Array(cls.ncell);
      for (let i = 0; i < base.length; i++) {
        all[cls.cell[i]] += base[i];
        if (resp[i] === 1) rs[cls.cell[i]] += base[i];
      }
      for (let j = 0; j < cls.ncell; j++) {
        if (rs[j] === 0 && all[j] > 0) {
          throw new WeightingError(`weighting class ${cls.labels[j]} has no respondents; combine it with another class`, {
            field: 'nonresponse.classes',
          });
        }
      }
      weights = new Float64Array(base.length);
      for (let i = 0; i < base.length; i++) weights[i] = resp[i] === 1 ? (base[i] * all[cls.cell[i]]) / rs[cls.cell[i]] : 0;
      break;
    }
  }
  let trimmed = 0;
  if (r.trim !== undefined) {
    const [lo, hi] = trimRange ?? trimBounds(r, weights);
    const t = trimWeights(weights, lo, hi, r.trim.strict ?? false);
    weights = t.weights;
    trimmed = t.trimmed;
    if (r.method === 'trim') iterations = Math.max(1, t.passes);
  }
  return { weights, steps, converged, iterations, trimmed, warnings };
}

/** Weights a dataset as the request says. Throws WeightingError on data that cannot be weighted. */
export function applyWeighting(data: Dataset, given: WeightingRequest, options: WeightingOptions = {}): WeightingResult {
  const base = baseWeightsOf(data, given, options);
  const { request, note } = resolveShares(given, base);
  const p = prepare(data, request);
  const res = core(p, base);
  const totals: TotalDiagnostic[] = request.totals.map((t, k) => {
    const x = (p.problem as CalibrationProblem).x[p.problem!.x.length - request.totals.length + k];
    let before = 0;
    let after = 0;
    for (let i = 0; i < x.length; i++) {
      before += x[i] * base[i];
      after += x[i] * res.weights[i];
    }
    return { variable: t.variable, target: t.total, before, after };
  });
  let nonPositive = 0;
  for (let i = 0; i < res.weights.length; i++) if (!(res.weights[i] > 0)) nonPositive++;
  const warnings = [...res.warnings, ...(note === null ? [] : [note])];
  if (nonPositive > 0 && request.method !== 'nonresponse') {
    warnings.push(`${nonPositive} weight(s) are zero or negative after weighting; use bounds or logit calibration`);
  }
  const { kishDeff, effectiveN } = kish(res.weights);
  const diagnostics: WeightingDiagnostics = {
    method: request.method + (request.trim !== undefined && request.method !== 'trim' ? '+trim' : ''),
    converged: res.converged,
    iterations: res.iterations,
    summary: summarizeWeights(res.weights),
    before: summarizeWeights(base),
    kishDeff,
    effectiveN,
    margins: p.cells.map((c, m) => marginDiagnostic(request.margins[m].variables, c, base, res.weights)),
    totals,
    nonPositiveWeights: nonPositive,
    trimmed: res.trimmed,
    warnings,
  };
  return { weights: res.weights, steps: res.steps, diagnostics };
}

/**
 * Recalibrates replicate weights (combined: each column is a full replicate weight) so that
 * replicate SEs reflect the weighting, as R `postStratify`/`rake`/`calibrate` do on a
 * `svyrep.design`: every replicate column is weighted to the same population targets on its own.
 * Raking iterates every column to the request's tolerance. Trimming applies the same absolute
 * bounds (relative bounds are taken from the full-sample weights) to each column. Zero replicate
 * weights (units dropped from a replicate) are allowed.
 */
export function applyWeightingToReplicates(
  data: Dataset,
  given: WeightingRequest,
  replicateWeights: readonly Float64Array[],
  options: WeightingOptions = {},
): { weights: Float64Array; replicates: Float64Array[]; converged: boolean } {
  const base = baseWeightsOf(data, given, options);
  // shares are scaled once, from the full-sample base weights, so every replicate has the same targets
  const { request } = resolveShares(given, base);
  const p = prepare(data, request);
  const main = core(p, base);
  let converged = main.converged;
  const range = request.trim !== undefined ? trimBounds(request, request.method === 'trim' ? base : main.weights) : undefined;
  const replicates = replicateWeights.map((rw, r) => {
    if (rw.length !== data.nrow) {
      throw new WeightingError(`replicate weight ${r + 1} has ${rw.length} values for ${data.nrow} rows`, { field: 'replicates' });
    }
    checkPositive(rw, `replicate weight ${r + 1}`, true);
    const res = core(p, rw, range);
    converged &&= res.converged;
    return res.weights;
  });
  return { weights: main.weights, replicates, converged };
}
