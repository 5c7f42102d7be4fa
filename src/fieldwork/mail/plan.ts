/**
 * Who gets which message, worked out from the mailing list and the mail log before anything is
 * sent (the log's unique row per participant, channel and step then keeps it at most once).
 *
 * Invitations: every sampled (non-test) participant with an address who has no e-mail
 * invitation in the log, has not completed and has no outcome (refused, undeliverable, ineligible).
 * Reminders: reminder N (1-based) is due on the invitation date + reminders[N-1] days when reminder
 * N-1 (the invitation for N = 1) went out by either channel: an e-mail sent or a letter posted.
 * The invitation date is the first invitation by either channel (an e-mail's sent time, a letter's
 * posting date). Dates are calendar dates in UTC.
 */
import type { MailingEntry } from '../store/contacts.js';
import type { MailRecord } from '../store/mail-log.js';
import { isEmailAddress } from './address.js';

export interface Recipient {
  readonly entry: MailingEntry;
  readonly address: string;
  /** 0: invitation; n: reminder n. */
  readonly step: number;
}

export interface InvalidAddress {
  readonly participantId: string;
  readonly value: string;
}

export interface InvitationPlan {
  readonly recipients: Recipient[];
  readonly invalid: InvalidAddress[];
  /** Participants without an address in the e-mail column. */
  readonly noAddress: number;
  /** Already in the log (sent, bounced, failed, or in doubt without --resend-in-doubt). */
  readonly done: number;
  /** Completed, or with an outcome: no invitation any more. */
  readonly finished: number;
  /** In doubt and not resent (no --resend-in-doubt). */
  readonly inDoubt: string[];
}

const DONE_EMAIL = 'sent';
const DONE_LETTER = 'posted';

function isFinished(e: MailingEntry): boolean {
  return e.status === 'complete' || e.outcome !== undefined;
}

function rowsByParticipant(log: readonly MailRecord[]): Map<string, MailRecord[]> {
  const m = new Map<string, MailRecord[]>();
  for (const r of log) {
    const list = m.get(r.participantId);
    if (list === undefined) m.set(r.participantId, [r]);
    else list.push(r);
  }
  return m;
}

function addressOf(e: MailingEntry, column: string): string {
  return (e.contact[column] ?? '').trim();
}

export function planInvitations(list: readonly MailingEntry[], log: readonly MailRecord[], column: string, resendInDoubt: boolean): InvitationPlan {
  const rows = rowsByParticipant(log);
  const plan = { recipients: [] as Recipient[], invalid: [] as InvalidAddress[], noAddress: 0, done: 0, finished: 0, inDoubt: [] as string[] };
  for (const e of list) {
    if (e.test) continue;
    const address = addressOf(e, column);
    if (address === '') {
      plan.noAddress++;
      continue;
    }
    const row = rows.get(e.participantId)?.find((r) => r.channel === 'email' && r.step === 0);
    if (row !== undefined && !(row.state === 'in-doubt' && resendInDoubt)) {
      if (row.state === 'in-doubt') plan.inDoubt.push(e.participantId);
      else plan.done++;
      continue;
    }
    if (isFinished(e)) {
      plan.finished++;
      continue;
    }
    if (!isEmailAddress(address)) {
      plan.invalid.push({ participantId: e.participantId, value: address });
      continue;
    }
    plan.recipients.push({ entry: e, address, step: 0 });
  }
  return plan;
}

export interface ReminderPlan {
  /** E-mail reminders to send now. */
  readonly email: Recipient[];
  /** Reminders due now for participants without a usable address: the letters' `--reminder N`. */
  readonly letters: { readonly participantId: string; readonly step: number }[];
  /** Addresses that are not one (these participants are among `letters`). */
  readonly invalid: InvalidAddress[];
  /** Reminder e-mails in doubt and not resent (no --resend-in-doubt). */
  readonly inDoubt: string[];
  /** Participants with a reminder still to come, not due yet. */
  readonly notYetDue: number;
  /** Completed or with an outcome. */
  readonly finished: number;
  /** Never invited by either channel. */
  readonly notInvited: number;
}

/** YYYY-MM-DD of an ISO time or date (UTC). */
export function dayOf(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : new Date(iso).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** When a row counts as the message having gone out (e-mail: its sent time; letter: its posting date). */
function wentOut(r: MailRecord): string | undefined {
  if (r.channel === 'email' && r.state === DONE_EMAIL) return dayOf(r.updatedAt);
  if (r.channel === 'letter' && r.state === DONE_LETTER) return dayOf(r.createdAt);
  return undefined;
}

export function planReminders(
  list: readonly MailingEntry[],
  log: readonly MailRecord[],
  options: { readonly days: readonly number[]; readonly column: string; readonly today: string; readonly resendInDoubt: boolean },
): ReminderPlan {
  const rows = rowsByParticipant(log);
  const plan = { email: [] as Recipient[], letters: [] as { participantId: string; step: number }[], invalid: [] as InvalidAddress[], inDoubt: [] as string[], notYetDue: 0, finished: 0, notInvited: 0 };
  for (const e of list) {
    if (e.test) continue;
    if (isFinished(e)) {
      plan.finished++;
      continue;
    }
    const mine = rows.get(e.participantId) ?? [];
    const out = new Map<number, string>();
    for (const r of mine) {
      const day = wentOut(r);
      if (day !== undefined && (out.get(r.step) ?? '9999') > day) out.set(r.step, day);
    }
    const invited = [out.get(0), e.invitedAt === undefined ? undefined : dayOf(e.invitedAt)].filter((d): d is string => d !== undefined).sort()[0];
    if (invited === undefined) {
      plan.notInvited++;
      continue;
    }
    // The next step: one past the last that went out (the invitation counts as step 0 when only invitedAt knows of it).
    let step = 1;
    while (out.has(step)) step++;
    if (step > options.days.length) continue;
    if (options.today < addDays(invited, options.days[step - 1])) {
      plan.notYetDue++;
      continue;
    }
    const address = addressOf(e, options.column);
    if (address !== '' && isEmailAddress(address)) {
      const row = mine.find((r) => r.channel === 'email' && r.step === step);
      if (row !== undefined) {
        if (row.state === 'in-doubt' && options.resendInDoubt) plan.email.push({ entry: e, address, step });
        else if (row.state === 'in-doubt') plan.inDoubt.push(e.participantId);
        // bounced or failed: the participant has an outcome or the message is on record; nothing more
        continue;
      }
      plan.email.push({ entry: e, address, step });
      continue;
    }
    if (address !== '') plan.invalid.push({ participantId: e.participantId, value: address });
    plan.letters.push({ participantId: e.participantId, step });
  }
  return plan;
}
