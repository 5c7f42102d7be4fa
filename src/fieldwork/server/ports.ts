/**
 * What the server needs from the questionnaire module (src/fieldwork/questionnaire/), as one
 * small interface: the server is tested with any implementation of it, and questionnaire.ts
 * binds the real module.
 */
import type { Kysely } from 'kysely';
import type { FieldDatabase } from '../store/schema.js';
import type {
  Answers,
  PageContext,
  PageSubmission,
  ParsedPage,
  Questionnaire,
  QuestionnairePage,
  ResponseState,
  SubmissionResult,
  SystemPageContext,
} from '../types.js';

/** The respondent's register values (from the sample) that routing may refer to. */
export type RegisterValues = Readonly<Record<string, string>>;

/** A submitted form body as @fastify/formbody yields it (repeated names become arrays). */
export type FormBody = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface QuestionnaireParts {
  readonly questionnaire: Questionnaire;
  renderPage(context: PageContext): string;
  renderSystemPage(context: SystemPageContext): string;
  /** Answers, skipped variables and validation errors of one submitted page. */
  parsePage(page: QuestionnairePage, body: FormBody): ParsedPage;
  /** Removes answers (and skipped marks) of everything the routing no longer asks. */
  cleanRouting(answers: Answers, skipped: readonly string[], register?: RegisterValues): { answers: Answers; skipped: readonly string[] };
  /** True when the routing asks this page (some question on it) given the answers so far. */
  pageAsked(page: QuestionnairePage, answers: Answers, register?: RegisterValues): boolean;
  /** Data variables a page stores (any of them answered or skipped = the page was submitted). */
  pageVariables(page: QuestionnairePage): readonly string[];
  /**
   * Files the rendered pages link to (the stylesheet; a script that only enhances), served at
   * fixed paths from this server so the CSP can stay 'self' without unsafe-inline.
   */
  readonly assets: readonly StaticAsset[];
}

/**
 * The part of the fieldwork store (src/fieldwork/store/types.ts `FieldStore`) the server uses;
 * declared here structurally so the server depends on no more than it calls.
 */
export interface ServerStore {
  participantByToken(token: string): Promise<ServerParticipant | undefined>;
  participantByLoginCode(code: string): Promise<ServerParticipant | undefined>;
  /** Records an attempt under `key`; the number within the window, this one included. */
  countLoginAttempt(key: string, windowSeconds: number): Promise<number>;
  startResponse(start: { participantId?: string; test?: boolean; structureHash: string; device?: 'phone' | 'tablet' | 'desktop' }): Promise<ResponseState>;
  response(id: string): Promise<ResponseState | undefined>;
  submitPage(submission: PageSubmission): Promise<SubmissionResult>;
  /**
   * The database, for the researcher's side (src/fieldwork/admin/): accounts, sessions, audit,
   * dashboard. The real store always has it; without it the server has no researcher's side.
   */
  readonly db?: Kysely<FieldDatabase>;
  /** The engine under `db` (the dashboard reads its figures in one snapshot, which differs per engine). */
  readonly engine?: 'sqlite' | 'postgres';
}

export interface ServerParticipant {
  readonly id: string;
  readonly test: boolean;
  readonly status: 'invited' | 'started' | 'complete';
  readonly responseId?: string;
}

export interface StaticAsset {
  /** Absolute URL path, e.g. `/static/field-3f9a1c.css` (a content hash makes it cacheable). */
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}
