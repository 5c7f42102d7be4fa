/** Library entry point: every stage of the pipeline exports its public API from here. */
export * from './errors.js';
export * from './data/column.js';
export * from './data/dataset.js';
export { readDataset, writeDataset, writeJson, dataFormatOf, type DataFormat, type ReadDatasetOptions, type WriteDatasetOptions } from './data/io.js';
export { readCsv, type CsvReadOptions } from './data/csv/read.js';
export { writeCsv, type CsvWriteOptions } from './data/csv/write.js';
export { readSav, writeSav, openSav, type SavStream, type ReadSavOptions, type WriteSavOptions } from './data/sav/index.js';
export {
  CodebookError,
  codebookJson,
  codebookYaml,
  describeVariables,
  loadCodebook,
  parseCodebook,
  type Codebook,
  type CodebookVariable,
  type VariableDescription,
} from './data/codebook.js';
export * from './weighting/index.js';
export * from './sampling/index.js';
export * from './estimate/index.js';
export * from './report/index.js';
export * from './tables/model.js';
export {
  loadSpec,
  parseSpec,
  SpecError,
  formatIssue,
  parseExpression,
  evaluate as evaluateExpression,
  ExpressionSyntaxError,
  parseTextReferences,
  StudySpec,
  TableKindName,
  type LoadedSpec,
  type SpecIssue,
  type Expr,
  type TextReference,
  type TableSpec,
  type QuestionSpec,
  type WaveSpec,
} from './spec/index.js';
export { buildTable, resolveText, largestRemainder, roundN, wholePercent, roundHalfUp, BUILDERS, CATALOGUE_CODE } from './tables/index.js';
export { runStudy, computeStudy, DataCheckError, type RunStudyOptions, type StudyResult } from './study/index.js';
