/**
 * The mailing list: who was sampled, how to reach them and with which credentials, and how far
 * they got. This is the only module that reads the contact table; every caller is a mailing
 * (letters, e-mail, reminders) and records the read in the audit log (./audit.ts).
 */
import type { Kysely } from 'kysely';
import { FieldStoreError } from './errors.js';
import { parseStringRecord } from './json.js';
import type { FieldDatabase } from './schema.js';
import type { ParticipantStatus } from './types.js';

/** An outcome that ends fieldwork for a participant before completion. */
export type ParticipantOutcome = 'refused' | 'undeliverable' | 'ineligible';
export const PARTICIPANT_OUTCOMES: readonly ParticipantOutcome[] = ['refused', 'undeliverable', 'ineligible'];

export interface MailingEntry {
  readonly participantId: string;
  readonly test: boolean;
  readonly status: ParticipantStatus;
  readonly outcome?: ParticipantOutcome;
  /** First invitation (ISO 8601): a letter's posting date or the first e-mail sent. */
  readonly invitedAt?: string;
  /** Contact columns as imported (absent columns were empty in the sample). */
  readonly contact: Readonly<Record<string, string>>;
  /** Link token and login code in clear; absent after a purge. */
  readonly token?: string;
  readonly loginCode?: string;
  /** Register values (for strata and targets). */
  readonly register: Readonly<Record<string, string>>;
}

/** Every participant with contact data and credentials, in id order. */
export async function mailingList(db: Kysely<FieldDatabase>, options: { readonly includeTest?: boolean } = {}): Promise<MailingEntry[]> {
  let q = db
    .selectFrom('field_participants as p')
    .leftJoin('field_contacts as c', 'c.participant_id', 'p.id')
    .select(['p.id', 'p.test', 'p.status', 'p.outcome', 'p.invited_at', 'p.register', 'c.data', 'c.token', 'c.login_code'])
    .orderBy('p.id');
  if (options.includeTest !== true) q = q.where('p.test', '=', 0);
  const rows = await q.execute();
  return rows.map((r) => ({
    participantId: r.id,
    test: r.test === 1,
    status: r.status as ParticipantStatus,
    ...(r.outcome !== null ? { outcome: r.outcome as ParticipantOutcome } : {}),
    ...(r.invited_at !== null ? { invitedAt: r.invited_at } : {}),
    contact: r.data === null ? {} : parseStringRecord(r.data),
    ...(r.token !== null ? { token: r.token } : {}),
    ...(r.login_code !== null ? { loginCode: r.login_code } : {}),
    register: parseStringRecord(r.register),
  }));
}

/** Records the first invitation time of these participants (later invitations keep the first). */
export async function markInvited(db: Kysely<FieldDatabase>, participantIds: readonly string[], at: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < participantIds.length; i += 500) {
      await trx.updateTable('field_participants').set({ invited_at: at }).where('id', 'in', participantIds.slice(i, i + 500)).where('invited_at', 'is', null).execute();
    }
  });
}

/**
 * Sets the outcome of a participant (an opt-out, a bounce, a researcher's finding). A completed
 * participant keeps its completion: a later opt-out does not undo an answered questionnaire.
 */
export async function setOutcome(db: Kysely<FieldDatabase>, participantId: string, outcome: ParticipantOutcome, at: string = new Date().toISOString()): Promise<void> {
  const r = await db.updateTable('field_participants').set({ outcome, outcome_at: at }).where('id', '=', participantId).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new FieldStoreError(`no participant "${participantId}" in the store`);
}
