/**
 * The WaveEstimator over a survey design, delegating every number to src/estimate:
 * a share is R svymean(~I(indicator), subset(design, domain)), a mean is svymean(~y, subset(…)),
 * both with na.rm = TRUE, so domains keep the full design for the variance (Lumley 2010, §2.3).
 * Shares and means go through src/estimate's entry points for many small questions
 * (shares.ts): the answer groups of a variable as one category per row, all categories and all
 * disjoint subgroups in one pass, with nothing attached to the design's data. The tests attach
 * their variables as temporary columns, which shares every other column (Dataset.withColumn
 * does not copy them).
 */
import { numericColumn } from '../data/column.js';
import type { Design } from '../design/index.js';
import { benjaminiHochberg, categorySharesByDomain, categorySharesInRows, indicatorSharesByDomain, meanOverRows, svyChisq, svyTtest, waveDifference, type Estimate as DesignEstimate } from '../estimate/index.js';
import { rowsOf } from './domain.js';
import type { Estimate, TestFunctions, TestResult, WaveEstimator } from './estimator.js';

const Y = '.spiegel_y';
const D = '.spiegel_domain';

function withColumns(design: Design, y: Float64Array, domain: Uint8Array): Design {
  const dom = new Float64Array(domain.length);
  for (let i = 0; i < dom.length; i++) dom[i] = domain[i];
  const data = design.data.withColumn(numericColumn(Y, y)).withColumn(numericColumn(D, dom));
  return { ...design, data };
}

function toEstimate(e: DesignEstimate): Estimate {
  return {
    estimate: e.estimate ?? NaN,
    se: e.se ?? NaN,
    ci: e.ci,
    n: e.n,
    weightedN: e.weightedN,
    df: e.df,
  };
}

function emptyEstimate(): Estimate {
  return { estimate: NaN, se: NaN, ci: null, n: 0, weightedN: 0, df: NaN };
}

/**
 * Row i's category: the one indicator that is 1 among indicators that are all valid, −1 when all
 * are NaN (outside the base); null when some row in a domain has none or several, or a mix of
 * valid and NaN (then they are not the categories of one variable).
 */
function exclusiveCategory(ys: readonly Float64Array[], ofRow: Int32Array): Int32Array | null {
  const category = new Int32Array(ofRow.length).fill(-1);
  for (let i = 0; i < ofRow.length; i++) {
    if (ofRow[i] < 0) continue;
    let hit = -1;
    let nan = 0;
    for (let k = 0; k < ys.length; k++) {
      const y = ys[k][i];
      if (Number.isNaN(y)) nan++;
      else if (y === 1) {
        if (hit >= 0) return null;
        hit = k;
      } else if (y !== 0) return null;
    }
    if (nan === ys.length) continue;
    if (nan > 0 || hit < 0) return null;
    category[i] = hit;
  }
  return category;
}

/**
 * The domain of each row for svyby over `group` (0 … G−1, NaN: none) within `domain`: the
 * domains are the groups that occur anywhere (svyby's levels), in ascending order.
 */
function byDomains(domain: Uint8Array, group: Float64Array, G: number): { ofRow: Int32Array; groupOf: number[] } {
  const nrow = domain.length;
  const present = new Uint8Array(G);
  for (let i = 0; i < nrow; i++) if (group[i] >= 0 && group[i] < G) present[group[i]] = 1;
  const levelOf = new Int32Array(G).fill(-1);
  const groupOf: number[] = [];
  for (let g = 0; g < G; g++) if (present[g] === 1) levelOf[g] = groupOf.push(g) - 1;
  const ofRow = new Int32Array(nrow).fill(-1);
  for (let i = 0; i < nrow; i++) if (domain[i] === 1 && group[i] >= 0 && group[i] < G) ofRow[i] = levelOf[group[i]];
  return { ofRow, groupOf };
}

function testResult(r: ReturnType<typeof svyChisq>, method: string): TestResult {
  return { statistic: r.statistic ?? NaN, p: r.p ?? NaN, method };
}

export function designEstimator(design: Design): WaveEstimator {
  const nrow = design.nrow;
  // R svymean(~y, subset(design, domain), na.rm = TRUE): the domain's rows, full design kept
  const mean = (y: Float64Array, domain: Uint8Array): Estimate => {
    const rows = rowsOf(domain);
    if (rows.length === 0) return emptyEstimate();
    return toEstimate(meanOverRows(design, y, rows));
  };
  // svymean(~factor(group), subset(design, domain)): every indicator's share in one pass
  const proportions = (ys: readonly Float64Array[], domain: Uint8Array): Estimate[] => {
    const rows = rowsOf(domain);
    if (rows.length === 0) return ys.map(emptyEstimate);
    const ofRow = new Int32Array(nrow).fill(-1);
    for (const i of rows) ofRow[i] = 0;
    return sharesOf(ys, ofRow, 1)[0];
  };
  // svyby(~factor(group), ~by, subset(design, domain), svymean): one pass over every domain
  const proportionsBy = (ys: readonly Float64Array[], domain: Uint8Array, group: Float64Array, G: number): Estimate[][] => {
    const out: Estimate[][] = Array.from({ length: G }, () => ys.map(emptyEstimate));
    if (!domain.includes(1)) return out;
    const { ofRow, groupOf } = byDomains(domain, group, G);
    sharesOf(ys, ofRow, groupOf.length).forEach((ests, d) => (out[groupOf[d]] = ests));
    return out;
  };
  const shares = (category: Int32Array, K: number, domains: readonly Int32Array[]): Estimate[][] => {
    const empty = (): Estimate[] => Array.from({ length: K }, emptyEstimate);
    const used = domains.filter((rows) => rows.length > 0);
    const ests = used.length === 0 ? [] : categorySharesInRows(design, category, K, used);
    let j = 0;
    return domains.map((rows) => (rows.length === 0 ? empty() : ests[j++].map(toEstimate)));
  };
  const sharesBy = (category: Int32Array, K: number, domain: Uint8Array, group: Float64Array, G: number): Estimate[][] => {
    const out: Estimate[][] = Array.from({ length: G }, () => Array.from({ length: K }, emptyEstimate));
    if (!domain.includes(1)) return out;
    const { ofRow, groupOf } = byDomains(domain, group, G);
    categorySharesByDomain(design, category, K, ofRow, groupOf.length).forEach((ests, d) => (out[groupOf[d]] = ests.map(toEstimate)));
    return out;
  };
  /**
   * The indicators as one category per row (the first indicator that is 1) when they are
   * exclusive, as answer groups are; otherwise the shares of the indicators as a multiple
   * response set (R svymean(~i1 + i2 + …)).
   */
  const sharesOf = (ys: readonly Float64Array[], ofRow: Int32Array, D: number): Estimate[][] => {
    const category = exclusiveCategory(ys, ofRow);
    if (category !== null) return categorySharesByDomain(design, category, ys.length, ofRow, D).map((ests) => ests.map(toEstimate));
    return indicatorSharesByDomain(design, ys, ofRow, D).map((ests) => ests.map(toEstimate));
  };
  const G = '.spiegel_group';
  const withGroup = (x: Float64Array, group: Float64Array, domain: Uint8Array): Design => {
    const d = withColumns(design, x, domain);
    return { ...d, data: d.data.withColumn(numericColumn(G, group)) };
  };
  return {
    nrow: design.nrow,
    proportion: mean,
    proportions,
    proportionsBy,
    shares,
    sharesBy,
    mean,
    // R svychisq(~x + group, subset(design, domain)), second-order Rao–Scott F (the default)
    raoScott: (x, group, domain) => testResult(svyChisq(withGroup(x, group, domain), Y, G, { statistic: 'F', subset: { variable: D, in: [1] } }), 'Rao-Scott F (svychisq)'),
    // R svyttest(y ~ group, subset(design, domain))
    ttest: (y, group, domain) => testResult(svyTtest(withGroup(y, group, domain), Y, G, { subset: { variable: D, in: [1] } }), 'design-based t-test (svyttest)'),
  };
}

/** Tests without a design, from src/estimate: waves as independent samples, Benjamini–Hochberg. */
export const estimateTests: TestFunctions = {
  independentDifference(latest, previous) {
    const r = waveDifference(previous, latest);
    return { statistic: r.statistic ?? NaN, p: r.p ?? NaN, method: 'difference of independent estimates (Welch-Satterthwaite t)' };
  },
  benjaminiHochberg(p) {
    return benjaminiHochberg(p).map((x) => x ?? NaN);
  },
};
