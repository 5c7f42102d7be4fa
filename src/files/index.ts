/** The output rule and safe output: one module every stage that writes files uses (imports only node and errors.ts). */
export { TextSink, writeContentAtomic, writeFileAtomic, writeFilesAtomic, writeFilesAtomicWith, writePathAtomic, stageByPath } from './atomic.js';
export { checkFolderFiles, MANIFEST_NAME, type FolderFile, type Manifest, previousFiles, writeFolder } from './folder.js';
export { checkOutputs, prepareOutputs, type RunFile } from './identity.js';
export { asIoError, describeSystemError, isSystemError } from './io-error.js';
export { looksLikeFormula, neutraliseFormula } from './spreadsheet.js';
export { liveTemps, removeTempsOnSignals, sweepStaleTemps, tempPathFor } from './temp.js';
export { escapeTerminal } from './terminal.js';
