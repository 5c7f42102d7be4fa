/**
 * Linearization without calibration (or with one post-stratification step) from sufficient
 * statistics per unit of the deepest variance stage, domain by domain, and for proportions all
 * domains in one sequential pass over the rows.
 */

import type { Design } from '../design/design.js';
import { VarianceWorkspace, deepestVarianceStage, degreesOfFreedom, linearizationCovarianceOfUnits } from '../design/linearization.js';
import {
  type PostStratificationSums,
  postStratifiedCovariance,
  postStratifiedUnitTotals,
} from '../design/poststratified-variance.js';
import { type DomainEstimate, notEstimable, srsDeff } from './domain-estimate.js';
import type { SmoothStatistic } from './statistics.js';
import { variancePathCounts } from './variance-paths.js';

/**
 * Proportions without calibration for all domains in one sequential pass over the rows
 * (domain of each row in `ofRow`, −1 for none): per (domain, unit) sums of w·c, then the same
 * finishing steps as estimateDomainByUnits. The sums are taken in row order, as there.
 * Returns null when this path does not apply (the caller then works domain by domain).
 */
export function estimateSmoothByRow(design: Design, stat: SmoothStatistic, ofRow: Int32Array, nDomains: number): DomainEstimate[] | null {
  const oneHot = stat.oneHot;
  if (oneHot === undefined || design.replicates !== null || design.calibration.length > 0 || nDomains < 2) return null;
  const { m, p } = stat;
  const deepest = design.stages[deepestVarianceStage(design)];
  const first = design.stages[0];
  const nU = deepest.nUnits;
  if (nDomains * nU * m > 2e7 || nDomains * (first.nUnits + first.nStrata) > 5e7) return null;
  const w = design.weights;
  const unitOf = deepest.unit;
  const unit1 = first.unit;
  const stratum1 = first.unitStratum;
  const nU1 = first.nUnits;
  // Per (unit, domain) sums and marks, unit-major: rows usually come cluster by cluster, so the
  // slots a run of rows touches lie together in cache; copied to domain-major at the end.
  const Aud = new Float64Array(nU * nDomains * m);
  const listed = new Uint8Array(nU * nDomains);
  const units: number[][] = Array.from({ length: nDomains }, () => []);
  const T = new Float64Array(nDomains * m);
  const count = new Float64Array(nDomains);
  const sw = new Float64Array(nDomains);
  const sw2 = new Float64Array(nDomains);
  const designRows = new Float64Array(nDomains);
  // R degf of each domain: stage-1 units − strata among the domain's rows (valid or not)
  const unitSeen = new Uint8Array(nU1 * nDomains);
  const stratumSeen = new Uint8Array(nDomains * first.nStrata);
  const df = new Float64Array(nDomains);
  for (let i = 0; i < ofRow.length; i++) {
    const d = ofRow[i];
    if (d < 0) continue;
    designRows[d]++;
    const v1 = unit1[i];
    const u1 = v1 * nDomains + d;
    if (unitSeen[u1] === 0) {
      unitSeen[u1] = 1;
      df[d]++;
      // (a unit lies in one stratum: strata are counted when a unit is first seen)
      const h1 = d * first.nStrata + stratum1[v1];
      if (stratumSeen[h1] === 0) {
        stratumSeen[h1] = 1;
        df[d]--;
      }
    }
    const k = oneHot[i];
    if (k < 0) continue;
    const wi = w[i];
    count[d]++;
    sw[d] += wi;
    sw2[d] += wi * wi;
    const u = unitOf[i];
    const slot = u * nDomains + d;
    if (listed[slot] === 0) {
      listed[slot] = 1;
      units[d].push(u);
    }
    Aud[slot * m] += wi;
    Aud[slot * m + k + 1] += wi;
    T[d * m + k + 1] += wi;
  }
  const A = new Float64Array(nDomains * nU * m);
  for (let d = 0; d < nDomains; d++) {
    for (const u of units[d]) {
      const from = (u * nDomains + d) * m;
      const to = (d * nU + u) * m;
      for (let j = 0; j < m; j++) A[to + j] = Aud[from + j];
    }
  }
  const mark = new Int32Array(0); // (used by post-stratification only)
  const ws = new VarianceWorkspace(design, p);
  variancePathCounts.rowPass += nDomains;
  const out: DomainEstimate[] = [];
  for (let d = 0; d < nDomains; d++) {
    const Td = T.slice(d * m, d * m + m);
    Td[0] = sw[d];
    // S = Σ w c cᵀ: S00 = Σw, S0k = Sk0 = Skk = T_k
    const S = new Float64Array(m * m);
    S[0] = sw[d];
    for (let j = 1; j < m; j++) {
      S[j] = Td[j];
      S[j * m] = Td[j];
      S[j * m + j] = Td[j];
    }
    const sums: DomainSums = {
      A: A.subarray(d * nU * m, (d + 1) * nU * m),
      B: null,
      T: Td,
      S,
      units: units[d],
      count: count[d],
      sw: sw[d],
      sw2: sw2[d],
      df: df[d],
      designRows: designRows[d],
    };
    out.push(finishByUnits(design, stat, ws, mark, 0, null, sums));
  }
  return out;
}

/** Per-unit sums of w·c for one domain at a time (reset by stamps, not by clearing). */
export class UnitScratch {
  readonly sums: Float64Array;
  readonly mark: Int32Array;
  stamp = 0;
  constructor(nUnits: number, m: number) {
    this.sums = new Float64Array(nUnits * m);
    this.mark = new Int32Array(nUnits);
  }
}

/**
 * Linearization without calibration, computed from sufficient statistics: per unit of the
 * deepest variance stage the sums A_u = Σ w·c, so that the unit totals of the influence values
 * are G·A_u (the influence values are linear in c with the same G in the whole domain), and
 * S = Σ w·c·cᵀ for the design effect (Σ w u² = G S Gᵀ). Only the non-zero components of each
 * row are touched.
 */
export function estimateDomainByUnits(
  design: Design,
  stat: SmoothStatistic,
  domain: Int32Array,
  ws: VarianceWorkspace,
  sc: UnitScratch,
  ps: PostStratificationSums | null,
): DomainEstimate {
  const { m, p } = stat;
  const w = design.weights;
  const unitOf = design.stages[deepestVarianceStage(design)].unit;
  const df = degreesOfFreedom(design, domain);
  const stamp = ++sc.stamp;
  const idx = new Int32Array(m);
  const val = new Float64Array(m);
  const T = new Float64Array(m);
  const S = new Float64Array(m * m);
  const units: number[] = [];
  const A = sc.sums;
  // post-stratification: per cell Σ w·c·oldw/psw over the domain's valid rows
  const B = ps === null ? null : new Float64Array(ps.cells * m);
  const cellOf = ps === null ? null : ps.cell;
  const factor = ps === null ? null : ps.factor;
  let count = 0;
  let sw = 0;
  let sw2 = 0;
  const oneHot = stat.oneHot;
  const columns = stat.columns;
  if (oneHot !== undefined) {
    // proportions: c = (1, e_k), so every sum is a sum of weights
    for (let r = 0; r < domain.length; r++) {
      const i = domain[r];
      const k = oneHot[i];
      if (k < 0) continue;
      count++;
      const wi = w[i];
      sw += wi;
      sw2 += wi * wi;
      const u = unitOf[i];
      if (sc.mark[u] !== stamp) {
        sc.mark[u] = stamp;
        units.push(u);
        for (let j = 0; j < m; j++) A[u * m + j] = 0;
      }
      A[u * m] += wi;
      A[u * m + k + 1] += wi;
      T[k + 1] += wi;
      if (B !== null) {
        const wf = wi * factor![i];
        const cb = cellOf![i] * m;
        B[cb] += wf;
        B[cb + k + 1] += wf;
      }
    }
    T[0] = sw;
    // S = Σ w c cᵀ: S00 = S0k = Sk0 = Skk = T_k (k ≥ 1), S00 = Σw
    S[0] = sw;
    for (let j = 1; j < m; j++) {
      S[j] = T[j];
      S[j * m] = T[j];
      S[j * m + j] = T[j];
    }
  } else for (let r = 0; r < domain.length; r++) {
    const i = domain[r];
    let nnz: number;
    if (columns !== undefined) {
      // as multiMeanStatistic's valid and sparse, inline
      let ok = true;
      for (let k = 0; k < columns.length && ok; k++) if (Number.isNaN(columns[k][i])) ok = false;
      if (!ok) continue;
      idx[0] = 0;
      val[0] = 1;
      nnz = 1;
      for (let k = 0; k < columns.length; k++) {
        const v = columns[k][i];
        if (v === 0) continue;
        idx[nnz] = k + 1;
        val[nnz] = v;
        nnz++;
      }
    } else {
      if (!stat.valid(i)) continue;
      nnz = stat.sparse(i, idx, val);
    }
    count++;
    const wi = w[i];
    sw += wi;
    sw2 += wi * wi;
    const u = unitOf[i];
    if (sc.mark[u] !== stamp) {
      sc.mark[u] = stamp;
      units.push(u);
      for (let j = 0; j < m; j++) A[u * m + j] = 0;
    }
    for (let a = 0; a < nnz; a++) {
      const ja = idx[a];
      const wv = wi * val[a];
      T[ja] += wv;
      A[u * m + ja] += wv;
      for (let b = 0; b < nnz; b++) S[ja * m + idx[b]] += wv * val[b];
    }
    if (B !== null) {
      const f = factor![i];
      const cb = cellOf![i] * m;
      for (let a = 0; a < nnz; a++) B[cb + idx[a]] += wi * val[a] * f;
    }
  }
  const designRows = ps === null ? domain.length : design.nrow;
  return finishByUnits(design, stat, ws, sc.mark, stamp, ps, { A, B, T, S, units, count, sw, sw2, df, designRows });
}

/** Sufficient statistics of one domain (per-unit sums A indexed by unit·m). */
interface DomainSums {
  readonly A: Float64Array;
  readonly B: Float64Array | null;
  readonly T: Float64Array;
  readonly S: Float64Array;
  readonly units: number[];
  readonly count: number;
  readonly sw: number;
  readonly sw2: number;
  readonly df: number;
  readonly designRows: number;
}

function finishByUnits(
  design: Design,
  stat: SmoothStatistic,
  ws: VarianceWorkspace,
  mark: Int32Array,
  stamp: number,
  ps: PostStratificationSums | null,
  sums: DomainSums,
): DomainEstimate {
  const { m, p } = stat;
  const { A, B, T, S, units, count, sw, sw2, df, designRows } = sums;
  if (count === 0) return notEstimable(p, df, designRows);
  const theta = new Float64Array(p);
  stat.estimate(T, theta);
  const G = new Float64Array(p * m);
  stat.gradient(T, G);
  let cov: Float64Array | null;
  if (ps === null) {
    // zt = G·A_u over the non-zero entries of G only (proportions: two per row), in the same
    // order, so the sums are the dense ones (the skipped terms are exact zeros)
    const nzStart = new Int32Array(p + 1);
    const nzCol: number[] = [];
    for (let k = 0; k < p; k++) {
      for (let j = 0; j < m; j++) if (G[k * m + j] !== 0) nzCol.push(j);
      nzStart[k + 1] = nzCol.length;
    }
    const zt = new Float64Array(units.length * p);
    for (let q = 0; q < units.length; q++) {
      const base = units[q] * m;
      for (let k = 0; k < p; k++) {
        let s = 0;
        for (let x = nzStart[k]; x < nzStart[k + 1]; x++) {
          const j = nzCol[x];
          s += G[k * m + j] * A[base + j];
        }
        zt[q * p + k] = s;
      }
    }
    cov = linearizationCovarianceOfUnits(design, units, zt, p, ws);
    if (stamp !== 0) variancePathCounts.unitSums++; // (stamp 0: the row pass, counted there)
  } else {
    cov = ps.centred === null ? null : postStratifiedCovariance(design, ps, ps.centred, G, A, B!, units, m, p);
    if (cov !== null) variancePathCounts.postStratifiedCentred++;
    else {
      if (ps.centred !== null) variancePathCounts.postStratifiedCancelled++;
      else variancePathCounts.postStratifiedUnits++;
      cov = linearizationCovarianceOfUnits(design, ...postStratifiedUnitTotals(ps, G, A, B!, units, mark, stamp, m, p, design), p, ws);
    }
  }
  const deff = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    let su = 0;
    let suu = 0;
    for (let j = 0; j < m; j++) {
      const gj = G[k * m + j];
      if (gj === 0) continue;
      su += gj * T[j];
      for (let l = 0; l < m; l++) suu += gj * G[k * m + l] * S[j * m + l];
    }
    deff[k] = srsDeff(cov[k * p + k], suu - (su * su) / sw, sw, count);
  }
  return { estimable: true, estimate: theta, covariance: cov, deff, n: count, weightedN: sw, kishDeff: (count * sw2) / (sw * sw), df, designRows };
}
