/**
 * The values a letter's placeholders take for one participant: the contact columns as imported,
 * and the fixed ones (personal link, login code, login address, closing date in the study's
 * language).
 */
import { personalLink } from '../import/letters.js';
import type { MailingEntry } from '../store/contacts.js';

export type LetterLocale = 'nl-NL' | 'en-GB';

export interface LetterSettings {
  /** Address of the questionnaire as respondents reach it. */
  readonly baseUrl: string;
  /** `fieldwork.closes` (a date or local date-time), if set. */
  readonly closes?: string;
  readonly locale: LetterLocale;
  /** `fieldwork.contactColumns`: a test link (a proof) shows `[column]` where it has no value. */
  readonly contactColumns?: readonly string[];
}

/** A calendar date written out in the study's language: `15 augustus 2021`, `15 August 2021`. */
export function longDate(isoDate: string, locale: LetterLocale): string {
  const day = isoDate.slice(0, 10);
  // Noon UTC: the same calendar day in every zone a reader may be in.
  const at = new Date(`${day}T12:00:00Z`);
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(at);
}

/** Login page of the questionnaire (the server's route `/login`). */
export function loginUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/login`;
}

/**
 * Placeholder values for one participant. Credentials must be present (the caller refuses a
 * purged store before this).
 */
export function letterValues(entry: MailingEntry, settings: LetterSettings): Record<string, string> {
  const proof = entry.test ? Object.fromEntries((settings.contactColumns ?? []).map((c) => [c, `[${c}]`])) : {};
  return {
    ...proof,
    ...entry.contact,
    link: entry.token === undefined ? '' : personalLink(settings.baseUrl, entry.token),
    code: entry.loginCode ?? '',
    loginUrl: loginUrl(settings.baseUrl),
    closes: settings.closes === undefined ? '' : longDate(settings.closes, settings.locale),
  };
}
