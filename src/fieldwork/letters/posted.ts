/**
 * Recording that letters were posted: one field_mail row per participant (channel 'letter',
 * step 0 for the invitation or N for reminder N, state 'posted', created_at the posting date),
 * which is what `spiegel field remind` counts its days from; the invitation also sets the
 * participants' invitation time. The table's unique (participant, channel, step) makes it
 * at most once: rows already there are left as they are and counted.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { markInvited } from '../store/contacts.js';
import type { FieldDatabase } from '../store/schema.js';

export interface PostedResult {
  /** Participants recorded now. */
  readonly added: number;
  /** Participants whose letter of this step was recorded before (left unchanged). */
  readonly already: number;
}

/** The posting date (YYYY-MM-DD) as the ISO time stored: the start of that day, UTC. */
export function postingTime(date: string): string {
  return `${date}T00:00:00.000Z`;
}

export async function recordPosted(db: Kysely<FieldDatabase>, participantIds: readonly string[], step: number, date: string): Promise<PostedResult> {
  const at = postingTime(date);
  const now = new Date().toISOString();
  const runId = randomBytes(12).toString('base64url');
  const added: string[] = [];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < participantIds.length; i += 500) {
      const chunk = participantIds.slice(i, i + 500);
      const existing = await trx.selectFrom('field_mail').select('participant_id').where('channel', '=', 'letter').where('step', '=', step).where('participant_id', 'in', chunk).execute();
      const have = new Set(existing.map((r) => r.participant_id));
      const rows = chunk
        .filter((id) => !have.has(id))
        .map((id) => ({ id: randomBytes(16).toString('base64url'), participant_id: id, channel: 'letter', step, recipient: null, state: 'posted', message_id: null, detail: null, run_id: runId, created_at: at, updated_at: now }));
      if (rows.length > 0) await trx.insertInto('field_mail').values(rows).execute();
      added.push(...rows.map((r) => r.participant_id));
    }
  });
  // Idempotent (keeps a first invitation time), so a run stopped between the two steps heals.
  if (step === 0) await markInvited(db, participantIds, at);
  return { added: added.length, already: participantIds.length - added.length };
}
