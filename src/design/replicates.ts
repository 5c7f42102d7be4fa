/**
 * Replicate-weight designs, as R survey's `svrepdesign` (weights given as columns) and
 * `as.svrepdesign` (weights built from a linearization design).
 *
 * Defaults as svrepdesign.default (survey 4.1): BRR scale 1/R; Fay 1/(R(1−ρ)²); bootstrap
 * 1/(R−1); JK1 (R−1)/R when not given; JKn needs rscales; other: scale 1, rscales 1.
 * Degrees of freedom: rank of the replicate weight matrix − 1 (R degf.svyrep.design, qr tol 1e-5).
 */

import type { Dataset } from '../data/dataset.js';
import { InvalidInputError } from '../errors.js';
import type { ReplicateWeights } from './design.js';
import type { ReplicateSpec } from './spec.js';

export function replicatesFromColumns(data: Dataset, spec: ReplicateSpec, sampling: Float64Array): ReplicateWeights {
  const field = 'design.replicates';
  const cols = spec.columns ?? [];
  if (cols.length < 2) throw new InvalidInputError('needs at least two replicate weight columns', { field: `${field}.columns` });
  const combined = spec.combinedWeights ?? true;
  const weights = cols.map((c, j) => {
    const f = `${field}.columns[${j}]`;
    const col = data.numberColumn(c, f);
    // No copy when the column has no user-missing definition and holds final weights.
    const plain = col.missing.values.length === 0 && col.missing.range === null;
    const v = plain ? data.numbers(c, f) : data.validNumbers(c, f);
    for (let i = 0; i < v.length; i++) {
      if (!(v[i] >= 0)) throw new InvalidInputError(`replicate weights must be zero or positive; row ${i + 1} has ${v[i]}`, { field: f });
    }
    if (combined) return v;
    const out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = v[i] * sampling[i];
    return out;
  });
  const R = cols.length;
  let scale: number;
  let rscales: Float64Array;
  switch (spec.type) {
    case 'BRR':
      scale = 1 / R;
      break;
    case 'Fay': {
      if (spec.rho === null || spec.rho === undefined) throw new InvalidInputError('type "Fay" needs rho', { field: `${field}.rho` });
      scale = 1 / (R * (1 - spec.rho) ** 2);
      break;
    }
    case 'bootstrap':
      scale = spec.scale ?? 1 / (R - 1);
      break;
    case 'JK1':
      scale = spec.scale ?? (R - 1) / R;
      break;
    case 'JKn':
      if (!spec.rscales) throw new InvalidInputError('type "JKn" needs rscales ((n_h − 1)/n_h per replicate)', { field: `${field}.rscales` });
      scale = spec.scale ?? 1;
      break;
    default:
      scale = spec.scale ?? 1;
  }
  rscales = spec.rscales ? Float64Array.from(spec.rscales) : new Float64Array(R).fill(1);
  if (rscales.length !== R) throw new InvalidInputError(`has ${rscales.length} values for ${R} replicates`, { field: `${field}.rscales` });
  deleteOneStructure(weights); // detected once with the design, not at the first estimate
  return { type: spec.type, weights, scale, rscales, mse: spec.mse ?? false, degf: replicateDegf(weights, null) };
}

/**
 * Rank of a matrix given by columns, as R's qr(x, tol)$rank (LINPACK dqrdc2: a column is
 * dependent when its norm after removing earlier columns is below tol × its original norm).
 */
export function matrixRank(columns: readonly Float64Array[], tol: number): number {
  const basis: Float64Array[] = [];
  for (const col of columns) {
    const q = Float64Array.from(col);
    let norm0 = 0;
    for (const v of q) norm0 += v * v;
    norm0 = Math.sqrt(norm0);
    if (norm0 === 0) continue;
    for (let pass = 0; pass < 2; pass++) {
      for (const b of basis) {
        let dot = 0;
        for (let i = 0; i < q.length; i++) dot += b[i] * q[i];
        for (let i = 0; i < q.length; i++) q[i] -= dot * b[i];
      }
    }
    let norm = 0;
    for (const v of q) norm += v * v;
    norm = Math.sqrt(norm);
    if (norm < tol * norm0) continue;
    for (let i = 0; i < q.length; i++) q[i] /= norm;
    basis.push(q);
  }
  return basis.length;
}

/**
 * R degf of a replicate design restricted to `rows` (R recomputes it for a subset): rank of the
 * replicate weight matrix of those rows − 1 (qr tol 1e-5). Rows that are multiples of each other
 * (the usual case: one pattern per PSU) are reduced to one representative first, so the cost is
 * one pass over the rows plus a rank computation on the distinct patterns.
 */
export function replicateDegf(weights: readonly Float64Array[], rows: ArrayLike<number> | null): number {
  const R = weights.length;
  const n = rows === null ? weights[0].length : rows.length;
  const idx = rows === null ? null : Int32Array.from(rows);
  const at = (q: number): number => (idx === null ? q : idx[q]);
  // Column by column (each replicate is one contiguous array): row maxima, then a hash of the scaled row.
  const max = new Float64Array(n);
  const val = new Float64Array(n);
  for (let r = 0; r < R; r++) {
    const col = weights[r];
    if (idx === null) val.set(col);
    else for (let q = 0; q < n; q++) val[q] = col[idx[q]];
    for (let q = 0; q < n; q++) {
      const v = Math.abs(val[q]);
      if (v > max[q]) max[q] = v;
    }
  }
  const inv = Float64Array.from(max, (v) => (v > 0 ? 1 / v : 0));
  const h = new Float64Array(n);
  for (let r = 0; r < R; r++) {
    const col = weights[r];
    const mix = Math.sin(r * 12.9898 + 78.233) * 0.5 + 1;
    if (idx === null) for (let q = 0; q < n; q++) h[q] += col[q] * inv[q] * mix;
    else for (let q = 0; q < n; q++) h[q] += col[idx[q]] * inv[q] * mix;
  }
  const seen = new Set<number>();
  const reps: number[] = [];
  for (let q = 0; q < n; q++) {
    if (max[q] === 0) continue;
    const key = Math.round(h[q] * 1e9);
    if (!seen.has(key)) {
      seen.add(key);
      reps.push(at(q));
    }
  }
  // Rank of the representative rows (as columns of the transposed matrix).
  const cols = reps.map((i) => Float64Array.from({ length: R }, (_, r) => weights[r][i]));
  return Math.min(matrixRank(cols, 1e-5), R) - 1;
}

/**
 * Replicate weights of the jackknife kind: every row has one weight w'_i that it carries in each
 * replicate, except in at most one replicate (drop_i, −1 for none) where it is zero. Then a
 * replicate total is Σ_i w_ri c_i = T' − T'_{drop = r} with T' = Σ_i w'_i c_i, so all replicate
 * totals come from one pass over the rows instead of one pass per replicate column.
 * The check is exact (bit-equal weights), so the totals are the same sums regrouped.
 */
export interface DeleteOneStructure {
  readonly kept: Float64Array;
  readonly drop: Int32Array;
}

const deleteOneCache = new WeakMap<readonly Float64Array[], DeleteOneStructure | null>();

/** The delete-one structure of replicate weights (JK1 built by R or by hand), or null; cached per weight set. */
export function deleteOneStructure(weights: readonly Float64Array[]): DeleteOneStructure | null {
  const hit = deleteOneCache.get(weights);
  if (hit !== undefined) return hit;
  const R = weights.length;
  const n = R === 0 ? 0 : weights[0].length;
  const kept = new Float64Array(n);
  const drop = new Int32Array(n).fill(-1);
  const zeros = new Int32Array(n);
  let ok = R > 1;
  for (let r = 0; r < R && ok; r++) {
    const wr = weights[r];
    for (let i = 0; i < n; i++) {
      const v = wr[i];
      if (v === 0) {
        zeros[i]++;
        drop[i] = r;
      } else if (kept[i] === 0) kept[i] = v;
      else if (v !== kept[i]) {
        ok = false;
        break;
      }
    }
  }
  for (let i = 0; i < n && ok; i++) {
    if (kept[i] === 0 || zeros[i] === 0) drop[i] = -1; // zero in every replicate, or in none
    else if (zeros[i] > 1) ok = false;
  }
  const out = ok ? { kept, drop } : null;
  deleteOneCache.set(weights, out);
  return out;
}
