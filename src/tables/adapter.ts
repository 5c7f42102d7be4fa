/**
 * The WaveEstimator over a survey design, delegating every number to src/estimate:
 * a share is R svymean(~I(indicator), subset(design, domain)), a mean is svymean(~y, subset(…)),
 * both with na.rm = TRUE, so domains keep the full design for the variance (Lumley 2010, §2.3).
 * Indicators and domains are attached to the design's data as temporary columns, which shares
 * every other column (Dataset.withColumn does not copy them).
 */
import { numericColumn } from '../data/column.js';
import type { Design } from '../design/index.js';
import { svyMean } from '../estimate/index.js';
import { InvalidInputError } from '../errors.js';
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
  };
}

export interface DesignTests {
  raoScott(design: Design, x: string, group: string, domainVariable: string): TestResult;
  ttest(design: Design, y: string, group: string, domainVariable: string): TestResult;
}

export function designEstimator(design: Design, tests: DesignTests | null): WaveEstimator {
  const mean = (y: Float64Array, domain: Uint8Array): Estimate => {
    if (!domain.includes(1)) return { estimate: NaN, se: NaN, ci: null, n: 0, weightedN: 0 };
    const d = withColumns(design, y, domain);
    return toEstimate(svyMean(d, Y, { subset: { variable: D, in: [1] } })[0]);
  };
  const need = (): DesignTests => {
    if (tests === null) throw new InvalidInputError('significance tests are not available in this build of the estimation engine');
    return tests;
  };
  const G = '.spiegel_group';
  const withGroup = (x: Float64Array, group: Float64Array, domain: Uint8Array): Design => {
    const d = withColumns(design, x, domain);
    return { ...d, data: d.data.withColumn(numericColumn(G, group)) };
  };
  return {
    nrow: design.nrow,
    proportion: mean,
    mean,
    raoScott: (x, group, domain) => need().raoScott(withGroup(x, group, domain), Y, G, D),
    ttest: (y, group, domain) => need().ttest(withGroup(y, group, domain), Y, G, D),
  };
}

export { type TestFunctions };
