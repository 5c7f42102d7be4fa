/** Small dense matrices (row-major Float64Array) for tests: products, solve, residuals. */

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function matrix(rows: number, cols: number, data = new Float64Array(rows * cols)): Matrix {
  return { rows, cols, data };
}

export function at(m: Matrix, i: number, j: number): number {
  return m.data[i * m.cols + j];
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  const out = matrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const v = a.data[i * a.cols + k];
      if (v === 0) continue;
      for (let j = 0; j < b.cols; j++) out.data[i * b.cols + j] += v * b.data[k * b.cols + j];
    }
  }
  return out;
}

export function transpose(a: Matrix): Matrix {
  const out = matrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j];
  return out;
}

/** Solves A X = B by Gaussian elimination with partial pivoting. */
export function solve(a: Matrix, b: Matrix): Matrix {
  const n = a.rows;
  const A = Float64Array.from(a.data);
  const B = Float64Array.from(b.data);
  const m = b.cols;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r * n + c]) > Math.abs(A[piv * n + c])) piv = r;
    if (piv !== c) {
      for (let j = 0; j < n; j++) [A[c * n + j], A[piv * n + j]] = [A[piv * n + j], A[c * n + j]];
      for (let j = 0; j < m; j++) [B[c * m + j], B[piv * m + j]] = [B[piv * m + j], B[c * m + j]];
    }
    const d = A[c * n + c];
    for (let r = c + 1; r < n; r++) {
      const f = A[r * n + c] / d;
      if (f === 0) continue;
      for (let j = c; j < n; j++) A[r * n + j] -= f * A[c * n + j];
      for (let j = 0; j < m; j++) B[r * m + j] -= f * B[c * m + j];
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    for (let j = 0; j < m; j++) {
      let s = B[c * m + j];
      for (let k = c + 1; k < n; k++) s -= A[c * n + k] * B[k * m + j];
      B[c * m + j] = s / A[c * n + c];
    }
  }
  return matrix(n, m, B);
}

/** Residuals of the columns of Y after least-squares projection on the columns of X (R qr.resid). */
export function residuals(x: Matrix, y: Matrix): Matrix {
  const n = x.rows;
  const basis: Float64Array[] = [];
  for (let j = 0; j < x.cols; j++) {
    const q = new Float64Array(n);
    for (let i = 0; i < n; i++) q[i] = at(x, i, j);
    let norm0 = 0;
    for (const v of q) norm0 += v * v;
    orthogonalize(q, basis);
    let norm = 0;
    for (const v of q) norm += v * v;
    if (norm0 === 0 || Math.sqrt(norm) < 1e-7 * Math.sqrt(norm0)) continue;
    const s = Math.sqrt(norm);
    for (let i = 0; i < n; i++) q[i] /= s;
    basis.push(q);
  }
  const out = matrix(n, y.cols);
  for (let j = 0; j < y.cols; j++) {
    const q = new Float64Array(n);
    for (let i = 0; i < n; i++) q[i] = at(y, i, j);
    orthogonalize(q, basis);
    for (let i = 0; i < n; i++) out.data[i * y.cols + j] = q[i];
  }
  return out;
}

function orthogonalize(q: Float64Array, basis: readonly Float64Array[]): void {
  for (let pass = 0; pass < 2; pass++) {
    for (const b of basis) {
      let dot = 0;
      for (let i = 0; i < q.length; i++) dot += b[i] * q[i];
      for (let i = 0; i < q.length; i++) q[i] -= dot * b[i];
    }
  }
}

export function trace(a: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.rows; i++) s += a.data[i * a.cols + i];
  return s;
}
