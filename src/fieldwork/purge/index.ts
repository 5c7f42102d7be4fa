/** `spiegel field purge`: contact data removed after fieldwork, answers kept (see ./rows.ts). */
export { purgeStore, type PurgeOutcome, type Compaction } from './run.js';
export { purgePreview, describeCounts, PURGED_AT_KEY, type PurgeCounts } from './rows.js';
export { fieldworkEnd, retentionEnd, retentionWarning, storedContacts, type FieldworkEnd } from './retention.js';
export { isPseudonym } from './pseudonyms.js';
