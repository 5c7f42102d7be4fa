/** The pipeline runner: study spec → Report. */
export { runStudy, computeStudy, prepareWave, type RunStudyOptions, type StudyResult } from './run.js';
export { DataCheckError } from './prepare.js';
