/**
 * Atomic file writing for the data writers: the output rule's one implementation (src/files),
 * re-exported under the names the CSV, JSON and sample writers use.
 */
export { TextSink, tempPathFor, writeFilesAtomic } from '../../files/index.js';
