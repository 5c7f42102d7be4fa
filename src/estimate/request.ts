/**
 * The JSON contract of `spiegel estimate` (issue 3 §6): parse a request, run it on a dataset,
 * return the answer document. Field names exactly as the issue; more fields are added
 * (`statistic`, `kishDeff`, `estimable`).
 */

import type { Dataset } from '../data/dataset.js';
import { designFromJson } from '../design/index.js';
import type { Design } from '../design/design.js';
import { InvalidInputError } from '../errors.js';
import { CI_METHODS, type CiMethod, type CiOptions } from './ci.js';
import { type Estimate, type EstimateOptions, svyAny, svyMean, svyMultipleResponse, svyProportions, svyRatio, svyTotal } from './estimators.js';
import { svyQuantile } from './quantile.js';
import { type TestResult, runTestRequest } from './tests.js';
import type { SubsetSpec } from './variables.js';

export type Statistic = 'mean' | 'total' | 'proportion' | 'ratio' | 'quantile' | 'any' | 'multiple';
const STATISTICS: readonly Statistic[] = ['mean', 'total', 'proportion', 'ratio', 'quantile', 'any', 'multiple'];

export interface EstimateRequestItem {
  readonly id: string;
  readonly statistic: Statistic;
  readonly variable?: string;
  readonly variables?: readonly string[];
  readonly numerator?: string;
  readonly denominator?: string;
  readonly by: readonly string[];
  readonly subset: SubsetSpec | null;
  readonly ci: CiOptions;
  readonly deff: boolean;
  readonly probs: readonly number[];
}

/** One row of the answer. */
export interface EstimateAnswer extends Omit<Estimate, 'ci'> {
  readonly id: string;
  readonly ci: [number, number] | null;
}

export interface EstimateResponse {
  readonly estimates: EstimateAnswer[];
  readonly tests: TestResult[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown, field: string): string {
  if (typeof v !== 'string' || v === '') throw new InvalidInputError('expected a variable name', { field });
  return v;
}

export function strList(v: unknown, field: string): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new InvalidInputError('expected a list of variable names', { field });
  return v as string[];
}

export function parseSubset(v: unknown, field: string): SubsetSpec | null {
  if (v === undefined || v === null) return null;
  if (!isObject(v)) throw new InvalidInputError('expected {"variable": ..., "in": [...]}', { field });
  const variable = str(v.variable, `${field}.variable`);
  const vals = v.in;
  if (!Array.isArray(vals) || vals.length === 0 || vals.some((x) => typeof x !== 'string' && typeof x !== 'number')) {
    throw new InvalidInputError('expected a non-empty list of values or value labels', { field: `${field}.in` });
  }
  return { variable, in: vals as (string | number)[] };
}

export function parseCi(v: unknown, field: string): CiOptions {
  if (v === undefined || v === null) return { level: 0.95, method: 'wald' };
  if (!isObject(v)) throw new InvalidInputError('expected {"level": 0.95, "method": "wald"}', { field });
  const level = v.level ?? 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) throw new InvalidInputError('expected a number between 0 and 1', { field: `${field}.level` });
  const method = v.method ?? 'wald';
  if (typeof method !== 'string' || !CI_METHODS.includes(method as CiMethod)) {
    throw new InvalidInputError(`expected one of ${CI_METHODS.join(', ')}`, { field: `${field}.method` });
  }
  return { level, method: method as CiMethod };
}

const ITEM_FIELDS = new Set(['id', 'statistic', 'variable', 'variables', 'numerator', 'denominator', 'by', 'subset', 'ci', 'deff', 'probs']);

export function parseEstimateItem(v: unknown, index: number): EstimateRequestItem {
  const field = `estimates[${index}]`;
  if (!isObject(v)) throw new InvalidInputError('expected an object', { field });
  for (const k of Object.keys(v)) if (!ITEM_FIELDS.has(k)) throw new InvalidInputError(`unknown field "${k}"`, { field: `${field}.${k}` });
  const statistic = v.statistic;
  if (typeof statistic !== 'string' || !STATISTICS.includes(statistic as Statistic)) {
    throw new InvalidInputError(`expected one of ${STATISTICS.join(', ')}`, { field: `${field}.statistic` });
  }
  const id = v.id === undefined ? `e${index + 1}` : v.id;
  if (typeof id !== 'string') throw new InvalidInputError('expected a string', { field: `${field}.id` });
  let probs: number[] = [];
  if (statistic === 'quantile') {
    const p = v.probs ?? [0.5];
    if (!Array.isArray(p) || p.length === 0 || p.some((x) => typeof x !== 'number' || !(x >= 0 && x <= 1))) {
      throw new InvalidInputError('expected a list of probabilities between 0 and 1', { field: `${field}.probs` });
    }
    probs = p as number[];
  }
  const item: EstimateRequestItem = {
    id,
    statistic: statistic as Statistic,
    by: strList(v.by, `${field}.by`),
    subset: parseSubset(v.subset, `${field}.subset`),
    ci: parseCi(v.ci, `${field}.ci`),
    deff: v.deff === true,
    probs,
    ...(statistic === 'ratio'
      ? { numerator: str(v.numerator, `${field}.numerator`), denominator: str(v.denominator, `${field}.denominator`) }
      : statistic === 'any' || statistic === 'multiple'
        ? { variables: strList(v.variables, `${field}.variables`) }
        : { variable: str(v.variable, `${field}.variable`) }),
  };
  if ((statistic === 'any' || statistic === 'multiple') && (item.variables ?? []).length === 0) {
    throw new InvalidInputError('expected a non-empty list of variable names', { field: `${field}.variables` });
  }
  return item;
}

/** Runs one parsed estimate item. */
export function runEstimateItem(design: Design, item: EstimateRequestItem, index: number): Estimate[] {
  const opts: EstimateOptions = { by: item.by, subset: item.subset, ci: item.ci, field: `estimates[${index}]` };
  switch (item.statistic) {
    case 'mean':
      return svyMean(design, item.variable as string, opts);
    case 'total':
      return svyTotal(design, item.variable as string, opts);
    case 'proportion':
      return svyProportions(design, item.variable as string, opts);
    case 'ratio':
      return svyRatio(design, item.numerator as string, item.denominator as string, opts);
    case 'any':
      return svyAny(design, item.variables as string[], opts);
    case 'multiple':
      return svyMultipleResponse(design, item.variables as string[], opts);
    case 'quantile':
      return svyQuantile(design, item.variable as string, item.probs, opts);
  }
}

const REQUEST_FIELDS = new Set(['design', 'estimates', 'tests']);

/** Runs a whole request (JSON already parsed) on a dataset. */
export function runEstimateRequest(data: Dataset, request: unknown): EstimateResponse {
  if (!isObject(request)) throw new InvalidInputError('the request must be a JSON object', { field: '(request)' });
  for (const k of Object.keys(request)) if (!REQUEST_FIELDS.has(k)) throw new InvalidInputError(`unknown field "${k}"`, { field: k });
  const design = designFromJson(data, request.design);
  const itemsJson = request.estimates ?? [];
  if (!Array.isArray(itemsJson)) throw new InvalidInputError('expected a list', { field: 'estimates' });
  const items = itemsJson.map((v, i) => parseEstimateItem(v, i));
  const ids = new Set<string>();
  items.forEach((it, i) => {
    if (ids.has(it.id)) throw new InvalidInputError(`duplicate id "${it.id}"`, { field: `estimates[${i}].id` });
    ids.add(it.id);
  });
  const estimates: EstimateAnswer[] = [];
  items.forEach((item, i) => {
    for (const e of runEstimateItem(design, item, i)) {
      estimates.push({ id: item.id, ...e, ci: e.ci === null ? null : [e.ci[0], e.ci[1]], deff: e.deff });
    }
  });
  const testsJson = request.tests ?? [];
  if (!Array.isArray(testsJson)) throw new InvalidInputError('expected a list', { field: 'tests' });
  const tests = testsJson.map((t, i) => runTestRequest(design, t, i));
  return { estimates, tests };
}
