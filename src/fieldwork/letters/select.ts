/**
 * Who gets a letter: the invitation goes to every sampled participant without an outcome
 * (refused, undeliverable, ineligible); a reminder only to those who have also not completed.
 * Test participants get letters only when asked for (proofs), and `only` narrows to named ids.
 */
import { UsageError } from '../../errors.js';
import type { MailingEntry } from '../store/contacts.js';

export interface LetterSelection {
  /** 0 for the invitation, N for the N-th reminder. */
  readonly step: number;
  /** Letters for the test participants instead of the sampled ones (proofs). */
  readonly test?: boolean;
  /** Only these participant ids (proofs, a reprint). */
  readonly only?: readonly string[];
}

export function letterRecipients(list: readonly MailingEntry[], selection: LetterSelection): MailingEntry[] {
  const wanted = selection.only === undefined ? undefined : new Set(selection.only);
  if (wanted !== undefined) {
    const known = new Set(list.map((e) => e.participantId));
    const unknown = [...wanted].filter((id) => !known.has(id));
    if (unknown.length > 0) throw new UsageError(`--only names participant(s) not in the store: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}`);
  }
  return list.filter((e) => {
    if (wanted !== undefined ? !wanted.has(e.participantId) : e.test !== (selection.test === true)) return false;
    if (e.outcome !== undefined) return false;
    return selection.step === 0 || e.status !== 'complete';
  });
}
