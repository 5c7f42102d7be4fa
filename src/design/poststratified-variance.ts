/**
 * Linearization variance of a design with one post-stratification step, from sufficient
 * statistics: the per-unit sums A = Σ w·c of a domain, the per-cell sums B = Σ w·c·oldw/psw and
 * the gradient G of the statistic give the unit totals of R's post-stratification residuals
 * (survey:::svyrecvar after postStratify) without a pass over all rows per domain.
 */

import type { Design } from './design.js';
import { deepestVarianceStage } from './linearization.js';

/**
 * What a single post-stratification step needs for sufficient statistics, per design (cached):
 * R's residual x − psw · (Σ_cell x·oldw/psw) / (Σ_cell oldw) summed over a unit u is
 * Σ_u x − Σ_c W[u, c] · b_c with W[u, c] the sum of psw over the rows of unit u in cell c and
 * b_c = (Σ_cell x·oldw/psw) / (Σ_cell oldw). As x is zero outside the domain, b_c needs only the
 * domain's rows, and the unit totals need W (fixed by the design): no n-length pass per domain.
 */
export interface PostStratificationSums {
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
export interface CentredCellWeights {
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

export function postStratificationSums(design: Design): PostStratificationSums | null {
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

/** b_c = G·B_c / Σ_cell oldw: the cell coefficients of the post-stratification residuals. */
export function cellCoefficients(ps: PostStratificationSums, G: Float64Array, B: Float64Array, m: number, p: number): Float64Array {
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
export function postStratifiedCovariance(
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
export function postStratifiedUnitTotals(
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
