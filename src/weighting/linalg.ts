/** Small dense linear algebra for calibration (p × p systems, p = number of calibration totals). */

/** Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan §8.5). */
export function symmetricEigen(a: readonly Float64Array[]): { values: Float64Array; vectors: Float64Array[] } {
  const p = a.length;
  const m = a.map((r) => Float64Array.from(r));
  const v = Array.from({ length: p }, (_, i) => {
    const r = new Float64Array(p);
    r[i] = 1;
    return r;
  });
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < p; i++) {
      diag += m[i][i] * m[i][i];
      for (let j = i + 1; j < p; j++) off += m[i][j] * m[i][j];
    }
    if (off <= 1e-32 * diag || off === 0) break;
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        if (m[i][j] === 0) continue;
        const theta = (m[j][j] - m[i][i]) / (2 * m[i][j]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < p; k++) {
          const mik = m[i][k];
          const mjk = m[j][k];
          m[i][k] = c * mik - s * mjk;
          m[j][k] = s * mik + c * mjk;
        }
        for (let k = 0; k < p; k++) {
          const mki = m[k][i];
          const mkj = m[k][j];
          m[k][i] = c * mki - s * mkj;
          m[k][j] = s * mki + c * mkj;
        }
        for (let k = 0; k < p; k++) {
          const vki = v[k][i];
          const vkj = v[k][j];
          v[k][i] = c * vki - s * vkj;
          v[k][j] = s * vki + c * vkj;
        }
      }
    }
  }
  return { values: Float64Array.from(m, (r, i) => r[i]), vectors: v };
}

/**
 * Moore–Penrose solution x = A⁺ b of a symmetric system, dropping eigenvalues at or below
 * tol · max|λ| as MASS::ginv does with tol = 256 · machine epsilon (R's grake).
 */
export function pseudoSolve(a: readonly Float64Array[], b: Float64Array, tol = 256 * Number.EPSILON): Float64Array {
  const p = a.length;
  const { values, vectors } = symmetricEigen(a);
  let max = 0;
  for (const l of values) max = Math.max(max, Math.abs(l));
  const x = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    if (!(Math.abs(values[k]) > tol * max)) continue;
    let proj = 0;
    for (let i = 0; i < p; i++) proj += vectors[i][k] * b[i];
    proj /= values[k];
    for (let i = 0; i < p; i++) x[i] += vectors[i][k] * proj;
  }
  return x;
}

/** Solves a symmetric positive definite system by Cholesky; null when not positive definite. */
export function choleskySolve(a: readonly Float64Array[], b: Float64Array): Float64Array | null {
  const p = a.length;
  const l = Array.from({ length: p }, () => new Float64Array(p));
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(s > 0)) return null;
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  }
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i][k] * y[k];
    y[i] = s / l[i][i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= l[k][i] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
}
