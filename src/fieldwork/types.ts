/**
 * The contracts between the three parts of fieldwork, so each can be built and tested alone:
 *
 *   questionnaire/  pure: spec → pages, page → HTML, form body → answers + errors, routing clean-up
 *   store/          durable state: participants, tokens, responses, page revisions (SQLite | PostgreSQL)
 *   server/         HTTP: sessions, CSRF, CSP, rate limits; glues questionnaire and store
 *
 * Answers are keyed by **data variable** (the names `spiegel report` reads: a grid item's
 * variable, a multiple-response option's 0/1 variable, an "Anders, namelijk" text variable), so
 * an export is the answers laid out as columns.
 */
import type { QuestionSpec, StudySpec } from '../spec/schema.js';

/** One stored answer: a code or number, a text, or (multiple response as a list) the chosen codes. */
export type AnswerValue = number | string | readonly number[];

/** Answers of one response, by data variable. A variable that is absent was not answered. */
export type Answers = Readonly<Record<string, AnswerValue>>;

export type Language = 'nl' | 'en';

/** A page of the questionnaire: one or more questions shown together. */
export interface QuestionnairePage {
  readonly id: string;
  readonly index: number;
  readonly title?: string;
  readonly questions: readonly QuestionSpec[];
}

/** The questionnaire of one wave, ready to field. */
export interface Questionnaire {
  readonly spec: StudySpec;
  readonly wave: number;
  readonly language: Language;
  readonly pages: readonly QuestionnairePage[];
  /**
   * Hash of what answers depend on (questions, variables, codes, scales, routing), not of
   * wording: stored with every response; the store refuses a spec change that alters it.
   */
  readonly structureHash: string;
}

/** A validation problem of one field, shown next to the field and in the error summary. */
export interface FieldError {
  /** Data variable (or question id) the message belongs to; the HTML id of its input. */
  readonly variable: string;
  readonly message: string;
}

/** What a submitted page yields after parsing and validation. */
export interface ParsedPage {
  /** Answers of the page's variables; a variable left empty is absent. */
  readonly answers: Answers;
  /** Variables of the page that were asked but left empty (stored as "asked but skipped"). */
  readonly skipped: readonly string[];
  readonly errors: readonly FieldError[];
}

/** Everything a questionnaire page needs to be rendered (the server fills it in). */
export interface PageContext {
  readonly questionnaire: Questionnaire;
  readonly page: QuestionnairePage;
  readonly answers: Answers;
  readonly errors: readonly FieldError[];
  /** Values as typed on a page that failed validation (shown back to the respondent). */
  readonly submitted?: Readonly<Record<string, string | readonly string[]>>;
  readonly csrfToken: string;
  /** Form action (POST) of this page. */
  readonly action: string;
  /** Link of the previous page, or none on the first. */
  readonly back?: string;
  /** Revision of the response the page was rendered from (hidden field; stale-tab detection). */
  readonly revision: number;
  /** Pages done and pages in total, for the progress indicator (routing-aware). */
  readonly progress: { readonly done: number; readonly total: number };
  /** Register values of the respondent, for routing of items on them (ResponseState.register). */
  readonly register?: Readonly<Record<string, string>>;
}

/** Pages that are not questions. */
export type SystemPageKind =
  | 'intro' // welcome text, privacy statement, start button
  | 'login' // enter the login code from the letter
  | 'thanks' // completed
  | 'closed' // before opening or after closing (+ grace)
  | 'stale' // the questionnaire was changed in another tab or device
  | 'invalid' // a wrong or expired link or code, a forged or oversized request
  | 'error'; // something went wrong on our side (never a stack trace)

export interface SystemPageContext {
  readonly kind: SystemPageKind;
  readonly spec: StudySpec;
  readonly language: Language;
  readonly csrfToken?: string;
  /** Form action or link the page's button leads to. */
  readonly action?: string;
  readonly message?: string;
  /** Login page: the code as typed and a validation message. */
  readonly code?: string;
  readonly error?: string;
}

/** Lifecycle of a response. */
export type ResponseStatus = 'started' | 'complete';

/** The state of one response as the store holds it. */
export interface ResponseState {
  readonly id: string;
  readonly answers: Answers;
  /** Variables asked but left empty. */
  readonly skipped: readonly string[];
  readonly revision: number;
  readonly status: ResponseStatus;
  /** Index of the page to show next (first unanswered). */
  readonly pageIndex: number;
  readonly structureHash: string;
  readonly test: boolean;
  /**
   * The participant's register values from the sample (fieldwork.registerColumns), copied when
   * the response started; routing may refer to them in personal mode. Absent when there are none.
   */
  readonly register?: Readonly<Record<string, string>>;
}

/** One page submission: applied in one transaction, only if `expectedRevision` is current. */
export interface PageSubmission {
  readonly responseId: string;
  readonly expectedRevision: number;
  readonly pageId: string;
  /** The full answer set after this page and the routing clean-up. */
  readonly answers: Answers;
  readonly skipped: readonly string[];
  readonly pageIndex: number;
  readonly status: ResponseStatus;
}

export type SubmissionResult =
  | { readonly kind: 'saved'; readonly revision: number }
  /** Identical to what is stored (a double click or a retried request): nothing changed. */
  | { readonly kind: 'unchanged'; readonly revision: number }
  /** Submitted from an older revision (a second tab): nothing changed. */
  | { readonly kind: 'stale'; readonly revision: number };
