/**
 * Agreement between coders of open answers and interview fragments.
 *
 * - Cohen's κ for two coders (Cohen 1960): κ = (p_o − p_e) / (1 − p_e), with p_o the share of
 *   units on which both coders agree and p_e = Σ_c p_{1c} p_{2c} from each coder's own marginal
 *   shares. Only units coded by both coders count. Equals scikit-learn's `cohen_kappa_score`
 *   (unweighted).
 * - Krippendorff's α for any number of coders with missing codings (Krippendorff 2011,
 *   "Computing Krippendorff's Alpha-Reliability", §A–C): from the coincidence matrix
 *   o_ck = Σ_u (number of c–k pairs of values in unit u) / (m_u − 1), over units with m_u ≥ 2
 *   values, n_c = Σ_k o_ck and n = Σ_c n_c,
 *       α = 1 − (n − 1) · Σ_{c,k} o_ck δ²_ck / Σ_{c,k} n_c n_k δ²_ck,
 *   with δ² the metric: nominal (0 when equal, else 1), interval ((c − k)²) or ratio
 *   (((c − k)/(c + k))²).
 *
 * A statistic that is undefined (every value the same category, so no disagreement is
 * expected) is NaN with `defined: false`; callers print "niet te berekenen".
 */

/** A coder's value for a unit; `null` = this coder did not code the unit. */
export type CodeValue = number | string | null;

export interface KappaResult {
  readonly kappa: number;
  readonly defined: boolean;
  /** Units coded by both coders. */
  readonly units: number;
  readonly observedAgreement: number;
  readonly expectedAgreement: number;
}

/** Cohen's κ of two coders' values for the same units (same order; `null` = not coded). */
export function cohensKappa(first: readonly CodeValue[], second: readonly CodeValue[]): KappaResult {
  if (first.length !== second.length) {
    throw new RangeError(`Cohen's kappa needs the same units for both coders (${first.length} and ${second.length} values)`);
  }
  const firstCounts = new Map<string, number>();
  const secondCounts = new Map<string, number>();
  let units = 0;
  let agree = 0;
  for (let i = 0; i < first.length; i++) {
    const a = first[i];
    const b = second[i];
    if (a == null || b == null) continue; // null or a hole: not coded by one of them
    units++;
    const ka = key(a);
    const kb = key(b);
    if (ka === kb) agree++;
    firstCounts.set(ka, (firstCounts.get(ka) ?? 0) + 1);
    secondCounts.set(kb, (secondCounts.get(kb) ?? 0) + 1);
  }
  if (units === 0) return { kappa: NaN, defined: false, units, observedAgreement: NaN, expectedAgreement: NaN };
  const observed = agree / units;
  let expected = 0;
  for (const [c, n1] of firstCounts) expected += (n1 / units) * ((secondCounts.get(c) ?? 0) / units);
  const defined = expected < 1;
  return { kappa: defined ? (observed - expected) / (1 - expected) : NaN, defined, units, observedAgreement: observed, expectedAgreement: expected };
}

export type AlphaMetric = 'nominal' | 'interval' | 'ratio';

export interface AlphaResult {
  readonly alpha: number;
  readonly defined: boolean;
  /** Units with at least two values (the pairable units). */
  readonly units: number;
  /** Values in pairable units (n in Krippendorff's notation). */
  readonly values: number;
  readonly observedDisagreement: number;
  readonly expectedDisagreement: number;
}

/**
 * Krippendorff's α. `data[coder][unit]` is a coder's value for a unit, `null` when missing.
 * Interval and ratio metrics need numeric values.
 */
export function krippendorffAlpha(data: readonly (readonly CodeValue[])[], metric: AlphaMetric = 'nominal'): AlphaResult {
  const unitCount = data.reduce((m, row) => Math.max(m, row.length), 0);
  const categories = new Map<string, number>();
  const numericOf: number[] = [];
  const indexOf = (v: number | string): number => {
    const k = key(v);
    let i = categories.get(k);
    if (i === undefined) {
      i = categories.size;
      categories.set(k, i);
      if (metric !== 'nominal') {
        if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`Krippendorff's alpha (${metric}) needs numeric values; got "${String(v)}"`);
        numericOf.push(v);
      }
    }
    return i;
  };
  // Coincidences, kept sparse: "c,k" → o_ck.
  const coincidence = new Map<number, Map<number, number>>();
  const add = (c: number, k: number, w: number): void => {
    let row = coincidence.get(c);
    if (row === undefined) coincidence.set(c, (row = new Map()));
    row.set(k, (row.get(k) ?? 0) + w);
  };
  let units = 0;
  for (let u = 0; u < unitCount; u++) {
    const values: number[] = [];
    for (const row of data) {
      const v = row[u];
      if (v !== null && v !== undefined) values.push(indexOf(v));
    }
    const m = values.length;
    if (m < 2) continue;
    units++;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) add(values[i], values[j], 1 / (m - 1));
  }
  const q = categories.size;
  const marginal = new Float64Array(q);
  for (const [c, row] of coincidence) for (const w of row.values()) marginal[c] += w;
  let n = 0;
  for (const x of marginal) n += x;
  const delta2 = (c: number, k: number): number => {
    if (c === k) return 0;
    if (metric === 'nominal') return 1;
    const a = numericOf[c];
    const b = numericOf[k];
    if (metric === 'interval') return (a - b) ** 2;
    return a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
  };
  let observed = 0;
  for (const [c, row] of coincidence) for (const [k, w] of row) observed += w * delta2(c, k);
  let expected = 0;
  for (let c = 0; c < q; c++) for (let k = 0; k < q; k++) expected += marginal[c] * marginal[k] * delta2(c, k);
  const observedDisagreement = n > 0 ? observed / n : NaN;
  const expectedDisagreement = n > 1 ? expected / (n * (n - 1)) : NaN;
  const defined = n > 1 && expected > 0;
  return {
    alpha: defined ? 1 - ((n - 1) * observed) / expected : NaN,
    defined,
    units,
    values: n,
    observedDisagreement,
    expectedDisagreement,
  };
}

function key(v: number | string): string {
  return typeof v === 'number' ? `n:${v}` : `s:${v}`;
}
