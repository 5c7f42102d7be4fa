/**
 * The fieldwork store as the server, the data commands and the tests see it: one interface,
 * implemented over SQLite (embedded default) and PostgreSQL by one Kysely query layer.
 *
 * Rules every implementation keeps:
 * - a method that changes anything runs in one transaction and resolves only after it has
 *   committed (SQLite: WAL + synchronous FULL; PostgreSQL: its durable defaults);
 * - tokens and login codes are never stored, only their hashes (SHA-256 for the 128-bit link
 *   tokens; HMAC-SHA-256 with the store's `login-code` secret for the short codes);
 * - contact data (names, addresses, e-mail) sits in its own table and is never returned here;
 * - test participants and their responses carry `test: true` and never reach an export or a count;
 * - in an anonymous study (`fieldwork.anonymous: true`) a completed response keeps no link to
 *   its participant: the participant only remembers that it completed.
 */
import type { Kysely } from 'kysely';
import type { FieldDatabase } from './schema.js';
import type { Answers, PageSubmission, ResponseState, SubmissionResult } from '../types.js';

/** Which database engine a store runs on. */
export type StoreEngine = 'sqlite' | 'postgres';

/** Where a store lives: a SQLite file, or a PostgreSQL connection URL. */
export type StoreLocation =
  | { readonly engine: 'sqlite'; readonly file: string }
  | { readonly engine: 'postgres'; readonly url: string };

/** What the store was created for (written once by `spiegel field init`). */
export interface StoreMeta {
  /** Version of the store's schema (migrations applied). */
  readonly schemaVersion: number;
  /** The spec's `study.id`. */
  readonly studyId: string;
  /** The wave (year) being fielded. */
  readonly wave: number;
  /** structureHash(spec, wave) of the questionnaire the store was created or last imported with. */
  readonly structureHash: string;
  /** Canonical JSON of that structure, so a refused spec change can say what changed. */
  readonly structure: string;
  /** `fieldwork.anonymous` at init: completed responses are unlinked from participants. */
  readonly anonymous: boolean;
  readonly createdAt: string;
}

/** Names of the secrets generated at `init` (32 random bytes each). */
export type SecretName =
  /** Signs session cookies and CSRF tokens (shared by every server instance). */
  | 'cookie'
  /** HMAC key of the stored login-code hashes. */
  | 'login-code';

/** Progress of a participant, as far as the participant record knows it. */
export type ParticipantStatus = 'invited' | 'started' | 'complete';

/** A sampled unit (or a test link) that may answer once. */
export interface Participant {
  readonly id: string;
  readonly test: boolean;
  readonly status: ParticipantStatus;
  /**
   * The participant's response, if one was started and is still linked (in an anonymous
   * study a completed response is unlinked: then `status` is 'complete' and this is absent).
   */
  readonly responseId?: string;
}

/** Start of a response: personal (from a participant) or open (an anonymous link, per visit). */
export interface StartResponse {
  /** Absent for an open-link response. */
  readonly participantId?: string;
  /** An open-link test visit; a personal response takes its participant's test flag. */
  readonly test?: boolean;
  /** structureHash of the questionnaire the response is answered under. */
  readonly structureHash: string;
  /** Kind of device of the first request (for the dashboard), from the User-Agent. */
  readonly device?: Device;
}

export type Device = 'phone' | 'tablet' | 'desktop';

/** A response with what the export needs beyond ResponseState. */
export interface StoredResponse extends ResponseState {
  readonly participantId?: string;
  /** ISO 8601 UTC. */
  readonly startedAt: string;
  readonly completedAt?: string;
  readonly updatedAt: string;
}

/** What the export reads: one row per non-test response, with its participant's register values. */
export interface ExportRow {
  readonly response: StoredResponse;
  /** Register columns from the sample (absent for open-link or unlinked anonymous responses). */
  readonly register: Readonly<Record<string, string>>;
}

/** A new participant (from `spiegel field import`). Codes and tokens arrive in clear and are hashed. */
export interface NewParticipant {
  /** Stable id: the sample's unit id, or `test-N` for test links. */
  readonly id: string;
  readonly token: string;
  readonly loginCode: string;
  readonly test: boolean;
  /** Register columns (as text, as they stand in the sample file). */
  readonly register: Readonly<Record<string, string>>;
  /** Contact columns: stored in the contact table only. */
  readonly contact: Readonly<Record<string, string>>;
}

export interface FieldStore {
  readonly engine: StoreEngine;
  /**
   * The database, for the store's feature modules beside this file (mail log, locks, accounts,
   * audit, dispositions, purge), which keep the same rules: one transaction per change,
   * committed before they resolve; contact data read only where a module says why.
   */
  readonly db: Kysely<FieldDatabase>;
  /** Meta of the store (after open, always present: open refuses a store that is not ours). */
  meta(): Promise<StoreMeta>;
  /** A named secret, generated at init and shared by every instance on the same store. */
  secret(name: SecretName): Promise<Buffer>;

  /** The participant whose link carries this token (compared by hash), if any. */
  participantByToken(token: string): Promise<Participant | undefined>;
  /** The participant with this login code (normalised: case, spaces and dashes do not matter). */
  participantByLoginCode(code: string): Promise<Participant | undefined>;
  /**
   * Records one login attempt under `key` (e.g. `ip:198.51.100.7` or `code`) and returns the
   * number of attempts under that key within the last `windowSeconds`, this one included.
   * Counted in the store, so several server instances share one limit.
   */
  countLoginAttempt(key: string, windowSeconds: number): Promise<number>;

  /**
   * Starts a response. For a participant that already has a linked response, returns that one
   * unchanged (two tabs opening the same link at once get one response). For a participant
   * that completed an anonymous response, throws (the server shows the thanks page instead).
   */
  startResponse(start: StartResponse): Promise<StoredResponse>;
  response(id: string): Promise<StoredResponse | undefined>;
  /** The linked response of a participant, if any. */
  responseOfParticipant(participantId: string): Promise<StoredResponse | undefined>;
  /**
   * Applies one page in one transaction, committed before it resolves: `stale` if
   * `expectedRevision` is not the stored revision; `unchanged` if answers, skipped, page index
   * and status equal what is stored; otherwise `saved` with revision + 1. Completing a response
   * sets its completion time and, in an anonymous study, unlinks it from its participant.
   */
  submitPage(submission: PageSubmission): Promise<SubmissionResult>;

  /** Adds participants in one transaction (all or none); refuses ids or tokens already stored. */
  addParticipants(participants: readonly NewParticipant[]): Promise<void>;
  /** Number of participants stored (test ones counted apart). */
  participantCount(): Promise<{ readonly sampled: number; readonly test: number }>;
  /** Replaces the stored structure after an accepted (wording-only) spec change. */
  recordStructure(structureHash: string, structure: string): Promise<void>;
  /** Every non-test response, oldest first, with register values; for `spiegel field export`. */
  exportRows(): Promise<readonly ExportRow[]>;

  /** Gets ready for writes ahead of the first one (starts the SQLite writer thread); the server calls it before listening. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Everything `createFieldStore(location, options)` (src/fieldwork/store/open.ts) writes into a
 * new store; `openFieldStore(location)` opens an existing one and refuses a database that is not
 * a spiegel field store. Resolve the location with `storeLocation` (./location.ts).
 */
export interface CreateStoreOptions {
  readonly studyId: string;
  readonly wave: number;
  readonly structureHash: string;
  readonly structure: string;
  readonly anonymous: boolean;
}

export type { Answers };

/** `openFieldStore` (./open.ts): opens an existing store; refuses a database that is not ours. */
export type OpenFieldStore = (location: StoreLocation) => Promise<FieldStore>;
/** `createFieldStore` (./open.ts): creates the schema, meta and secrets; refuses an existing store. */
export type CreateFieldStore = (location: StoreLocation, options: CreateStoreOptions) => Promise<FieldStore>;
