/**
 * The statistics the estimators compute: smooth functions θ = g(T) of weighted totals
 * T_j = Σ_i w_i c_j(i) (mean, total, ratio, proportions, multiple response), each with its
 * components c(i), its value g(T) and its gradient ∂g/∂T, from which the influence values
 * (Woodruff 1971; Binder 1983) and so the variance follow.
 */

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


// ---------------------------------------------------------------------------------------------

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
