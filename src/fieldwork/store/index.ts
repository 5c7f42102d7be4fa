/** The fieldwork store: one interface over SQLite and PostgreSQL (see types.ts). */
export * from './types.js';
export { storeLocation, DATABASE_URL_ENV } from './location.js';
export { createFieldStore, openFieldStore, describe as describeStoreLocation } from './open.js';
export { FieldStoreError } from './errors.js';
export { checkStructure, structureChanges, StructureChangedError } from './structure-check.js';
export {
  LOGIN_CODE_ALPHABET,
  newToken,
  newLoginCode,
  isWellFormedLoginCode,
  normaliseLoginCode,
  formatLoginCode,
  tokenHash,
  loginCodeHash,
} from './credentials.js';
export { mailingList, markInvited, setOutcome, PARTICIPANT_OUTCOMES, type MailingEntry, type ParticipantOutcome } from './contacts.js';
export { recordAudit, auditLog, cliUser, type AuditEntry, type AuditRecord } from './audit.js';
export type { FieldDatabase } from './schema.js';
export { saveCoding, codingsOf, codingHistory, type StoredCoding, type CodingSave, type CodingSaveResult } from './codings.js';
export { saveMove, movesOf, moveHistory, type StoredMove, type MoveSave, type MoveSaveResult } from './coding-moves.js';
export { saveSpan, spansOf, spanHistory, type StoredSpan, type SpanKey, type SpanSave, type SpanSaveResult } from './coding-spans.js';
export { changeStamp, stampChange, type StampScope } from './coding-stamps.js';
