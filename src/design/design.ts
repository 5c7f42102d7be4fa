/**
 * The survey design object: the single source of truth for estimation (R `survey` style).
 *
 * A design holds the final weights, the multi-stage structure (units and strata per stage,
 * sample and population sizes per stratum) as R's `svydesign` builds it, the calibration
 * steps that weighting left behind, and — for replicate designs — the replicate weights.
 * Every estimator takes a design and reduces the data to influence values (linearization)
 * or replicate estimates; the variance code lives in ./linearization.ts and ./replicates.ts.
 */

import type { Dataset } from '../data/dataset.js';
import { InvalidInputError, SpiegelError } from '../errors.js';
import type { CalibrationStep } from '../weighting/calibration.js';
import type { DesignSpec, LonelyPsu, ReplicateType } from './spec.js';

/** A problem with the sampling design itself (as opposed to a malformed request). */
export class DesignError extends SpiegelError {
  constructor(message: string, field?: string) {
    super('DESIGN', message, field === undefined ? {} : { field });
    this.name = 'DesignError';
  }
}

/** One sampling stage, as R's svydesign stores `cluster[, s]`, `strata[, s]` and `fpc`. */
export interface Stage {
  /** Unit (cluster) number of each row at this stage, 0-based, unique across the design (nested). */
  readonly unit: Int32Array;
  readonly nUnits: number;
  /** Stratum number of each row at this stage (for stages > 1 nested within the parent unit). */
  readonly stratum: Int32Array;
  readonly nStrata: number;
  /** Stratum of each unit. */
  readonly unitStratum: Int32Array;
  /** Unit of the previous stage that contains each unit (null at stage 1). */
  readonly unitParent: Int32Array | null;
  /** Number of sampled units in each stratum (R fpc$sampsize). */
  readonly sampleSize: Float64Array;
  /** Population number of units in each stratum (R fpc$popsize), or null without fpc. */
  readonly popSize: Float64Array | null;
  /** Label of each stratum for messages (the data values). */
  readonly stratumLabels: readonly string[];
}

export interface ReplicateWeights {
  readonly type: ReplicateType;
  /** One Float64Array of final replicate weights per replicate (already multiplied by the sampling weight). */
  readonly weights: readonly Float64Array[];
  readonly scale: number;
  readonly rscales: Float64Array;
  readonly mse: boolean;
  /** Degrees of freedom (R degf of the replicate design). */
  readonly degf: number;
}

export interface Design {
  readonly data: Dataset;
  readonly nrow: number;
  /** Final analysis weights (after any calibration). */
  readonly weights: Float64Array;
  /** Weights before the weighting block (design weights). */
  readonly designWeights: Float64Array;
  readonly stages: readonly Stage[];
  /** True when fpc was given (R: !is.null(fpc$popsize)); later stages then add variance. */
  readonly hasFpc: boolean;
  readonly hasStrata: boolean;
  readonly lonelyPsu: LonelyPsu;
  /** Steps of post-stratification / raking / calibration, applied in order to influence values. */
  readonly calibration: readonly CalibrationStep[];
  /** Replicate weights; when present, variances come from replicates, not linearization. */
  readonly replicates: ReplicateWeights | null;
  readonly spec: DesignSpec;
}

/** Values of a design variable as keys for grouping: numbers or strings (missing values are an error). */
function keysOf(data: Dataset, name: string, field: string): { keys: ArrayLike<number | string>; label: (i: number) => string } {
  const col = data.column(name, field);
  const n = data.nrow;
  if (col.type === 'string') {
    const v = data.strings(name, field);
    for (let i = 0; i < n; i++) {
      if (v[i] === '' || data.isMissing(name, i)) throw new InvalidInputError(`missing value in row ${i + 1}`, { field });
    }
    return { keys: v, label: (i) => v[i] };
  }
  const v = data.numbers(name, field);
  for (let i = 0; i < n; i++) if (Number.isNaN(v[i])) throw new InvalidInputError(`missing value in row ${i + 1}`, { field });
  return { keys: v, label: (i) => col.valueLabels.get(v[i]) ?? String(v[i]) };
}

/**
 * Numbers each row's combination of (parent group, key) 0..k−1 in order of first appearance.
 * Keys are first numbered on their own, then combined with the parent as one number, so the
 * hash maps only ever see numbers.
 */
function groupIndex(parent: Int32Array | null, keys: ArrayLike<number | string>): { index: Int32Array; count: number; first: Int32Array } {
  const n = keys.length;
  const keyIdx = new Int32Array(n);
  const keyMap = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    let g = keyMap.get(k);
    if (g === undefined) {
      g = keyMap.size;
      keyMap.set(k, g);
    }
    keyIdx[i] = g;
  }
  const index = new Int32Array(n);
  const firsts: number[] = [];
  if (parent === null) {
    const seen = new Int32Array(keyMap.size).fill(-1);
    for (let i = 0; i < n; i++) {
      const k = keyIdx[i];
      if (seen[k] < 0) {
        seen[k] = firsts.length;
        firsts.push(i);
      }
      index[i] = seen[k];
    }
    return { index, count: firsts.length, first: Int32Array.from(firsts) };
  }
  const K = keyMap.size;
  const map = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = parent[i] * K + keyIdx[i];
    let g = map.get(key);
    if (g === undefined) {
      g = firsts.length;
      map.set(key, g);
      firsts.push(i);
    }
    index[i] = g;
  }
  return { index, count: firsts.length, first: Int32Array.from(firsts) };
}

function positiveWeights(data: Dataset, name: string, field: string): Float64Array {
  const w = data.validNumbers(name, field);
  for (let i = 0; i < w.length; i++) {
    if (Number.isNaN(w[i])) throw new InvalidInputError(`missing weight in row ${i + 1}`, { field });
    if (!(w[i] > 0) || !Number.isFinite(w[i])) {
      throw new InvalidInputError(`weights must be positive; row ${i + 1} has ${w[i]}`, { field });
    }
  }
  return w;
}

/**
 * Builds the linearization structure exactly as R's svydesign.default + as.fpc do:
 * stage-s ids are nested in stage s−1 (interaction), `nest` crosses stage-1 ids with strata,
 * strata at stage s > 1 are crossed with the parent unit, fpc ≥ 1 is a population size and
 * fpc ≤ 1 a sampling fraction (popsize = sampsize / fraction).
 */
export function buildStages(data: Dataset, spec: DesignSpec): { stages: Stage[]; hasFpc: boolean; hasStrata: boolean; fpcWeights: Float64Array | null } {
  const n = data.nrow;
  const idVars = spec.ids ?? [];
  const nStages = Math.max(1, idVars.length);
  const strataVars = spec.strata ?? [];
  const hasStrata = strataVars.length > 0;
  const fpcVars = spec.fpc ?? [];
  if (fpcVars.length > 0 && fpcVars.length !== nStages) {
    throw new InvalidInputError(`needs one variable per sampling stage (${nStages}), got ${fpcVars.length}`, { field: 'design.fpc' });
  }
  if (strataVars.length > nStages) {
    throw new InvalidInputError(`more strata variables (${strataVars.length}) than sampling stages (${nStages})`, { field: 'design.strata' });
  }
  const strataKeys = strataVars.map((s, j) => keysOf(data, s, `design.strata[${j}]`));
  const stages: Stage[] = [];
  let parentUnit: Int32Array | null = null;
  for (let s = 0; s < nStages; s++) {
    const field = `design.ids[${s}]`;
    let idKeys: ArrayLike<number | string>;
    if (idVars.length === 0) {
      idKeys = Int32Array.from({ length: n }, (_, i) => i);
    } else {
      idKeys = keysOf(data, idVars[s], field).keys;
    }
    // Stage-1 ids are crossed with the strata when nest = TRUE (R: interaction(strata, ids)).
    const nestParent = s === 0 && spec.nest === true && hasStrata ? groupIndex(null, strataKeys[0].keys).index : null;
    const units = groupIndex(parentUnit ?? nestParent, idKeys);
    // Strata: stage 1 uses the first strata variable; stage s > 1 the s-th (or the last given), crossed with the parent unit.
    let strataIdx: { index: Int32Array; count: number; first: Int32Array };
    let stratumLabel: (i: number) => string;
    if (hasStrata) {
      const sk = strataKeys[Math.min(s, strataKeys.length - 1)];
      strataIdx = groupIndex(parentUnit, sk.keys);
      stratumLabel = sk.label;
    } else {
      strataIdx = groupIndex(parentUnit, new Int32Array(n).fill(1));
      stratumLabel = () => '1';
    }
    const unitStratum = new Int32Array(units.count);
    const unitSeen = new Uint8Array(units.count);
    for (let i = 0; i < n; i++) {
      const u = units.index[i];
      if (unitSeen[u] === 0) {
        unitSeen[u] = 1;
        unitStratum[u] = strataIdx.index[i];
      } else if (unitStratum[u] !== strataIdx.index[i]) {
        if (s === 0) {
          throw new DesignError(
            `cluster "${String(idKeys[i])}" lies in more than one stratum; clusters must be nested in strata (set "nest": true when cluster ids are only unique within strata)`,
            field,
          );
        }
      }
    }
    const sampleSize = new Float64Array(strataIdx.count);
    for (let u = 0; u < units.count; u++) sampleSize[unitStratum[u]]++;
    let unitParent: Int32Array | null = null;
    if (parentUnit !== null) {
      unitParent = new Int32Array(units.count);
      for (let i = 0; i < n; i++) unitParent[units.index[i]] = parentUnit[i];
    }
    let popSize: Float64Array | null = null;
    if (fpcVars.length > 0) {
      const ffield = `design.fpc[${s}]`;
      const f = data.validNumbers(fpcVars[s], ffield);
      popSize = new Float64Array(strataIdx.count).fill(NaN);
      for (let i = 0; i < n; i++) {
        if (Number.isNaN(f[i])) throw new InvalidInputError(`missing fpc in row ${i + 1}`, { field: ffield });
        if (!(f[i] > 0)) throw new InvalidInputError(`fpc must be positive; row ${i + 1} has ${f[i]}`, { field: ffield });
        const h = strataIdx.index[i];
        if (Number.isNaN(popSize[h])) popSize[h] = f[i];
        else if (popSize[h] !== f[i]) {
          throw new DesignError(`fpc varies within stratum "${stratumLabel(i)}" (row ${i + 1})`, ffield);
        }
      }
    }
    stages.push({
      unit: units.index,
      nUnits: units.count,
      stratum: strataIdx.index,
      nStrata: strataIdx.count,
      unitStratum,
      unitParent,
      sampleSize,
      popSize,
      stratumLabels: Array.from(strataIdx.first, (i) => stratumLabel(i)),
    });
    parentUnit = units.index;
  }
  if (stages[0].nUnits === 1 && !(spec.nest === true && hasStrata)) {
    throw new DesignError('the design has only one primary sampling unit', idVars.length > 0 ? 'design.ids[0]' : undefined);
  }
  // fpc: all ≥ 1 (population sizes) or all ≤ 1 (sampling fractions), as R's as.fpc.
  let fpcWeights: Float64Array | null = null;
  if (fpcVars.length > 0) {
    let anyAbove = false;
    let allAtLeast1 = true;
    for (const st of stages) {
      for (const p of st.popSize!) {
        if (p > 1) anyAbove = true;
        if (p < 1) allAtLeast1 = false;
      }
    }
    if (anyAbove !== allAtLeast1) {
      throw new InvalidInputError('fpc must be all population sizes (≥ 1) or all sampling fractions (≤ 1)', { field: 'design.fpc' });
    }
    for (let s = 0; s < stages.length; s++) {
      const st = stages[s];
      const pop = st.popSize as Float64Array;
      for (let h = 0; h < st.nStrata; h++) {
        if (!anyAbove) pop[h] = st.sampleSize[h] / pop[h];
        if (pop[h] < st.sampleSize[h] - 1e-9 * st.sampleSize[h]) {
          throw new DesignError(
            `fpc implies more than 100% sampling in stratum "${st.stratumLabels[h]}": population ${pop[h]}, sample ${st.sampleSize[h]} units`,
            `design.fpc[${s}]`,
          );
        }
      }
    }
    // Weights implied by the fpc (R: weights(fpc, final = FALSE)): product of popsize / sampsize over stages.
    fpcWeights = new Float64Array(n).fill(1);
    for (const st of stages) {
      for (let i = 0; i < n; i++) {
        const h = st.stratum[i];
        fpcWeights[i] *= (st.popSize as Float64Array)[h] / st.sampleSize[h];
      }
    }
  }
  return { stages, hasFpc: fpcVars.length > 0, hasStrata, fpcWeights };
}

/** Builds a linearization design (no calibration, no replicates) from a spec. */
export function linearizationDesign(data: Dataset, spec: DesignSpec): Design {
  const d = data.rows === null ? data : data.materialize();
  const { stages, hasFpc, hasStrata, fpcWeights } = buildStages(d, spec);
  let weights: Float64Array;
  if (spec.weights !== undefined && spec.weights !== null) weights = positiveWeights(d, spec.weights, 'design.weights');
  else if (fpcWeights !== null) weights = fpcWeights;
  else weights = new Float64Array(d.nrow).fill(1);
  return {
    data: d,
    nrow: d.nrow,
    weights,
    designWeights: weights,
    stages,
    hasFpc,
    hasStrata,
    lonelyPsu: spec.lonelyPsu ?? 'fail',
    calibration: [],
    replicates: null,
    spec,
  };
}

/** The design with weights replaced after weighting, remembering the steps for the variance. */
export function withCalibration(design: Design, weights: Float64Array, steps: readonly CalibrationStep[]): Design {
  if (weights.length !== design.nrow) throw new InvalidInputError(`weighting returned ${weights.length} weights for ${design.nrow} rows`);
  return { ...design, weights, calibration: [...design.calibration, ...steps] };
}
