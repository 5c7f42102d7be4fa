/**
 * The WaveEstimator over a survey design, delegating every number to src/estimate:
 * a share is R svymean(~I(indicator), subset(design, domain)), a mean is svymean(~y, subset(…)),
 * both with na.rm = TRUE, so domains keep the full design for the variance (Lumley 2010, §2.3).
 * Indicators and domains are attached to the design's data as temporary columns, which shares
 * every other column (Dataset.withColumn does not copy them).
 */
import { numericColumn } from '../data/column.js';
import type { Design } from '../design/index.js';
import { benjaminiHochberg, svyChisq, svyMean, svyMultipleResponse, svyTtest, waveDifference } from '../estimate/index.js';
import type { Estimate, TestFunctions, TestResult, WaveEstimator } from './estimator.js';

const Y = '.spiegel_y';
const D = '.spiegel_domain';

function withColumns(design: Design, y: Float64Array, domain: Uint8Array): Design {
  const dom = new Float64Array(domain.length);
  for (let i = 0; i < dom.length; i++) dom[i] = domain[i];
  const data = design.data.withColumn(numericColumn(Y, y)).withColumn(numericColumn(D, dom));
  return { ...design, data };
}

function toEstimate(e: ReturnType<typeof svyMean>[number]): Estimate {
  return {
    estimate: e.estimate ?? NaN,
    se: e.se ?? NaN,
    ci: e.ci,
    n: e.n,
    weightedN: e.weightedN,
    df: e.df,
  };
}

function testResult(r: ReturnType<typeof svyChisq>, method: string): TestResult {
  return { statistic: r.statistic ?? NaN, p: r.p ?? NaN, method };
}

export function designEstimator(design: Design): WaveEstimator {
  const mean = (y: Float64Array, domain: Uint8Array): Estimate => {
    if (!domain.includes(1)) return { estimate: NaN, se: NaN, ci: null, n: 0, weightedN: 0, df: NaN };
    const d = withColumns(design, y, domain);
    return toEstimate(svyMean(d, Y, { subset: { variable: D, in: [1] } })[0]);
  };
  const proportions = (ys: readonly Float64Array[], domain: Uint8Array): Estimate[] => {
    if (!domain.includes(1)) return ys.map(() => ({ estimate: NaN, se: NaN, ci: null, n: 0, weightedN: 0, df: NaN }));
    const dom = new Float64Array(domain.length);
    for (let i = 0; i < dom.length; i++) dom[i] = domain[i];
    let data = design.data.withColumn(numericColumn(D, dom));
    const names = ys.map((y, k) => {
      const name = `${Y}${k}`;
      data = data.withColumn(numericColumn(name, y));
      return name;
    });
    return svyMultipleResponse({ ...design, data }, names, { subset: { variable: D, in: [1] } }).map(toEstimate);
  };
  const GB = '.spiegel_by';
  const proportionsBy = (ys: readonly Float64Array[], domain: Uint8Array, group: Float64Array, G: number): Estimate[][] => {
    const empty = (): Estimate[] => ys.map(() => ({ estimate: NaN, se: NaN, ci: null, n: 0, weightedN: 0, df: NaN }));
    const out: Estimate[][] = Array.from({ length: G }, empty);
    if (!domain.includes(1)) return out;
    const dom = new Float64Array(domain.length);
    for (let i = 0; i < dom.length; i++) dom[i] = domain[i];
    let data = design.data.withColumn(numericColumn(D, dom)).withColumn(numericColumn(GB, group));
    const names = ys.map((y, k) => {
      const name = `${Y}${k}`;
      data = data.withColumn(numericColumn(name, y));
      return name;
    });
    const res = svyMultipleResponse({ ...design, data }, names, { by: [GB], subset: { variable: D, in: [1] } });
    // one row per (domain × indicator), domains in the order of the by-variable's categories
    for (const e of res) {
      const g = Number(e.by[GB]);
      const k = names.indexOf(String(e.level));
      if (g >= 0 && g < G && k >= 0) out[g][k] = toEstimate(e);
    }
    return out;
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
