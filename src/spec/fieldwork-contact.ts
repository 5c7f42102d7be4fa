/**
 * The parts of the `fieldwork` section that reach sampled people and the research team
 * (Fieldwork II): letters, e-mail, the reminder schedule, retention and response targets.
 *
 *   fieldwork:
 *     baseUrl: https://enquete.example.nl     # the questionnaire as respondents reach it
 *     reminders: [14, 28]                     # days after the invitation (letters: after posting)
 *     letters:
 *       window: { left: 20, top: 50, width: 85, height: 40 }   # mm on A4, window envelope
 *       sender: [Inspectie SZW, Postbus 90801, 2509 LV Den Haag]
 *       address: ['{{naam}}', '{{adres}}', '{{postcode}}  {{woonplaats}}']
 *       invitation: |                         # Markdown with {{placeholders}}
 *         Beste {{naam}}, ... {{link}} ... {{code}} ... vóór {{sluitdatum}}
 *       reminders: [ ... ]                    # one per entry of `reminders`
 *     email:
 *       from: Onderzoek Spiegel <onderzoek@example.nl>
 *       column: email                         # contact column with the address
 *       perMinute: 60                         # throttle
 *       invitation: { subject: ..., body: ... }
 *       reminders: [ { subject: ..., body: ... } ]
 *     retention: { contactData: 2021-12-31 }  # contact data purged after this date
 *     targets: { column: stratum, completes: { A: 400, B: 300 } }
 *
 * Placeholders are a contact column (`{{naam}}`) or one of the fixed ones: link, code,
 * loginUrl, closes (sluitdatum), optOut (e-mail only). Their values are escaped where they land.
 */
import { z } from 'zod';

const Identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.]*$/, 'must start with a letter and contain only letters, digits, "_" and "."');

const Millimetres = z.number().nonnegative().max(300);

/** Position of the address block on A4 portrait, for a window envelope (default: left window, DL/C5). */
export const WindowSpec = z.strictObject({
  left: Millimetres,
  top: Millimetres,
  width: Millimetres.min(30),
  height: Millimetres.min(15),
});

export const LettersSpec = z.strictObject({
  window: WindowSpec.default({ left: 20, top: 50, width: 85, height: 40 }),
  /** Return address / letterhead lines, printed above the window. */
  sender: z.array(z.string().min(1)).optional(),
  /** Lines of the address block: templates over the contact columns. */
  address: z.array(z.string().min(1)).min(1),
  /** Body of the invitation letter (Markdown, a small escaped subset, with placeholders). */
  invitation: z.string().min(1),
  /** Bodies of the reminder letters, one per entry of `fieldwork.reminders`. */
  reminders: z.array(z.string().min(1)).optional(),
});

export const EmailMessageSpec = z.strictObject({
  subject: z.string().min(1),
  /** Markdown with placeholders; sent as plain text and as HTML. */
  body: z.string().min(1),
});

export const EmailSpec = z.strictObject({
  /** Sender, `Name <address>` or an address. */
  from: z.string().min(3),
  replyTo: z.string().min(3).optional(),
  /** Contact column holding the e-mail address. */
  column: Identifier.default('email'),
  /** Messages handed to the SMTP server per minute, at most. */
  perMinute: z.number().positive().max(6000).default(60),
  invitation: EmailMessageSpec,
  /** One per entry of `fieldwork.reminders`. */
  reminders: z.array(EmailMessageSpec).optional(),
});

export const RetentionSpec = z.strictObject({
  /** Contact data (names, addresses, e-mail, credentials) may be kept until this date; then purge. */
  contactData: z
    .union([z.string(), z.date()])
    .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
    .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2021-12-31')),
});

export const TargetsSpec = z.strictObject({
  /** Register column whose values are the strata (it must be one of `registerColumns`). */
  column: Identifier,
  /** Completed responses wanted per stratum value. */
  completes: z.record(z.string(), z.number().int().nonnegative()),
});

export type LettersSpec = z.infer<typeof LettersSpec>;
export type EmailSpec = z.infer<typeof EmailSpec>;
export type EmailMessageSpec = z.infer<typeof EmailMessageSpec>;
export type RetentionSpec = z.infer<typeof RetentionSpec>;
export type TargetsSpec = z.infer<typeof TargetsSpec>;
