/**
 * A participant's opt-out through the link in an e-mail (`/u/<token>`): outcome 'refused', so no
 * reminder goes out any more. A completed questionnaire stays complete, and an outcome already
 * recorded (an earlier opt-out, a bounce, ineligible) keeps its first date.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../store/audit.js';
import type { FieldDatabase } from '../store/schema.js';

export type OptOutResult = 'refused' | 'complete';

export async function optOut(db: Kysely<FieldDatabase>, participantId: string, at: string = new Date().toISOString()): Promise<OptOutResult> {
  return db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('field_participants').select(['status', 'outcome']).where('id', '=', participantId).executeTakeFirst();
    if (p === undefined || p.status === 'complete') return 'complete';
    if (p.outcome === null) {
      await trx.updateTable('field_participants').set({ outcome: 'refused', outcome_at: at }).where('id', '=', participantId).where('outcome', 'is', null).execute();
      await recordAudit(trx, { action: 'opt-out', detail: `participant ${participantId} opted out by the link in an e-mail`, personal: true });
    }
    return 'refused';
  });
}
