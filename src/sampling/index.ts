/** Sampling from registers (issue 4 §1–2): designs, seeded selection, response accounting. */
export { parseSamplingDesign, samplingDesignSchema, validateSamplingDesign } from './design.js';
export type { SamplingDesign } from './design.js';
export { drawSample, keyHash } from './draw.js';
export type { DrawnSample, DrawOptions, StratumSummary } from './draw.js';
export { CsvFrame, DatasetFrame, SavFrame, openFrame } from './frame.js';
export type { FrameSource, Cell as FrameCell } from './frame.js';
export { writeSample, sampleDataset } from './write.js';
export { allocate } from './allocate.js';
export { srs, systematic, ppsSystematic } from './select.js';
export { Xoshiro128 } from './rng.js';
export { SamplingError } from './errors.js';
export { parseDisposition, responseRates, compareWithPopulation, DISPOSITIONS } from './response.js';
export type { Disposition, ResponseRates, Comparison as ResponseComparison } from './response.js';
export { formatSampleSummary, formatComparison } from './summary.js';
