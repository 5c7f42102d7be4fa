/** The tables stage: spec + prepared wave data → the renderer-neutral table model. */
export * from './model.js';
export { buildTable } from './build.js';
export { BUILDERS, CATALOGUE_CODE } from './kinds/index.js';
export { resolveText } from './text.js';
export { roundHalfUp, wholePercent, largestRemainder, roundN } from './rounding.js';
export { resolveOptions, DEFAULT_MIN_BASE, DEFAULT_LEVEL, type StudyContext, type WaveData, type ResolvedOptions } from './context.js';
export type { Estimate, TestResult, WaveEstimator, TestFunctions, WaveStat } from './estimator.js';
export { designEstimator, estimateTests } from './adapter.js';
export { textsFor, type TableTexts } from './labels.js';
