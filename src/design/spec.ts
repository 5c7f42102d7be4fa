/**
 * The design part of an estimate request, as researchers write it (JSON contract of issue 3).
 *
 * Field names follow R `svydesign` / `svrepdesign`: `ids` (one variable per sampling stage),
 * `strata`, `weights`, `fpc` (per stage: population size, or sampling fraction ≤ 1), `nest`,
 * `lonelyPsu` (R option survey.lonely.psu), `replicates` (replicate-weight designs).
 * Every field is optional.
 */

import { InvalidInputError } from '../errors.js';

export type LonelyPsu = 'fail' | 'remove' | 'adjust' | 'average' | 'certainty';
export const LONELY_PSU_OPTIONS: readonly LonelyPsu[] = ['fail', 'remove', 'adjust', 'average', 'certainty'];

export type ReplicateType = 'JK1' | 'JKn' | 'BRR' | 'Fay' | 'bootstrap' | 'other';
export const REPLICATE_TYPES: readonly ReplicateType[] = ['JK1', 'JKn', 'BRR', 'Fay', 'bootstrap', 'other'];

export interface ReplicateSpec {
  readonly type: ReplicateType;
  /**
   * Replicate-weight columns in the data. When absent, replicate weights are built from the
   * linearization design as R's `as.svrepdesign` does (JK1, JKn, BRR, Fay, bootstrap).
   */
  readonly columns?: readonly string[] | null;
  /** Overall scale of the replicate variance (R `scale`); default depends on the type as in R. */
  readonly scale?: number | null;
  /** Per-replicate scales (R `rscales`). */
  readonly rscales?: readonly number[] | null;
  /** Centre the replicates at the full-sample estimate (true) or at their mean (false), as R `mse`. */
  readonly mse?: boolean;
  /** Fay's rho (type "Fay"; R `rho`, or `fay.rho` for as.svrepdesign). */
  readonly rho?: number | null;
  /** Replicate columns hold weights (default) or adjustment factors to multiply with `weights` (R combined.weights = FALSE). */
  readonly combinedWeights?: boolean;
  /** Number of bootstrap replicates to draw (as.svrepdesign type "bootstrap"). */
  readonly replicates?: number;
  /** Seed of the bootstrap resampling. */
  readonly seed?: number;
}

export interface DesignSpec {
  /** Cluster variable per stage (outermost first). Absent or empty: each row is its own PSU. */
  readonly ids?: readonly string[];
  /** Strata variable(s): the first for stage 1, later ones for later stages (as R). */
  readonly strata?: readonly string[];
  /** Sampling-weight variable. Absent: weights from `fpc`, or 1. */
  readonly weights?: string | null;
  /** Per stage, a variable with the population size (> 1) or the sampling fraction (≤ 1). */
  readonly fpc?: readonly string[];
  /** Cluster ids are only unique within strata (R `nest = TRUE`). */
  readonly nest?: boolean;
  readonly lonelyPsu?: LonelyPsu;
  readonly replicates?: ReplicateSpec | null;
}

type Json = unknown;

function isObject(v: Json): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: Json, field: string): string[] {
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw new InvalidInputError('expected a variable name or a list of variable names', { field });
  }
  return v as string[];
}

function numberList(v: Json, field: string): number[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
    throw new InvalidInputError('expected a list of numbers', { field });
  }
  return v as number[];
}

function optNumber(v: Json, field: string): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidInputError('expected a number', { field });
  return v;
}

function optBoolean(v: Json, field: string, dflt: boolean): boolean {
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean') throw new InvalidInputError('expected true or false', { field });
  return v;
}

const DESIGN_FIELDS = new Set(['ids', 'strata', 'weights', 'fpc', 'nest', 'lonelyPsu', 'replicates', 'weighting', 'probs']);
const REPLICATE_FIELDS = new Set(['type', 'columns', 'scale', 'rscales', 'mse', 'rho', 'combinedWeights', 'replicates', 'seed']);

/** Parses and checks the `design` object of a request; `field` is its path for error messages. */
export function parseDesignSpec(json: Json, field = 'design'): DesignSpec {
  if (json === undefined || json === null) return {};
  if (!isObject(json)) throw new InvalidInputError('expected an object', { field });
  for (const k of Object.keys(json)) {
    if (!DESIGN_FIELDS.has(k)) throw new InvalidInputError(`unknown design field "${k}"`, { field: `${field}.${k}` });
  }
  const spec: {
    ids?: string[];
    strata?: string[];
    weights?: string | null;
    fpc?: string[];
    nest?: boolean;
    lonelyPsu?: LonelyPsu;
    replicates?: ReplicateSpec | null;
  } = {};
  if (json.ids !== undefined && json.ids !== null) spec.ids = stringList(json.ids, `${field}.ids`);
  if (json.strata !== undefined && json.strata !== null) spec.strata = stringList(json.strata, `${field}.strata`);
  if (json.weights !== undefined && json.weights !== null) {
    if (typeof json.weights !== 'string') throw new InvalidInputError('expected a variable name', { field: `${field}.weights` });
    spec.weights = json.weights;
  }
  if (json.fpc !== undefined && json.fpc !== null) spec.fpc = stringList(json.fpc, `${field}.fpc`);
  spec.nest = optBoolean(json.nest, `${field}.nest`, false);
  if (json.lonelyPsu !== undefined && json.lonelyPsu !== null) {
    if (typeof json.lonelyPsu !== 'string' || !LONELY_PSU_OPTIONS.includes(json.lonelyPsu as LonelyPsu)) {
      throw new InvalidInputError(`expected one of ${LONELY_PSU_OPTIONS.join(', ')}`, { field: `${field}.lonelyPsu` });
    }
    spec.lonelyPsu = json.lonelyPsu as LonelyPsu;
  }
  if (json.replicates !== undefined && json.replicates !== null) {
    spec.replicates = parseReplicateSpec(json.replicates, `${field}.replicates`);
  }
  return spec;
}

function parseReplicateSpec(json: Json, field: string): ReplicateSpec {
  if (!isObject(json)) throw new InvalidInputError('expected an object', { field });
  for (const k of Object.keys(json)) {
    if (!REPLICATE_FIELDS.has(k)) throw new InvalidInputError(`unknown replicates field "${k}"`, { field: `${field}.${k}` });
  }
  if (typeof json.type !== 'string' || !REPLICATE_TYPES.includes(json.type as ReplicateType)) {
    throw new InvalidInputError(`expected one of ${REPLICATE_TYPES.join(', ')}`, { field: `${field}.type` });
  }
  const columns = json.columns === undefined || json.columns === null ? null : stringList(json.columns, `${field}.columns`);
  const rscales = json.rscales === undefined || json.rscales === null ? null : numberList(json.rscales, `${field}.rscales`);
  if (rscales !== null && columns !== null && rscales.length !== columns.length) {
    throw new InvalidInputError(`has ${rscales.length} values for ${columns.length} replicate columns`, { field: `${field}.rscales` });
  }
  const replicates = optNumber(json.replicates, `${field}.replicates`);
  if (replicates !== null && (!Number.isInteger(replicates) || replicates < 2)) {
    throw new InvalidInputError('expected a whole number of at least 2', { field: `${field}.replicates` });
  }
  const seed = optNumber(json.seed, `${field}.seed`);
  return {
    type: json.type as ReplicateType,
    columns,
    scale: optNumber(json.scale, `${field}.scale`),
    rscales,
    mse: optBoolean(json.mse, `${field}.mse`, false),
    rho: optNumber(json.rho, `${field}.rho`),
    combinedWeights: optBoolean(json.combinedWeights, `${field}.combinedWeights`, true),
    ...(replicates !== null ? { replicates } : {}),
    ...(seed !== null ? { seed } : {}),
  };
}
