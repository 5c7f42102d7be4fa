/**
 * The `fieldwork` section of the study spec: what the web questionnaire needs beyond the
 * `questions` (which stay the single definition of the questionnaire, its routing and codes).
 *
 *   fieldwork:
 *     mode: personal            # personal: a token per sampled unit; open: anonymous link (staff)
 *     title: Uw ervaringen met de bijstand   # the questionnaire's title for respondents
 *     wave: 2021                # the wave being fielded (its `fieldwork` dates must agree)
 *     opens: 2021-06-15T09:00   # local time in `timezone`
 *     closes: 2021-08-15T23:59
 *     timezone: Europe/Amsterdam
 *     graceHours: 48            # those who started may finish this long after `closes`
 *     partialThreshold: 0.5     # share of asked pages answered to export a break-off as partial
 *     anonymous: false          # true: no link from contact data to a completed response is kept
 *     registerColumns: [stratum, design_weight, lftklasse, geslacht]
 *     contactColumns: [naam, adres, postcode, woonplaats, email]
 *     intro: |                  # Markdown (a small, escaped subset), study language
 *       Fijn dat u meedoet. ...
 *     closing: Bedankt voor het invullen.
 *     pages:                    # default: one question per page, in spec order
 *       - { id: start, title: Over u, questions: [duur, zelf] }
 *     baseUrl, reminders, letters, email, retention, targets: see ./fieldwork-contact.ts
 */
import { z } from 'zod';
import { EmailSpec, LettersSpec, RetentionSpec, TargetsSpec } from './fieldwork-contact.js';

const Identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.]*$/, 'must start with a letter and contain only letters, digits, "_" and "."');

/** A local date-time without zone (`2021-06-15` or `2021-06-15T09:00`); the zone is `timezone`. */
const LocalDateTime = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/, 'must be a date (2021-06-15) or a local date and time (2021-06-15T09:00)'));

export const FieldworkPage = z.strictObject({
  id: Identifier,
  /** Heading of the page; default: none (the question wording is the heading). */
  title: z.string().min(1).optional(),
  /** Question ids on this page, in order. */
  questions: z.array(Identifier).min(1),
});

export const FieldworkSpec = z.strictObject({
  mode: z.enum(['personal', 'open']).default('personal'),
  /**
   * The questionnaire's title as respondents see it (banner, browser tab, intro); default
   * "Vragenlijst" / "Questionnaire". The study's `title` is the report's and is not shown to them.
   */
  title: z.string().min(1).optional(),
  /** Year of the wave this questionnaire fields; default: the last wave with microdata or none. */
  wave: z.number().int().optional(),
  opens: LocalDateTime.optional(),
  closes: LocalDateTime.optional(),
  timezone: z.string().min(1).default('Europe/Amsterdam'),
  graceHours: z.number().nonnegative().default(48),
  partialThreshold: z.number().gt(0).lte(1).default(0.5),
  anonymous: z.boolean().default(false),
  /** Columns of the sample file that travel with the answers into the export (no identifiers). */
  registerColumns: z.array(Identifier).optional(),
  /** Columns of the sample file that are contact data: stored apart, never exported with answers. */
  contactColumns: z.array(z.string().min(1)).optional(),
  intro: z.string().min(1).optional(),
  closing: z.string().min(1).optional(),
  pages: z.array(FieldworkPage).min(1).optional(),
  /** Address of the questionnaire as respondents reach it (links in letters and e-mails). */
  baseUrl: z.string().regex(/^https?:\/\/[^\s/]+/, 'must be an http(s) address such as https://enquete.example.nl').optional(),
  /** Reminders: days after the invitation (for letters, after the posting date). */
  reminders: z.array(z.number().int().positive()).optional(),
  letters: LettersSpec.optional(),
  email: EmailSpec.optional(),
  retention: RetentionSpec.optional(),
  targets: TargetsSpec.optional(),
});

export type FieldworkSpec = z.infer<typeof FieldworkSpec>;
export type FieldworkPageSpec = z.infer<typeof FieldworkPage>;
