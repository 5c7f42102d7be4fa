/**
 * Design-based tests of the JSON request: chisq (Rao–Scott), ttest.
 */
import type { Design } from '../design/design.js';
import { InvalidInputError } from '../errors.js';

export interface TestResult {
  readonly id: string;
  readonly kind: string;
  readonly statistic: number | null;
  readonly df: readonly [number, number] | readonly [number];
  readonly p: number | null;
}

export function runTestRequest(_design: Design, _json: unknown, index: number): TestResult {
  throw new InvalidInputError('tests are not available yet', { field: `tests[${index}]` });
}
