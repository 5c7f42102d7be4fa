/**
 * What the table builders need from estimation, per wave. The implementation (adapter.ts)
 * delegates every number to src/estimate; builders never compute a statistic themselves.
 *
 * Domains are 0/1 masks over the rows of the wave's full dataset, so that subgroup and
 * routing domains keep the full design (a filtered design would understate SEs).
 */

export interface Estimate {
  readonly estimate: number;
  readonly se: number;
  readonly ci: readonly [number, number] | null;
  /** Unweighted number of rows in the domain with a valid value. */
  readonly n: number;
  /** Weighted number of rows in the domain with a valid value (estimated population size). */
  readonly weightedN: number;
  /** Design degrees of freedom (R degf of the domain design), for tests between waves. */
  readonly df: number;
}

export interface TestResult {
  readonly statistic: number;
  readonly p: number;
  /** Name of the test, e.g. "Rao-Scott F (svychisq)" or "design-based t-test (svyttest)". */
  readonly method: string;
}

export interface WaveEstimator {
  /** Rows of the wave's dataset. */
  readonly nrow: number;
  /** Share of rows with indicator 1 among domain rows where the indicator is not NaN. */
  proportion(indicator: Float64Array, domain: Uint8Array): Estimate;
  /**
   * Shares of several 0/1 indicators with the same NaN pattern over one domain, in one pass
   * (R svymean(~i1 + i2 + …, subset(design, domain), na.rm = TRUE)); equal to calling
   * `proportion` for each.
   */
  proportions(indicators: readonly Float64Array[], domain: Uint8Array): Estimate[];
  /**
   * `proportions` for G disjoint domains at once: `group` holds 0 … G−1 (NaN outside every
   * domain); result[g] are the shares in domain g ∧ `domain` (R svyby(~i1 + …, ~group, subset)).
   */
  proportionsBy(indicators: readonly Float64Array[], domain: Uint8Array, group: Float64Array, groups: number): Estimate[][];
  /**
   * Shares of categories 0 … K−1 of one variable, `category[i]` being row i's answer group (−1:
   * not in the base), in each list of rows (ascending row numbers; lists may overlap): R
   * svymean(~factor(category), subset(design, rows)) per list, every category in one pass.
   */
  shares(category: Int32Array, K: number, domains: readonly Int32Array[]): Estimate[][];
  /**
   * `shares` in G disjoint domains at once: `group` holds 0 … G−1 (NaN outside every domain);
   * result[g] are the shares in domain g ∧ `domain` (R svyby(~factor(category), ~group, subset)).
   */
  sharesBy(category: Int32Array, K: number, domain: Uint8Array, group: Float64Array, G: number): Estimate[][];
  /** Mean of `values` over domain rows where the value is not NaN. */
  mean(values: Float64Array, domain: Uint8Array): Estimate;
  /** Rao–Scott (second order, F) test of independence of codes `x` and `group` over domain rows. */
  raoScott(x: Float64Array, group: Float64Array, domain: Uint8Array): TestResult;
  /** Design-based t-test of equal means of `values` in group 0 vs 1 (`group` 0/1/NaN) over domain rows. */
  ttest(values: Float64Array, group: Float64Array, domain: Uint8Array): TestResult;
}

export interface WaveStat {
  readonly estimate: number;
  readonly se: number;
  readonly df: number;
}

/** Tests that do not need a design (differences between independent waves, multiplicity). */
export interface TestFunctions {
  /**
   * Latest against previous wave, independent samples: t = (a − b) / √(se_a² + se_b²) with
   * Welch–Satterthwaite degrees of freedom (src/estimate waveDifference).
   */
  independentDifference(latest: WaveStat, previous: WaveStat): TestResult;
  /** Benjamini–Hochberg adjusted p-values, same order as given. */
  benjaminiHochberg(p: readonly number[]): number[];
}
