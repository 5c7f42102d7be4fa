/**
 * Taylor-linearization variance of estimator totals, as R survey's `svyrecvar` (survey 4.1:
 * svyrecvar → multistage → onestage → onestrat), written once for every estimator.
 *
 * Input: influence values z_ik (row i, statistic k) for the rows that are *present* (R drops the
 * rows outside a subset or domain of an uncalibrated design; they contribute no PSU to the
 * stratum but the stratum keeps its sample size n_h, so absent PSUs count as zero totals).
 *
 * Per stage and stratum h with n_h sampled units (Lumley 2010, §2.2; Särndal et al. 1992, §4.3):
 *   V_h = f_h · n_h/(n_h − 1) · Σ_j (t_hj − t̄_h)(t_hj − t̄_h)ᵀ,  f_h = (N_h − n_h)/N_h or 1 without fpc,
 * t_hj the unit totals and t̄_h = Σ_j t_hj / n_h. With fpc, each unit j of stratum h at stage s
 * adds (n_h/N_h) × the variance of stage s+1 within it. Lonely units (n_h = 1) follow R's
 * `survey.lonely.psu`: fail, remove/certainty (zero), adjust (deviation from zero, not centred),
 * average (stratum left out and the sum scaled by #strata / #strata with ≥ 2 units).
 *
 * Works domain by domain on the rows of the domain only, so domain estimation is one pass over
 * the data plus work proportional to the units touched (no per-domain copy of the design).
 */

import type { Design } from './design.js';
import { DesignError } from './design.js';

/** Scratch arrays reused across domains. */
export class VarianceWorkspace {
  readonly totals: Float64Array[];
  readonly unitMark: Int32Array[];
  readonly stratumMark: Int32Array[];
  readonly stratumSum: Float64Array[];
  readonly stratumCount: Int32Array[];
  readonly parentAcc: Float64Array[];
  readonly parentMark: Int32Array[];
  readonly parentNstrat: Int32Array[];
  readonly parentNok: Int32Array[];
  readonly unitSub: Float64Array[];
  readonly unitSubMark: Int32Array[];
  readonly stratumScale: Float64Array[];
  readonly stratumParentUnit: Int32Array[];
  readonly dev: Float64Array;
  readonly p: number;
  private stamp = 0;

  constructor(readonly design: Design, p: number) {
    this.p = p;
    const st = design.stages;
    const used = (i: number): boolean => i === 0 || design.hasFpc;
    this.totals = st.map((s, i) => new Float64Array(used(i) ? s.nUnits * p : 0));
    this.unitMark = st.map((s) => new Int32Array(s.nUnits));
    this.stratumMark = st.map((s) => new Int32Array(s.nStrata));
    this.stratumSum = st.map((s) => new Float64Array(s.nStrata * p));
    this.stratumCount = st.map((s) => new Int32Array(s.nStrata));
    // Variance accumulated per parent unit (stage s > 0 groups by the unit of stage s − 1).
    this.parentAcc = st.map((_, s) => new Float64Array((s === 0 ? 1 : st[s - 1].nUnits) * p * p));
    this.parentMark = st.map((_, s) => new Int32Array(s === 0 ? 1 : st[s - 1].nUnits));
    this.parentNstrat = st.map((_, s) => new Int32Array(s === 0 ? 1 : st[s - 1].nUnits));
    this.parentNok = st.map((_, s) => new Int32Array(s === 0 ? 1 : st[s - 1].nUnits));
    // Variance from the stages below each unit (R: multistage(...) of the unit, before × n/N).
    const deepest = design.hasFpc ? st.length - 1 : 0;
    this.unitSub = st.map((s, i) => new Float64Array(i < deepest ? s.nUnits * p * p : 0));
    this.unitSubMark = st.map((s) => new Int32Array(s.nUnits));
    this.stratumScale = st.map((s) => new Float64Array(s.nStrata));
    this.stratumParentUnit = st.map((s) => new Int32Array(s.nStrata));
    this.dev = new Float64Array(p);
  }

  nextStamp(): number {
    this.stamp++;
    return this.stamp;
  }
}

/**
 * Covariance matrix (p×p, row-major) of Σ_i z_i over the present rows `rows`, where
 * z[r·p + k] is influence value k of row rows[r] (weights already multiplied in). Throws DesignError for a lonely PSU under "fail".
 */
export function linearizationCovariance(
  design: Design,
  rows: ArrayLike<number>,
  p: number,
  z: ArrayLike<number>,
  ws: VarianceWorkspace = new VarianceWorkspace(design, p),
): Float64Array {
  const stages = design.stages;
  const deepest = design.hasFpc ? stages.length - 1 : 0;
  const stamp = ws.nextStamp();
  const touched: number[][] = stages.map(() => []);
  // Unit totals at the deepest stage that carries variance.
  {
    const st = stages[deepest];
    const tot = ws.totals[deepest];
    const mark = ws.unitMark[deepest];
    const list = touched[deepest];
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r];
      const u = st.unit[i];
      if (mark[u] !== stamp) {
        mark[u] = stamp;
        list.push(u);
        tot.fill(0, u * p, u * p + p);
      }
      const base = u * p;
      for (let k = 0; k < p; k++) tot[base + k] += z[r * p + k];
    }
  }
  return covarianceFromDeepestTotals(design, p, ws, stamp, touched);
}

/**
 * The same covariance from totals already summed per unit of the deepest variance stage
 * (stage 1 without fpc, the last stage with fpc): `units` are distinct unit numbers of that
 * stage and totals[q·p + k] the total of influence value k in units[q].
 */
export function linearizationCovarianceOfUnits(
  design: Design,
  units: ArrayLike<number>,
  totals: ArrayLike<number>,
  p: number,
  ws: VarianceWorkspace = new VarianceWorkspace(design, p),
): Float64Array {
  const stages = design.stages;
  const deepest = deepestVarianceStage(design);
  const stamp = ws.nextStamp();
  const touched: number[][] = stages.map(() => []);
  const tot = ws.totals[deepest];
  const mark = ws.unitMark[deepest];
  for (let q = 0; q < units.length; q++) {
    const u = units[q];
    if (mark[u] !== stamp) {
      mark[u] = stamp;
      touched[deepest].push(u);
      tot.fill(0, u * p, u * p + p);
    }
    for (let k = 0; k < p; k++) tot[u * p + k] += totals[q * p + k];
  }
  return covarianceFromDeepestTotals(design, p, ws, stamp, touched);
}

/** The stage whose units carry the variance: the first, or the last when fpc is given (R multistage). */
export function deepestVarianceStage(design: Design): number {
  return design.hasFpc ? design.stages.length - 1 : 0;
}

function covarianceFromDeepestTotals(design: Design, p: number, ws: VarianceWorkspace, stamp: number, touched: number[][]): Float64Array {
  const stages = design.stages;
  const deepest = deepestVarianceStage(design);
  // Aggregate totals up to the first stage.
  for (let s = deepest; s > 0; s--) {
    const st = stages[s];
    const parent = st.unitParent as Int32Array;
    const tot = ws.totals[s];
    const ptot = ws.totals[s - 1];
    const pmark = ws.unitMark[s - 1];
    const plist = touched[s - 1];
    for (const u of touched[s]) {
      const pu = parent[u];
      if (pmark[pu] !== stamp) {
        pmark[pu] = stamp;
        plist.push(pu);
        ptot.fill(0, pu * p, pu * p + p);
      }
      for (let k = 0; k < p; k++) ptot[pu * p + k] += tot[u * p + k];
    }
  }
  const pp = p * p;
  const scaleOf = ws.stratumScale;
  // From the deepest stage up: each stage's strata variance, grouped by parent unit.
  for (let s = deepest; s >= 0; s--) {
    const st = stages[s];
    const tot = ws.totals[s];
    const sMark = ws.stratumMark[s];
    const sSum = ws.stratumSum[s];
    const sCount = ws.stratumCount[s];
    const sParent = ws.stratumParentUnit[s];
    const sScale = scaleOf[s];
    const strataList: number[] = [];
    for (const u of touched[s]) {
      const h = st.unitStratum[u];
      if (sMark[h] !== stamp) {
        sMark[h] = stamp;
        strataList.push(h);
        sSum.fill(0, h * p, h * p + p);
        sCount[h] = 0;
        sParent[h] = s === 0 ? 0 : (st.unitParent as Int32Array)[u];
      }
      sCount[h]++;
      for (let k = 0; k < p; k++) sSum[h * p + k] += tot[u * p + k];
    }
    const acc = ws.parentAcc[s];
    const pMark = ws.parentMark[s];
    const pNstrat = ws.parentNstrat[s];
    const pNok = ws.parentNok[s];
    const parentList: number[] = [];
    // Per stratum (R onestrat): scale, centre (stored in sSum as the mean), or left out (scale NaN).
    for (const h of strataList) {
      const nPSU = st.sampleSize[h];
      const nsub = sCount[h];
      const pop = st.popSize === null ? null : st.popSize[h];
      const f = pop === null || pop === Infinity ? 1 : (pop - nPSU) / pop;
      const par = sParent[h];
      if (pMark[par] !== stamp) {
        pMark[par] = stamp;
        parentList.push(par);
        acc.fill(0, par * pp, par * pp + pp);
        pNstrat[par] = 0;
        pNok[par] = 0;
      }
      pNstrat[par]++;
      sScale[h] = NaN;
      if (f < 1e-7) {
        pNok[par]++; // certainty stratum: contributes zero
        continue;
      }
      if (nPSU === 1) {
        if (design.lonelyPsu === 'fail') {
          throw new DesignError(
            `stratum "${st.stratumLabels[h]}" has only one PSU at stage ${s + 1}; choose a lonelyPsu option (remove, adjust, average, certainty)`,
            'design.lonelyPsu',
          );
        }
        if (design.lonelyPsu === 'average') continue; // NA in R: counted in nstrat, not in nokstrat
        pNok[par]++;
        if (design.lonelyPsu === 'adjust' && nsub === 1) {
          // Not centred: deviation of the single unit total from zero, with scale f.
          sSum.fill(0, h * p, h * p + p);
          sScale[h] = f;
        }
        continue; // remove / certainty: the centred single unit is zero
      }
      pNok[par]++;
      const scale = (f * nPSU) / (nPSU - 1);
      sScale[h] = scale;
      for (let k = 0; k < p; k++) sSum[h * p + k] /= nPSU;
      // Absent units of the stratum are zero totals: (0 − mean)(0 − mean)ᵀ each.
      const absent = nPSU - nsub;
      if (absent > 0) {
        const base = par * pp;
        for (let k = 0; k < p; k++) {
          const mk = sSum[h * p + k] * scale * absent;
          for (let l = 0; l < p; l++) acc[base + k * p + l] += mk * sSum[h * p + l];
        }
      }
    }
    // Sums of squares of the present units around their stratum mean.
    const dev = ws.dev;
    for (const u of touched[s]) {
      const h = st.unitStratum[u];
      const scale = sScale[h];
      if (Number.isNaN(scale)) continue;
      const base = sParent[h] * pp;
      for (let k = 0; k < p; k++) dev[k] = tot[u * p + k] - sSum[h * p + k];
      for (let k = 0; k < p; k++) {
        const dk = dev[k] * scale;
        if (dk === 0) continue;
        for (let l = 0; l < p; l++) acc[base + k * p + l] += dk * dev[l];
      }
    }
    // Stage variance of each parent: sum over strata × nstrat / nokstrat (R onestage).
    for (const par of parentList) {
      const base = par * pp;
      const factor = pNstrat[par] / pNok[par];
      if (factor !== 1) for (let q = 0; q < pp; q++) acc[base + q] *= factor;
    }
    if (s < deepest) {
      // Add n_h/N_h × (variance within each unit) from the stage below (R multistage).
      const sub = ws.unitSub[s];
      for (const u of touched[s]) {
        const h = st.unitStratum[u];
        const par = s === 0 ? 0 : (st.unitParent as Int32Array)[u];
        const frac = st.sampleSize[h] / (st.popSize as Float64Array)[h];
        if (frac === 0 || ws.unitSubMark[s][u] !== stamp) continue;
        for (let q = 0; q < pp; q++) acc[par * pp + q] += frac * sub[u * pp + q];
      }
    }
    if (s > 0) {
      // The accumulated variance of each parent becomes that parent unit's within-unit variance.
      const psub = ws.unitSub[s - 1];
      const pm = ws.unitSubMark[s - 1];
      for (const par of parentList) {
        psub.set(acc.subarray(par * pp, par * pp + pp), par * pp);
        pm[par] = stamp;
      }
    }
  }
  const out = new Float64Array(pp);
  if (touched[deepest].length > 0 && ws.parentMark[0][0] === stamp) out.set(ws.parentAcc[0].subarray(0, pp));
  return out;
}

const fullDegf = new WeakMap<Design, number>();

/**
 * R `degf` of a linearization design restricted to `rows` (distinct row numbers): #PSUs − #strata
 * at stage 1. A unit lies in one stratum (design.ts checks it), so the strata are counted over
 * the units found, not per row; the whole design's value is kept.
 */
export function degreesOfFreedom(design: Design, rows: ArrayLike<number>): number {
  const all = rows.length === design.nrow;
  if (all) {
    const hit = fullDegf.get(design);
    if (hit !== undefined) return hit;
  }
  const st = design.stages[0];
  const unit = st.unit;
  const unitSeen = new Uint8Array(st.nUnits);
  const stratumSeen = new Uint8Array(st.nStrata);
  let units = 0;
  let strata = 0;
  for (let r = 0; r < rows.length; r++) {
    const u = unit[rows[r]];
    if (unitSeen[u] === 0) {
      unitSeen[u] = 1;
      units++;
      const h = st.unitStratum[u];
      if (stratumSeen[h] === 0) {
        stratumSeen[h] = 1;
        strata++;
      }
    }
  }
  if (all) fullDegf.set(design, units - strata);
  return units - strata;
}
