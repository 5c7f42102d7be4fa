/**
 * Checks before any letter is made, each naming the spec field or the participant and column:
 * the letters section exists, every placeholder is fixed or a contact column, the reminder
 * asked for has a text, the closing date is set when a template uses it, every recipient has
 * the columns the address needs, and the store still holds credentials (not purged).
 */
import { type ErrorLocation, InvalidInputError } from '../../errors.js';
import type { LettersSpec } from '../../spec/fieldwork-contact.js';
import type { FieldworkSpec } from '../../spec/fieldwork.js';
import { placeholdersOf, unknownPlaceholders } from '../contact/template.js';
import type { MailingEntry } from '../store/contacts.js';
import { FieldStoreError } from '../store/errors.js';

type Locate = (path: readonly (string | number)[]) => ErrorLocation;

/** The letter's templates: address lines and the body of the invitation or reminder `step`. */
export interface LetterTemplates {
  readonly spec: LettersSpec;
  readonly body: string;
  readonly step: number;
}

export function checkLetterTemplates(fieldwork: FieldworkSpec | undefined, step: number, locate: Locate): LetterTemplates {
  const spec = fieldwork?.letters;
  if (spec === undefined) {
    throw new InvalidInputError('the spec has no fieldwork.letters: add the letter (window, sender, address lines, invitation text; see docs/study-spec.md, "Letters")', locate(fieldwork === undefined ? [] : ['fieldwork']));
  }
  const reminders = spec.reminders ?? [];
  if (step > reminders.length) {
    throw new InvalidInputError(
      `--reminder ${step} asks for reminder letter ${step}, but fieldwork.letters.reminders has ${reminders.length === 0 ? 'no texts' : `only ${reminders.length}`}`,
      locate(['fieldwork', 'letters', ...(spec.reminders === undefined ? [] : ['reminders'])]),
    );
  }
  const columns = fieldwork?.contactColumns ?? [];
  const templates: [string, (string | number)[]][] = [
    ...spec.address.map((t, i): [string, (string | number)[]] => [t, ['fieldwork', 'letters', 'address', i]]),
    [spec.invitation, ['fieldwork', 'letters', 'invitation']],
    ...reminders.map((t, i): [string, (string | number)[]] => [t, ['fieldwork', 'letters', 'reminders', i]]),
  ];
  for (const [template, path] of templates) {
    const unknown = unknownPlaceholders(template, columns);
    if (unknown.length > 0) {
      throw new InvalidInputError(
        `unknown placeholder ${unknown.map((p) => `{{${p}}}`).join(', ')}: a letter may use the contact columns (fieldwork.contactColumns: ${columns.length === 0 ? 'none' : columns.join(', ')}) and link, code, loginUrl, closes`,
        locate(path),
      );
    }
    if (placeholdersOf(template).includes('optOut')) {
      throw new InvalidInputError('{{optOut}} is a link in e-mails only; a letter cannot carry it', locate(path));
    }
    if (placeholdersOf(template).includes('closes') && fieldwork?.closes === undefined) {
      throw new InvalidInputError('the template uses {{closes}}, but fieldwork.closes (the closing date) is not set', locate(path));
    }
  }
  return { spec, body: step === 0 ? spec.invitation : reminders[step - 1], step };
}

/**
 * Every recipient has credentials and a non-empty value for each contact column the address
 * lines use; the first that does not stops the run before anything is written.
 */
export function checkRecipients(recipients: readonly MailingEntry[], spec: LettersSpec, columns: readonly string[], locate: Locate): void {
  const needed = [...new Set(spec.address.flatMap((line) => placeholdersOf(line)))].filter((p) => columns.includes(p));
  for (const r of recipients) {
    if (r.token === undefined || r.loginCode === undefined) {
      throw new FieldStoreError(
        `participant "${r.participantId}" has no link or login code in the store: its contact data was purged (spiegel field purge), so no letters can be made from this store`,
      );
    }
    // A test link has no contact data: its proof shows the column names instead.
    for (const column of r.test ? [] : needed) {
      if ((r.contact[column] ?? '').trim() === '') {
        throw new InvalidInputError(
          `participant "${r.participantId}" has no value for column "${column}", which the address needs; complete the sample and import it again, or leave the line out of fieldwork.letters.address`,
          locate(['fieldwork', 'letters', 'address', spec.address.findIndex((l) => placeholdersOf(l).includes(column))]),
        );
      }
    }
  }
}
