/**
 * Estimators that are smooth functions of weighted totals — total, mean, ratio, proportions,
 * multiple response — evaluated for every domain in one pass over the data.
 *
 * A statistic is θ = g(T) with T_j = Σ_i w_i c_j(i) over the rows of a domain that have valid
 * values. Its linearization (influence) value for row i is w_i Σ_j ∂g/∂T_j c_j(i) (Woodruff
 * 1971; Binder 1983), which is what R survey's svymean/svytotal/svyratio pass to svyrecvar; for
 * replicate designs θ is recomputed with every replicate weight and the variance is R's svrVar.
 * Rows outside the domain keep the full design: they add no unit to a stratum, but strata keep
 * their sample sizes (as R's subset of a survey.design2), so no SE is understated.
 */

import { applyCalibrationSteps } from '../design/calibration-variance.js';
import type { Design } from '../design/design.js';
import {
  VarianceWorkspace,
  deepestVarianceStage,
  degreesOfFreedom,
  linearizationCovariance,
  linearizationCovarianceOfUnits,
} from '../design/linearization.js';
import { svrVar } from '../design/replicate-variance.js';
import { type DeleteOneStructure, deleteOneStructure, replicateDegf } from '../design/replicates.js';

export interface SmoothStatistic {
  /** Number of totals T. */
  readonly m: number;
  /** Number of estimates θ. */
  readonly p: number;
  /** True when row i has valid values for this statistic (else it is left out, as na.rm = TRUE). */
  valid(i: number): boolean;
  /** c(i): writes the m values whose weighted sums are the totals to out[offset … offset + m − 1] (zeros included). */
  components(i: number, out: Float64Array, offset: number): void;
  estimate(T: Float64Array, out: Float64Array): void;
  /** Set for proportions: c(i) = (1, e_category(i)); lets the sufficient-statistics pass skip the generic calls. */
  readonly oneHot?: Int32Array;
  /** Set for means of several columns: c(i) = (1, y_1(i), …, y_K(i)); lets the pass read them without calls. */
  readonly columns?: readonly Float64Array[];
  /** Set for the mean of one column: c(i) = (1, y(i)), valid when y(i) is not NaN. */
  readonly meanOf?: Float64Array;
  /** The non-zero components of c(i): writes indices and values, returns how many. */
  sparse(i: number, idx: Int32Array, val: Float64Array): number;
  /** ∂θ/∂T, p×m row-major. */
  gradient(T: Float64Array, out: Float64Array): void;
}

/** Estimates of one domain with their covariance, before confidence intervals. */
export interface DomainEstimate {
  /** False when the domain has no row with a valid value. */
  readonly estimable: boolean;
  readonly estimate: Float64Array;
  /** p×p covariance, row-major. */
  readonly covariance: Float64Array;
  /** Design effect per estimate, as R's deff = TRUE (NaN when not defined). */
  readonly deff: Float64Array;
  /** Unweighted number of rows with valid values. */
  readonly n: number;
  /** Sum of weights of those rows. */
  readonly weightedN: number;
  /** Kish's design effect of the weights: n Σw² / (Σw)². */
  readonly kishDeff: number;
  /** Design degrees of freedom of the domain (R degf of the subset design). */
  readonly df: number;
  /** Number of rows of the domain design as R counts nrow(design) (for svyciprop "beta"). */
  readonly designRows: number;
  /** Rows with valid values and their influence values per unit weight (u = z / w, p per row), for joint variances (contrasts, tests). */
  readonly influence?: { readonly rows: Int32Array; readonly u: Float64Array };
  /** Replicate estimates (R × p) for replicate designs. */
  readonly replicateEstimates?: Float64Array;
  /**
   * Replicate designs: variance of logit(θ) from the replicates (what R's svyciprop "logit" uses:
   * svyglm on a replicate design refits the intercept, logit(θ_r), in every replicate).
   */
  readonly logitVariance?: Float64Array;
}

/** Evaluates a smooth statistic in each domain; `domainRows[d]` are the rows of domain d. */
export function estimateSmooth(design: Design, stat: SmoothStatistic, domainRows: readonly Int32Array[], keep = false): DomainEstimate[] {
  const ws = design.replicates === null ? new VarianceWorkspace(design, stat.p) : null;
  const deepest = design.stages[deepestVarianceStage(design)];
  const fast = ws !== null && !keep && deepest.nUnits * stat.m <= 2e7;
  if (fast && design.calibration.length === 0) {
    const scratch = new UnitScratch(deepest.nUnits, stat.m);
    return domainRows.map((rows) => estimateDomainByUnits(design, stat, rows, ws, scratch, null));
  }
  const ps = fast ? postStratificationSums(design) : null;
  if (ps !== null) {
    const scratch = new UnitScratch(deepest.nUnits, stat.m);
    return domainRows.map((rows) => estimateDomainByUnits(design, stat, rows, ws!, scratch, ps));
  }
  const del = design.replicates !== null && !keep ? deleteOneStructure(design.replicates.weights) : null;
  if (del !== null) return domainRows.map((rows) => estimateDomainDeleteOne(design, stat, rows, del));
  return domainRows.map((rows) => estimateDomain(design, stat, rows, ws, keep));
}

/**
 * What a single post-stratification step needs for sufficient statistics, per design (cached):
 * R's residual x − psw · (Σ_cell x·oldw/psw) / (Σ_cell oldw) summed over a unit u is
 * Σ_u x − Σ_c W[u, c] · b_c with W[u, c] the sum of psw over the rows of unit u in cell c and
 * b_c = (Σ_cell x·oldw/psw) / (Σ_cell oldw). As x is zero outside the domain, b_c needs only the
 * domain's rows, and the unit totals need W (fixed by the design): no n-length pass per domain.
 */
interface PostStratificationSums {
  readonly cells: number;
  /** Row i's cell. */
  readonly cell: Int32Array;
  /** oldw / psw per row. */
  readonly factor: Float64Array;
  /** Σ_cell oldw. */
  readonly oldSum: Float64Array;
  /** W[u·cells + c]: Σ psw over the rows of deepest-stage unit u in cell c. */
  readonly unitCellWeight: Float64Array;
  /** One-stage designs without lonely PSUs: the centred form below, else null. */
  readonly centred: CentredCellWeights | null;
}

/**
 * For a one-stage variance (stage 1 units; strata with ≥ 2 units) the stratum sum of squares
 * of the unit totals t_u = a_u − Σ_c W[u,c]·b_c splits into domain-unit terms and a design
 * constant: with W̃[u,c] = W[u,c] − mean_h W[·,c] and M_h = Σ_{u∈h} W̃_u W̃_uᵀ,
 *   Σ_{u∈h} (t_u − t̄_h)(t_u − t̄_h)ᵀ = Q_h − X_h − X_hᵀ + Σ_{c,c'} M_h[c,c'] b_c b_c'ᵀ,
 * Q_h = Σ_{u∈h} (a_u − ā_h)(a_u − ā_h)ᵀ (a_u = 0 outside the domain) and X_h = Σ_{u∈dom∩h} a_u (W̃_u b)ᵀ
 * (as Σ_{u∈h} W̃_u = 0). So a domain costs its own units plus strata × cells², not all units.
 */
interface CentredCellWeights {
  /** W̃[u·cells + c]. */
  readonly centred: Float64Array;
  /** M_h[c·cells + c'] at h·cells². */
  readonly gram: Float64Array;
  /** f_h · n_h/(n_h − 1) per stratum (0 for certainty strata). */
  readonly scale: Float64Array;
}

function centredCellWeights(design: Design, W: Float64Array, C: number): CentredCellWeights | null {
  if (deepestVarianceStage(design) !== 0) return null;
  const st = design.stages[0];
  const H = st.nStrata;
  if (H * C * C > st.nUnits) return null;
  const scale = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    const n = st.sampleSize[h];
    if (n < 2) return null; // lonely PSUs: left to the general code
    const pop = st.popSize === null ? null : st.popSize[h];
    const f = pop === null || pop === Infinity ? 1 : (pop - n) / pop;
    scale[h] = f < 1e-7 ? 0 : (f * n) / (n - 1);
  }
  const mean = new Float64Array(H * C);
  for (let u = 0; u < st.nUnits; u++) for (let c = 0; c < C; c++) mean[st.unitStratum[u] * C + c] += W[u * C + c];
  for (let h = 0; h < H; h++) for (let c = 0; c < C; c++) mean[h * C + c] /= st.sampleSize[h];
  const centred = new Float64Array(st.nUnits * C);
  const gram = new Float64Array(H * C * C);
  for (let u = 0; u < st.nUnits; u++) {
    const h = st.unitStratum[u];
    for (let c = 0; c < C; c++) centred[u * C + c] = W[u * C + c] - mean[h * C + c];
    for (let c = 0; c < C; c++) for (let e = 0; e < C; e++) gram[h * C * C + c * C + e] += centred[u * C + c] * centred[u * C + e];
  }
  return { centred, gram, scale };
}

const postStratificationCache = new WeakMap<object, { unit: Int32Array; sums: PostStratificationSums }>();

function postStratificationSums(design: Design): PostStratificationSums | null {
  if (design.calibration.length !== 1) return null;
  const step = design.calibration[0];
  if (step.kind !== 'poststratify') return null;
  const unit = design.stages[deepestVarianceStage(design)].unit;
  const hit = postStratificationCache.get(step);
  if (hit !== undefined && hit.unit === unit) return hit.sums;
  const n = design.nrow;
  let cells = 0;
  for (let i = 0; i < n; i++) if (step.cell[i] + 1 > cells) cells = step.cell[i] + 1;
  const nUnits = design.stages[deepestVarianceStage(design)].nUnits;
  if (nUnits * cells > 2e7) return null;
  const factor = new Float64Array(n);
  const oldSum = new Float64Array(cells);
  const unitCellWeight = new Float64Array(nUnits * cells);
  for (let i = 0; i < n; i++) {
    // as applyPostStratification: psw = 1 where both weights are zero
    const psw = step.weights[i] === 0 && step.oldWeights[i] === 0 ? 1 : step.weights[i];
    const c = step.cell[i];
    factor[i] = step.oldWeights[i] / psw;
    oldSum[c] += step.oldWeights[i];
    unitCellWeight[unit[i] * cells + c] += psw;
  }
  const sums = { cells, cell: step.cell, factor, oldSum, unitCellWeight, centred: centredCellWeights(design, unitCellWeight, cells) };
  postStratificationCache.set(step, { unit, sums });
  return sums;
}

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
  const stratum1 = first.stratum;
  const A = new Float64Array(nDomains * nU * m);
  const mark = new Int32Array(nDomains * nU);
  const units: number[][] = Array.from({ length: nDomains }, () => []);
  const T = new Float64Array(nDomains * m);
  const count = new Float64Array(nDomains);
  const sw = new Float64Array(nDomains);
  const sw2 = new Float64Array(nDomains);
  const designRows = new Float64Array(nDomains);
  // R degf of each domain: stage-1 units − strata among the domain's rows (valid or not)
  const unitSeen = new Uint8Array(nDomains * first.nUnits);
  const stratumSeen = new Uint8Array(nDomains * first.nStrata);
  const df = new Float64Array(nDomains);
  for (let i = 0; i < ofRow.length; i++) {
    const d = ofRow[i];
    if (d < 0) continue;
    designRows[d]++;
    const u1 = d * first.nUnits + unit1[i];
    if (unitSeen[u1] === 0) {
      unitSeen[u1] = 1;
      df[d]++;
    }
    const h1 = d * first.nStrata + stratum1[i];
    if (stratumSeen[h1] === 0) {
      stratumSeen[h1] = 1;
      df[d]--;
    }
    const k = oneHot[i];
    if (k < 0) continue;
    const wi = w[i];
    count[d]++;
    sw[d] += wi;
    sw2[d] += wi * wi;
    const u = unitOf[i];
    const slot = d * nU + u;
    if (mark[slot] === 0) {
      mark[slot] = 1;
      units[d].push(u);
    }
    A[slot * m] += wi;
    A[slot * m + k + 1] += wi;
    T[d * m + k + 1] += wi;
  }
  const ws = new VarianceWorkspace(design, p);
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
class UnitScratch {
  readonly sums: Float64Array;
  readonly mark: Int32Array;
  stamp = 0;
  constructor(nUnits: number, m: number) {
    this.sums = new Float64Array(nUnits * m);
    this.mark = new Int32Array(nUnits);
  }
}

function notEstimable(p: number, df: number, designRows: number): DomainEstimate {
  return {
    estimable: false,
    estimate: new Float64Array(p).fill(NaN),
    covariance: new Float64Array(p * p).fill(NaN),
    deff: new Float64Array(p).fill(NaN),
    n: 0,
    weightedN: 0,
    kishDeff: NaN,
    df,
    designRows,
  };
}

/**
 * Linearization without calibration, computed from sufficient statistics: per unit of the
 * deepest variance stage the sums A_u = Σ w·c, so that the unit totals of the influence values
 * are G·A_u (the influence values are linear in c with the same G in the whole domain), and
 * S = Σ w·c·cᵀ for the design effect (Σ w u² = G S Gᵀ). Only the non-zero components of each
 * row are touched.
 */
function estimateDomainByUnits(
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
  let cov: Float64Array;
  if (ps === null) {
    const zt = new Float64Array(units.length * p);
    units.forEach((u, q) => {
      for (let k = 0; k < p; k++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += G[k * m + j] * A[u * m + j];
        zt[q * p + k] = s;
      }
    });
    cov = linearizationCovarianceOfUnits(design, units, zt, p, ws);
  } else {
    cov =
      (ps.centred === null ? null : postStratifiedCovariance(design, ps, ps.centred, G, A, B!, units, m, p)) ??
      linearizationCovarianceOfUnits(design, ...postStratifiedUnitTotals(ps, G, A, B!, units, mark, stamp, m, p, design), p, ws);
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

/** b_c = G·B_c / Σ_cell oldw: the cell coefficients of the post-stratification residuals. */
function cellCoefficients(ps: PostStratificationSums, G: Float64Array, B: Float64Array, m: number, p: number): Float64Array {
  const C = ps.cells;
  const b = new Float64Array(C * p);
  for (let c = 0; c < C; c++) {
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += G[k * m + j] * B[c * m + j];
      b[c * p + k] = s / ps.oldSum[c];
    }
  }
  return b;
}

/**
 * The covariance of a post-stratified one-stage design from the domain's units and the design
 * constants (see CentredCellWeights). Returns null when the terms cancel so much (a variable
 * the post-strata nearly determine) that rounding could show at 1e-10; the caller then sums
 * over every unit.
 */
function postStratifiedCovariance(
  design: Design,
  ps: PostStratificationSums,
  cw: CentredCellWeights,
  G: Float64Array,
  A: Float64Array,
  B: Float64Array,
  units: readonly number[],
  m: number,
  p: number,
): Float64Array | null {
  const st = design.stages[0];
  const H = st.nStrata;
  const C = ps.cells;
  const pp = p * p;
  const b = cellCoefficients(ps, G, B, m, p);
  // Per stratum, in the m components (A_u is sparse when units are rows): ΣA_u, ΣA_u A_uᵀ and
  // Y[j, c] = Σ A_uj W̃[u,c]; then a = G·A gives Q_h = G(ΣAAᵀ)Gᵀ − n_h ā āᵀ and X_h = G Y bᵀ.
  const mm = m * m;
  const sumA = new Float64Array(H * m);
  const sAA = new Float64Array(H * mm);
  const Y = new Float64Array(H * m * C);
  const nz = new Int32Array(m);
  for (let q = 0; q < units.length; q++) {
    const u = units[q];
    const h = st.unitStratum[u];
    let cnt = 0;
    for (let j = 0; j < m; j++) if (A[u * m + j] !== 0) nz[cnt++] = j;
    for (let x = 0; x < cnt; x++) {
      const j = nz[x];
      const aj = A[u * m + j];
      sumA[h * m + j] += aj;
      for (let y = 0; y < cnt; y++) sAA[h * mm + j * m + nz[y]] += aj * A[u * m + nz[y]];
      for (let c = 0; c < C; c++) Y[(h * m + j) * C + c] += aj * cw.centred[u * C + c];
    }
  }
  const cov = new Float64Array(pp);
  const size = new Float64Array(p); // Σ of the non-negative terms per diagonal, for the cancellation check
  const abar = new Float64Array(p);
  const GS = new Float64Array(p * m);
  const Gy = new Float64Array(p * C);
  for (let h = 0; h < H; h++) {
    const scale = cw.scale[h];
    if (scale === 0) continue;
    const nh = st.sampleSize[h];
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += G[k * m + j] * sumA[h * m + j];
      abar[k] = s / nh;
      for (let l = 0; l < m; l++) {
        let t = 0;
        for (let j = 0; j < m; j++) t += G[k * m + j] * sAA[h * mm + j * m + l];
        GS[k * m + l] = t;
      }
      for (let c = 0; c < C; c++) {
        let t = 0;
        for (let j = 0; j < m; j++) t += G[k * m + j] * Y[(h * m + j) * C + c];
        Gy[k * C + c] = t;
      }
    }
    for (let k = 0; k < p; k++) {
      for (let l = 0; l < p; l++) {
        let aa = 0;
        for (let j = 0; j < m; j++) aa += GS[k * m + j] * G[l * m + j];
        let xkl = 0;
        let xlk = 0;
        for (let c = 0; c < C; c++) {
          xkl += Gy[k * C + c] * b[c * p + l];
          xlk += Gy[l * C + c] * b[c * p + k];
        }
        let mb = 0;
        for (let c = 0; c < C; c++) {
          const bc = b[c * p + k];
          if (bc === 0) continue;
          for (let e = 0; e < C; e++) mb += cw.gram[h * C * C + c * C + e] * bc * b[e * p + l];
        }
        cov[k * p + l] += scale * (aa - nh * abar[k] * abar[l] - xkl - xlk + mb);
        if (k === l) size[k] += scale * (aa + mb);
      }
    }
  }
  for (let k = 0; k < p; k++) if (!(cov[k * p + k] >= 1e-6 * size[k])) return null;
  return cov;
}

/**
 * Unit totals of the post-stratification residuals (see PostStratificationSums) for every unit
 * of the deepest variance stage: the residuals are non-zero outside the domain too.
 */
function postStratifiedUnitTotals(
  ps: PostStratificationSums,
  G: Float64Array,
  A: Float64Array,
  B: Float64Array,
  units: readonly number[],
  mark: Int32Array,
  stamp: number,
  m: number,
  p: number,
  design: Design,
): [Int32Array, Float64Array] {
  const C = ps.cells;
  // b_c = G·B_c / Σ_cell oldw
  const b = new Float64Array(C * p);
  for (let c = 0; c < C; c++) {
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += G[k * m + j] * B[c * m + j];
      b[c * p + k] = s / ps.oldSum[c];
    }
  }
  const nUnits = design.stages[deepestVarianceStage(design)].nUnits;
  const all = new Int32Array(nUnits);
  const tot = new Float64Array(nUnits * p);
  const W = ps.unitCellWeight;
  for (let u = 0; u < nUnits; u++) {
    all[u] = u;
    for (let c = 0; c < C; c++) {
      const wuc = W[u * C + c];
      if (wuc === 0) continue;
      for (let k = 0; k < p; k++) tot[u * p + k] -= b[c * p + k] * wuc;
    }
  }
  for (const u of units) {
    if (mark[u] !== stamp) continue;
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += G[k * m + j] * A[u * m + j];
      tot[u * p + k] += s;
    }
  }
  return [all, tot];
}

function estimateDomain(design: Design, stat: SmoothStatistic, domain: Int32Array, ws: VarianceWorkspace | null, keep: boolean): DomainEstimate {
  const { m, p } = stat;
  const w = design.weights;
  let count = 0;
  for (let r = 0; r < domain.length; r++) if (stat.valid(domain[r])) count++;
  const rows = new Int32Array(count);
  {
    let j = 0;
    for (let r = 0; r < domain.length; r++) if (stat.valid(domain[r])) rows[j++] = domain[r];
  }
  const df =
    design.replicates !== null
      ? domain.length === design.nrow
        ? design.replicates.degf
        : replicateDegf(design.replicates.weights, domain)
      : degreesOfFreedom(design, domain);
  const designRows = design.calibration.length > 0 ? design.nrow : domain.length;
  if (count === 0) return notEstimable(p, df, designRows);
  // Totals and the weight sums.
  const C = new Float64Array(count * m);
  const T = new Float64Array(m);
  let sw = 0;
  let sw2 = 0;
  for (let r = 0; r < count; r++) {
    const i = rows[r];
    stat.components(i, C, r * m);
    const wi = w[i];
    sw += wi;
    sw2 += wi * wi;
    const o = r * m;
    for (let j = 0; j < m; j++) T[j] += wi * C[o + j];
  }
  const theta = new Float64Array(p);
  stat.estimate(T, theta);
  const G = new Float64Array(p * m);
  stat.gradient(T, G);
  // Influence per unit weight u and weighted z = w·u.
  // (components are mostly zero for categories: only their non-zero entries are multiplied)
  const u = new Float64Array(count * p);
  const Gt = new Float64Array(m * p);
  for (let k = 0; k < p; k++) for (let j = 0; j < m; j++) Gt[j * p + k] = G[k * m + j];
  for (let r = 0; r < count; r++) {
    const o = r * m;
    const ou = r * p;
    for (let j = 0; j < m; j++) {
      const cj = C[o + j];
      if (cj === 0) continue;
      const og = j * p;
      for (let k = 0; k < p; k++) u[ou + k] += Gt[og + k] * cj;
    }
  }
  let cov: Float64Array;
  let replicateEstimates: Float64Array | undefined;
  let logitVariance: Float64Array | undefined;
  if (design.replicates !== null) {
    replicateEstimates = replicateThetas(design, stat, rows, C);
    const rep = design.replicates;
    cov = svrVar(replicateEstimates, rep.weights.length, p, rep, theta);
    const R = rep.weights.length;
    const lt = replicateEstimates.map((v) => Math.log(v / (1 - v)));
    const l0 = theta.map((v) => Math.log(v / (1 - v)));
    logitVariance = new Float64Array(p);
    for (let k = 0; k < p; k++) {
      const col = new Float64Array(R);
      for (let r = 0; r < R; r++) col[r] = lt[r * p + k];
      logitVariance[k] = svrVar(col, R, 1, rep, l0.subarray(k, k + 1))[0];
    }
  } else if (design.calibration.length > 0) {
    const n = design.nrow;
    const zd = new Float64Array(n * p);
    for (let r = 0; r < count; r++) for (let k = 0; k < p; k++) zd[rows[r] * p + k] = w[rows[r]] * u[r * p + k];
    applyCalibrationSteps(design.calibration, zd, n, p);
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    cov = linearizationCovariance(design, all, p, zd, ws ?? undefined);
  } else {
    const z = new Float64Array(count * p);
    for (let r = 0; r < count; r++) for (let k = 0; k < p; k++) z[r * p + k] = w[rows[r]] * u[r * p + k];
    cov = linearizationCovariance(design, rows, p, z, ws ?? undefined);
  }
  // Design effect (R svymean/svytotal deff = TRUE): V / (svyvar(u)·N̂²·(N̂ − n)/(N̂·n)).
  const deff = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    let mean = 0;
    for (let r = 0; r < count; r++) mean += w[rows[r]] * u[r * p + k];
    mean /= sw;
    let ss = 0;
    for (let r = 0; r < count; r++) {
      const d = u[r * p + k] - mean;
      ss += w[rows[r]] * d * d;
    }
    deff[k] = srsDeff(cov[k * p + k], ss, sw, count);
  }
  return {
    estimable: true,
    estimate: theta,
    covariance: cov,
    deff,
    n: count,
    weightedN: sw,
    kishDeff: (count * sw2) / (sw * sw),
    df,
    designRows,
    ...(keep ? { influence: { rows, u } } : {}),
    ...(replicateEstimates !== undefined ? { replicateEstimates } : {}),
    ...(logitVariance !== undefined ? { logitVariance } : {}),
  };
}

/**
 * estimateDomain for delete-one replicate weights (JK1) without per-row arrays: the same sums
 * in the same order (totals, replicate totals T' − T'_{dropped}, influence values for the design
 * effect), each row's components recomputed in a small scratch instead of stored.
 */
function estimateDomainDeleteOne(design: Design, stat: SmoothStatistic, domain: Int32Array, del: DeleteOneStructure): DomainEstimate {
  const rep = design.replicates!;
  const { m, p } = stat;
  const R = rep.weights.length;
  const w = design.weights;
  const df = domain.length === design.nrow ? rep.degf : replicateDegf(rep.weights, domain);
  const designRows = design.calibration.length > 0 ? design.nrow : domain.length;
  const c = new Float64Array(m);
  const T = new Float64Array(m);
  const full = new Float64Array(m);
  const dropped = new Float64Array(R * m);
  let count = 0;
  let sw = 0;
  let sw2 = 0;
  const y = stat.meanOf;
  if (y !== undefined) {
    // the mean (c = (1, y)) inline: the same sums as the general loop below
    let t0 = 0;
    let t1 = 0;
    let f0 = 0;
    let f1 = 0;
    for (let r = 0; r < domain.length; r++) {
      const i = domain[r];
      const yi = y[i];
      if (Number.isNaN(yi)) continue;
      count++;
      const wi = w[i];
      sw += wi;
      sw2 += wi * wi;
      t0 += wi * 1;
      t1 += wi * yi;
      const ki = del.kept[i];
      if (ki === 0) continue;
      f0 += ki * 1;
      f1 += ki * yi;
      const d = del.drop[i];
      if (d >= 0) {
        dropped[d * 2] += ki * 1;
        dropped[d * 2 + 1] += ki * yi;
      }
    }
    T[0] = t0;
    T[1] = t1;
    full[0] = f0;
    full[1] = f1;
  } else for (let r = 0; r < domain.length; r++) {
    const i = domain[r];
    if (!stat.valid(i)) continue;
    count++;
    for (let j = 0; j < m; j++) c[j] = 0;
    stat.components(i, c, 0);
    const wi = w[i];
    sw += wi;
    sw2 += wi * wi;
    for (let j = 0; j < m; j++) T[j] += wi * c[j];
    const ki = del.kept[i];
    if (ki === 0) continue;
    for (let j = 0; j < m; j++) full[j] += ki * c[j];
    const d = del.drop[i];
    if (d >= 0) for (let j = 0; j < m; j++) dropped[d * m + j] += ki * c[j];
  }
  if (count === 0) return notEstimable(p, df, designRows);
  const theta = new Float64Array(p);
  stat.estimate(T, theta);
  const G = new Float64Array(p * m);
  stat.gradient(T, G);
  const thetas = new Float64Array(R * p);
  const Tr = new Float64Array(m);
  const out = new Float64Array(p);
  for (let r = 0; r < R; r++) {
    for (let j = 0; j < m; j++) Tr[j] = full[j] - dropped[r * m + j];
    stat.estimate(Tr, out);
    thetas.set(out, r * p);
  }
  const cov = svrVar(thetas, R, p, rep, theta);
  const logitVariance = new Float64Array(p);
  const l0 = theta.map((v) => Math.log(v / (1 - v)));
  const col = new Float64Array(R);
  for (let k = 0; k < p; k++) {
    for (let r = 0; r < R; r++) col[r] = Math.log(thetas[r * p + k] / (1 - thetas[r * p + k]));
    logitVariance[k] = svrVar(col, R, 1, rep, l0.subarray(k, k + 1))[0];
  }
  // Design effect as estimateDomain: u = G·c per row, mean and sum of squares around it.
  const Gt = new Float64Array(m * p);
  for (let k = 0; k < p; k++) for (let j = 0; j < m; j++) Gt[j * p + k] = G[k * m + j];
  const u = new Float64Array(p);
  let ss0 = 0;
  const influence = (i: number): void => {
    for (let j = 0; j < m; j++) c[j] = 0;
    if (y !== undefined) {
      c[0] = 1;
      c[1] = y[i];
    } else stat.components(i, c, 0);
    for (let k = 0; k < p; k++) u[k] = 0;
    for (let j = 0; j < m; j++) {
      const cj = c[j];
      if (cj === 0) continue;
      for (let k = 0; k < p; k++) u[k] += Gt[j * p + k] * cj;
    }
  };
  const mean = new Float64Array(p);
  if (y !== undefined) {
    // the mean inline: u = G₀·1 + G₁·y (p = 1)
    const g0 = Gt[0];
    const g1 = Gt[1];
    let s1 = 0;
    for (let r = 0; r < domain.length; r++) {
      const i = domain[r];
      const yi = y[i];
      if (Number.isNaN(yi)) continue;
      s1 += w[i] * (yi === 0 ? g0 * 1 : g0 * 1 + g1 * yi);
    }
    const mu = s1 / sw;
    let q = 0;
    for (let r = 0; r < domain.length; r++) {
      const i = domain[r];
      const yi = y[i];
      if (Number.isNaN(yi)) continue;
      const d = (yi === 0 ? g0 * 1 : g0 * 1 + g1 * yi) - mu;
      q += w[i] * d * d;
    }
    mean[0] = s1; // divided by sw below, as in the general loop
    ss0 = q;
  } else for (let r = 0; r < domain.length; r++) {
    const i = domain[r];
    if (!stat.valid(i)) continue;
    influence(i);
    for (let k = 0; k < p; k++) mean[k] += w[i] * u[k];
  }
  for (let k = 0; k < p; k++) mean[k] /= sw;
  const ss = new Float64Array(p);
  if (y !== undefined) ss[0] = ss0;
  else for (let r = 0; r < domain.length; r++) {
    const i = domain[r];
    if (!stat.valid(i)) continue;
    influence(i);
    for (let k = 0; k < p; k++) {
      const d = u[k] - mean[k];
      ss[k] += w[i] * d * d;
    }
  }
  const deff = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    deff[k] = srsDeff(cov[k * p + k], ss[k], sw, count);
  }
  return {
    estimable: true,
    estimate: theta,
    covariance: cov,
    deff,
    n: count,
    weightedN: sw,
    kishDeff: (count * sw2) / (sw * sw),
    df,
    designRows,
    replicateEstimates: thetas,
    logitVariance,
  };
}

/** Replicate estimates θ_r (R × p) of a statistic, from the rows' components C. */
function replicateThetas(design: Design, stat: SmoothStatistic, rows: Int32Array, C: Float64Array): Float64Array {
  const rep = design.replicates!;
  const { m, p } = stat;
  const R = rep.weights.length;
  const thetas = new Float64Array(R * p);
  const T = new Float64Array(m);
  const out = new Float64Array(p);
  const nr = rows.length;
  const del = deleteOneStructure(rep.weights);
  if (del !== null) {
    // Delete-one replicates (JK1): T_r = T' − T'_{rows dropped by r}, one pass over the rows.
    const full = new Float64Array(m);
    const dropped = new Float64Array(R * m);
    for (let q = 0; q < nr; q++) {
      const i = rows[q];
      const wi = del.kept[i];
      if (wi === 0) continue;
      const o = q * m;
      for (let j = 0; j < m; j++) full[j] += wi * C[o + j];
      const r = del.drop[i];
      if (r >= 0) for (let j = 0; j < m; j++) dropped[r * m + j] += wi * C[o + j];
    }
    for (let r = 0; r < R; r++) {
      for (let j = 0; j < m; j++) T[j] = full[j] - dropped[r * m + j];
      stat.estimate(T, out);
      thetas.set(out, r * p);
    }
    return thetas;
  }
  // rows are increasing, so all rows of the design means rows[q] = q
  const identity = nr === design.nrow;
  let c0: Float64Array | null = null;
  let c1: Float64Array | null = null;
  if (m === 2) {
    c0 = new Float64Array(nr);
    c1 = new Float64Array(nr);
    for (let q = 0; q < nr; q++) {
      c0[q] = C[2 * q];
      c1[q] = C[2 * q + 1];
    }
  }
  // Mean and ratio (m = 2): the rows are visited in blocks so that the two component arrays stay
  // in cache while every replicate column streams past once (the work is memory-bound).
  const sums0 = new Float64Array(R);
  const sums1 = new Float64Array(R);
  if (m === 2 && c0 !== null && c1 !== null) {
    const BLOCK = 4096;
    for (let b = 0; b < nr; b += BLOCK) {
      const end = Math.min(nr, b + BLOCK);
      for (let r = 0; r < R; r++) {
        const wr = rep.weights[r];
        let t0 = 0;
        let t1 = 0;
        if (identity) {
          for (let q = b; q < end; q++) {
            const wi = wr[q];
            t0 += wi * c0[q];
            t1 += wi * c1[q];
          }
        } else {
          for (let q = b; q < end; q++) {
            const wi = wr[rows[q]];
            t0 += wi * c0[q];
            t1 += wi * c1[q];
          }
        }
        sums0[r] += t0;
        sums1[r] += t1;
      }
    }
  }
  for (let r = 0; r < R; r++) {
    const wr = rep.weights[r];
    T.fill(0);
    if (m === 2 && c0 !== null && c1 !== null) {
      T[0] = sums0[r];
      T[1] = sums1[r];
    } else {
      for (let q = 0; q < nr; q++) {
        const wi = wr[rows[q]];
        if (wi === 0) continue;
        for (let j = 0; j < m; j++) T[j] += wi * C[q * m + j];
      }
    }
    stat.estimate(T, out);
    thetas.set(out, r * p);
  }
  return thetas;
}

// ---------------------------------------------------------------------------------------------
// The statistics.

/** Weighted mean: θ = T₁/T₀ with c = (1, y). */
export function meanStatistic(y: Float64Array): SmoothStatistic {
  return {
    m: 2,
    p: 1,
    meanOf: y,
    valid: (i) => !Number.isNaN(y[i]),
    components: (i, out, o) => {
      out[o] = 1;
      out[o + 1] = y[i];
    },
    sparse: (i, idx, val) => {
      idx[0] = 0;
      val[0] = 1;
      idx[1] = 1;
      val[1] = y[i];
      return 2;
    },
    estimate: (T, out) => {
      out[0] = T[1] / T[0];
    },
    gradient: (T, G) => {
      G[0] = -(T[1] / T[0]) / T[0]; // not T₁/T₀²: T₀² overflows for weights near 1e300
      G[1] = 1 / T[0];
    },
  };
}

/** Weighted total: θ = T₀ with c = (y). */
export function totalStatistic(y: Float64Array): SmoothStatistic {
  return {
    m: 1,
    p: 1,
    valid: (i) => !Number.isNaN(y[i]),
    components: (i, out, o) => {
      out[o] = y[i];
    },
    sparse: (i, idx, val) => {
      idx[0] = 0;
      val[0] = y[i];
      return 1;
    },
    estimate: (T, out) => {
      out[0] = T[0];
    },
    gradient: (_T, G) => {
      G[0] = 1;
    },
  };
}

/** Ratio of totals (R svyratio): θ = T_y / T_x with c = (y, x); rows valid when both are. */
export function ratioStatistic(y: Float64Array, x: Float64Array): SmoothStatistic {
  return {
    m: 2,
    p: 1,
    valid: (i) => !Number.isNaN(y[i]) && !Number.isNaN(x[i]),
    components: (i, out, o) => {
      out[o] = y[i];
      out[o + 1] = x[i];
    },
    sparse: (i, idx, val) => {
      idx[0] = 0;
      val[0] = y[i];
      idx[1] = 1;
      val[1] = x[i];
      return 2;
    },
    estimate: (T, out) => {
      out[0] = T[0] / T[1];
    },
    gradient: (T, G) => {
      G[0] = 1 / T[1];
      G[1] = -(T[0] / T[1]) / T[1];
    },
  };
}

/** Proportions of K categories (R svymean of a factor): c = (1, 1[y=0], …, 1[y=K−1]). */
export function proportionsStatistic(category: Int32Array, K: number): SmoothStatistic {
  return {
    m: K + 1,
    p: K,
    oneHot: category,
    valid: (i) => category[i] >= 0,
    components: (i, out, o) => {
      out[o] = 1; // the rest of the slot is already zero
      out[o + category[i] + 1] = 1;
    },
    sparse: (i, idx, val) => {
      idx[0] = 0;
      val[0] = 1;
      idx[1] = category[i] + 1;
      val[1] = 1;
      return 2;
    },
    estimate: (T, out) => {
      for (let k = 0; k < K; k++) out[k] = T[k + 1] / T[0];
    },
    gradient: (T, G) => {
      G.fill(0);
      for (let k = 0; k < K; k++) {
        G[k * (K + 1)] = -(T[k + 1] / T[0]) / T[0];
        G[k * (K + 1) + k + 1] = 1 / T[0];
      }
    },
  };
}

/** Totals of K categories (R svytotal of a factor): c = (1[y=0], …, 1[y=K−1]). */
export function categoryTotalsStatistic(category: Int32Array, K: number): SmoothStatistic {
  return {
    m: K,
    p: K,
    valid: (i) => category[i] >= 0,
    components: (i, out, o) => {
      out[o + category[i]] = 1;
    },
    sparse: (i, idx, val) => {
      idx[0] = category[i];
      val[0] = 1;
      return 1;
    },
    estimate: (T, out) => {
      out.set(T);
    },
    gradient: (_T, G) => {
      G.fill(0);
      for (let k = 0; k < K; k++) G[k * K + k] = 1;
    },
  };
}

/** Means of several columns with joint missing-value removal (R svymean(~a+b, na.rm = TRUE)). */
export function multiMeanStatistic(ys: readonly Float64Array[]): SmoothStatistic {
  const K = ys.length;
  return {
    m: K + 1,
    p: K,
    columns: ys,
    valid: (i) => {
      for (let k = 0; k < K; k++) if (Number.isNaN(ys[k][i])) return false;
      return true;
    },
    components: (i, out, o) => {
      out[o] = 1;
      for (let k = 0; k < K; k++) out[o + k + 1] = ys[k][i];
    },
    sparse: (i, idx, val) => {
      idx[0] = 0;
      val[0] = 1;
      let q = 1;
      for (let k = 0; k < K; k++) {
        if (ys[k][i] === 0) continue;
        idx[q] = k + 1;
        val[q] = ys[k][i];
        q++;
      }
      return q;
    },
    estimate: (T, out) => {
      for (let k = 0; k < K; k++) out[k] = T[k + 1] / T[0];
    },
    gradient: (T, G) => {
      G.fill(0);
      for (let k = 0; k < K; k++) {
        G[k * (K + 1)] = -(T[k + 1] / T[0]) / T[0];
        G[k * (K + 1) + k + 1] = 1 / T[0];
      }
    },
  };
}

/**
 * Design effect as R's svymean/svytotal with deff = TRUE: the design variance divided by the
 * variance under simple random sampling without replacement of n from N̂,
 * svyvar(u)·N̂²·(N̂ − n)/(N̂·n), where svyvar(u) = Σw(u − ū)²/Σw · n/(n − 1) and
 * `weightedSs` = Σw(u − ū)². NaN when N̂ < n: no such sampling-without-replacement variance exists.
 */
function srsDeff(variance: number, weightedSs: number, sw: number, count: number): number {
  // svyvar·N̂²·(N̂ − n)/(N̂·n) simplifies to Σw(u − ū)²·(N̂ − n)/(n − 1), which does not overflow
  const vsrs = sw < count ? NaN : (weightedSs * (sw - count)) / (count - 1);
  return variance / vsrs;
}
