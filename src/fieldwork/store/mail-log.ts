/**
 * The mail log (field_mail): one row per participant, channel and step, written before a message
 * leaves and updated after, so that no message goes out twice whatever happens in between.
 *
 *   sending   claimed by a run that is handing it to the SMTP server now (or crashed doing so)
 *   sent      the server accepted it (message id recorded)
 *   in-doubt  the connection broke after the message was handed over: it may have arrived
 *   failed    the server refused the message permanently (5xx at DATA), reply recorded
 *   bounced   the server refused the recipient permanently (5xx at RCPT), reply recorded
 *   posted    a letter handed to the post (channel 'letter', created_at = the posting date)
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FieldDatabase } from './schema.js';

export type MailChannel = 'email' | 'letter';
export type MailState = 'sending' | 'sent' | 'in-doubt' | 'failed' | 'bounced' | 'posted';

export interface MailRecord {
  readonly id: string;
  readonly participantId: string;
  readonly channel: MailChannel;
  /** 0 for the invitation, n for the n-th reminder. */
  readonly step: number;
  readonly recipient?: string;
  readonly state: MailState;
  readonly messageId?: string;
  /** The server's reply (or what went wrong) for a message that did not simply arrive. */
  readonly detail?: string;
  readonly runId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Every row of the log (of one channel), by participant, channel and step. */
export async function mailLog(db: Kysely<FieldDatabase>, channel?: MailChannel): Promise<MailRecord[]> {
  let q = db.selectFrom('field_mail').selectAll().orderBy('participant_id').orderBy('channel').orderBy('step');
  if (channel !== undefined) q = q.where('channel', '=', channel);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    participantId: r.participant_id,
    channel: r.channel as MailChannel,
    step: r.step,
    ...(r.recipient !== null ? { recipient: r.recipient } : {}),
    state: r.state as MailState,
    ...(r.message_id !== null ? { messageId: r.message_id } : {}),
    ...(r.detail !== null ? { detail: r.detail } : {}),
    runId: r.run_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export interface ClaimRequest {
  readonly participantId: string;
  readonly channel: MailChannel;
  readonly step: number;
  readonly recipient: string;
  readonly runId: string;
  /** Claim a message that is in doubt again (`--resend-in-doubt`). */
  readonly retryInDoubt: boolean;
  readonly at?: string;
}

export type Claim =
  | { readonly claimed: true; readonly id: string; readonly retried: boolean }
  | { readonly claimed: false; readonly state: MailState };

/**
 * Records that this run is about to send the message (state 'sending'), committed before the
 * message is handed to the server. Not claimed when the log already has the message in any state,
 * except one in doubt with `retryInDoubt`: then it is claimed again under the same row.
 */
export async function claimMessage(db: Kysely<FieldDatabase>, r: ClaimRequest): Promise<Claim> {
  const at = r.at ?? new Date().toISOString();
  const id = randomBytes(12).toString('base64url');
  try {
    await db
      .insertInto('field_mail')
      .values({ id, participant_id: r.participantId, channel: r.channel, step: r.step, recipient: r.recipient, state: 'sending', message_id: null, detail: null, run_id: r.runId, created_at: at, updated_at: at })
      .execute();
    return { claimed: true, id, retried: false };
  } catch (e) {
    // The unique (participant, channel, step) said no: somebody has this message already.
    const row = await db.selectFrom('field_mail').select(['id', 'state']).where('participant_id', '=', r.participantId).where('channel', '=', r.channel).where('step', '=', r.step).executeTakeFirst();
    if (row === undefined) throw e;
    if (row.state !== 'in-doubt' || !r.retryInDoubt) return { claimed: false, state: row.state as MailState };
    const u = await db
      .updateTable('field_mail')
      .set({ state: 'sending', recipient: r.recipient, run_id: r.runId, updated_at: at })
      .where('id', '=', row.id)
      .where('state', '=', 'in-doubt')
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) === 0) return { claimed: false, state: 'sending' };
    return { claimed: true, id: row.id, retried: true };
  }
}

/** The server's verdict on a claimed message. */
export async function finishMessage(
  db: Kysely<FieldDatabase>,
  id: string,
  runId: string,
  outcome: { readonly state: Exclude<MailState, 'sending' | 'posted'>; readonly messageId?: string; readonly detail?: string },
  at: string = new Date().toISOString(),
): Promise<void> {
  await db
    .updateTable('field_mail')
    .set({ state: outcome.state, message_id: outcome.messageId ?? null, detail: outcome.detail ?? null, updated_at: at })
    .where('id', '=', id)
    .where('run_id', '=', runId)
    .execute();
}

/**
 * Gives a claim back when the message certainly did not leave (the connection failed before the
 * server took the message, or a temporary 4xx refusal): a new row is removed, a retried one is in
 * doubt again as before, so a later run tries again.
 */
export async function releaseClaim(db: Kysely<FieldDatabase>, claim: { readonly id: string; readonly retried: boolean }, runId: string, detail: string): Promise<void> {
  const q = db.updateTable('field_mail');
  if (claim.retried) {
    await q.set({ state: 'in-doubt', detail, updated_at: new Date().toISOString() }).where('id', '=', claim.id).where('run_id', '=', runId).where('state', '=', 'sending').execute();
  } else {
    await db.deleteFrom('field_mail').where('id', '=', claim.id).where('run_id', '=', runId).where('state', '=', 'sending').execute();
  }
}

/**
 * Messages left in 'sending' by a run that stopped (it crashed between handing the message over
 * and recording the answer) are in doubt. Called under the mail lock, so no live run owns them.
 */
export async function markInterruptedInDoubt(db: Kysely<FieldDatabase>, channel: MailChannel, runId: string): Promise<number> {
  const r = await db
    .updateTable('field_mail')
    .set({ state: 'in-doubt', detail: 'the run sending it stopped before the server\'s answer was recorded', updated_at: new Date().toISOString() })
    .where('channel', '=', channel)
    .where('state', '=', 'sending')
    .where('run_id', '!=', runId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
