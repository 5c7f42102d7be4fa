/**
 * What sending needs from the spec, checked before anything is read or sent: fieldwork.email,
 * fieldwork.baseUrl, the address column among the contact columns, sender addresses that are
 * one mailbox each, templates that only use known placeholders, and for reminders one e-mail
 * per entry of fieldwork.reminders.
 */
import { type ErrorLocation, InvalidInputError } from '../../errors.js';
import type { EmailMessageSpec, EmailSpec } from '../../spec/fieldwork-contact.js';
import type { FieldworkSpec } from '../../spec/fieldwork.js';
import type { StudySpec } from '../../spec/schema.js';
import { unknownPlaceholders } from '../contact/template.js';
import { studyLanguage } from '../questionnaire/build.js';
import type { Language } from '../types.js';
import { type MailParty, parseMailbox } from './message.js';

export type Locate = (path: (string | number)[]) => ErrorLocation;

export interface MailSettings {
  readonly email: EmailSpec;
  readonly from: MailParty;
  readonly replyTo?: MailParty;
  readonly baseUrl: string;
  readonly language: Language;
  /** fieldwork.closes as a date in words (the {{closes}} placeholder), or ''. */
  readonly closes: string;
  /** fieldwork.reminders (days after the invitation). */
  readonly reminderDays: readonly number[];
}

function closesText(fw: FieldworkSpec, language: Language): string {
  if (fw.closes === undefined) return '';
  const [y, m, d] = fw.closes.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function mailSettings(spec: StudySpec, locate: Locate, purpose: 'send' | 'remind'): MailSettings {
  const fw = spec.fieldwork;
  const email = fw?.email;
  if (fw === undefined || email === undefined) {
    throw new InvalidInputError('the spec has no fieldwork.email (from, column, invitation {subject, body}): there is nothing to send', locate(fw === undefined ? [] : ['fieldwork']));
  }
  if (fw.baseUrl === undefined) {
    throw new InvalidInputError('fieldwork.baseUrl is missing: the address of the questionnaire that the personal links in the e-mails point to', locate(['fieldwork']));
  }
  const from = parseMailbox(email.from);
  if (from === undefined) throw new InvalidInputError(`fieldwork.email.from "${email.from}" is not one address such as "Onderzoek <onderzoek@example.nl>"`, locate(['fieldwork', 'email', 'from']));
  const replyTo = email.replyTo === undefined ? undefined : parseMailbox(email.replyTo);
  if (email.replyTo !== undefined && replyTo === undefined) {
    throw new InvalidInputError(`fieldwork.email.replyTo "${email.replyTo}" is not one address`, locate(['fieldwork', 'email', 'replyTo']));
  }
  const columns = fw.contactColumns ?? [];
  if (!columns.includes(email.column)) {
    throw new InvalidInputError(
      `fieldwork.email.column "${email.column}" is not one of the contact columns (fieldwork.contactColumns: ${columns.length === 0 ? 'none' : columns.join(', ')}); the addresses are read from the contact data`,
      locate(['fieldwork', 'email', 'column']),
    );
  }
  const check = (m: EmailMessageSpec, path: (string | number)[]): void => {
    for (const part of ['subject', 'body'] as const) {
      const unknown = unknownPlaceholders(m[part], columns);
      if (unknown.length > 0) {
        throw new InvalidInputError(
          `unknown placeholder(s) ${unknown.map((u) => `{{${u}}}`).join(', ')}: use a contact column (${columns.join(', ')}) or link, code, loginUrl, closes, optOut`,
          locate([...path, part]),
        );
      }
    }
  };
  check(email.invitation, ['fieldwork', 'email', 'invitation']);
  const reminderDays = fw.reminders ?? [];
  if (purpose === 'remind') {
    if (reminderDays.length === 0) throw new InvalidInputError('fieldwork.reminders is missing: the days after the invitation on which reminders are due, e.g. [14, 28]', locate(['fieldwork']));
    const messages = email.reminders ?? [];
    if (messages.length < reminderDays.length) {
      throw new InvalidInputError(
        `fieldwork.reminders has ${reminderDays.length} reminder(s) but fieldwork.email.reminders has ${messages.length} message(s): write one {subject, body} per reminder`,
        locate(['fieldwork', 'email']),
      );
    }
    messages.forEach((m, i) => check(m, ['fieldwork', 'email', 'reminders', i]));
  }
  const language = studyLanguage(spec);
  return { email, from, ...(replyTo !== undefined ? { replyTo } : {}), baseUrl: fw.baseUrl.replace(/\/+$/, ''), language, closes: closesText(fw, language), reminderDays };
}

/** The template of a step: the invitation (0) or reminder n. */
export function templateOf(settings: MailSettings, step: number): EmailMessageSpec {
  return step === 0 ? settings.email.invitation : (settings.email.reminders ?? [])[step - 1];
}
