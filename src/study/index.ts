/** The pipeline runner: study spec → Report. */
export { runStudy, prepareWave, type RunStudyOptions } from './run.js';
export { DataCheckError } from './prepare.js';
