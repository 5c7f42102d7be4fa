/**
 * The fieldwork status of every sampled (non-test) unit of a store. Reads the participant
 * records, the mail log's states and the responses; never the contact table.
 */
import type { StudySpec } from '../../spec/schema.js';
import { exportedAs, type ExportedAs } from '../export/dataset.js';
import { parseStringRecord } from '../store/json.js';
import type { FieldStore } from '../store/types.js';
import { AAPOR_CODES, type AaporCode, type FieldStatus } from './aapor.js';
import { fieldStatusOf, type UnitFacts } from './classify.js';

export interface UnitDisposition {
  readonly participantId: string;
  readonly status: FieldStatus;
  readonly aapor: AaporCode;
  /** Register values (strata, design weights) as imported from the sample. */
  readonly register: Readonly<Record<string, string>>;
}

export interface DispositionOptions {
  readonly wave: number;
  /** fieldwork.partialThreshold: the export's rule for a partial response. */
  readonly partialThreshold: number;
}

/** Mail states that show an invitation went out (in doubt: handed to the server, fate unknown). */
const SENT = new Set(['sent', 'posted', 'in-doubt']);
const OUTCOMES = new Set(['refused', 'undeliverable', 'ineligible']);
const PROGRESS = new Set(['invited', 'started', 'complete']);

/** Every sampled unit in id order with its status and AAPOR code. */
export async function readDispositions(store: FieldStore, spec: StudySpec, options: DispositionOptions): Promise<UnitDisposition[]> {
  const participants = await store.db
    .selectFrom('field_participants')
    .select(['id', 'status', 'outcome', 'invited_at', 'register'])
    .where('test', '=', 0)
    .orderBy('id')
    .execute();
  const mail = await store.db
    .selectFrom('field_mail as m')
    .innerJoin('field_participants as p', 'p.id', 'm.participant_id')
    .select(['m.participant_id', 'm.state'])
    .where('p.test', '=', 0)
    .execute();
  const sent = new Set<string>();
  const bounced = new Set<string>();
  for (const m of mail) {
    if (SENT.has(m.state)) sent.add(m.participant_id);
    else if (m.state === 'bounced') bounced.add(m.participant_id);
  }
  const rows = await store.exportRows();
  const as = exportedAs(spec, rows, options);
  const responseOf = new Map<string, ExportedAs>();
  rows.forEach((r, i) => {
    if (r.response.participantId !== undefined) responseOf.set(r.response.participantId, as[i]);
  });

  return participants.map((p) => {
    const response = responseOf.get(p.id);
    const facts: UnitFacts = {
      progress: (PROGRESS.has(p.status) ? p.status : 'invited') as UnitFacts['progress'],
      ...(response !== undefined ? { response } : {}),
      ...(p.outcome !== null && OUTCOMES.has(p.outcome) ? { outcome: p.outcome as UnitFacts['outcome'] } : {}),
      invited: p.invited_at !== null || sent.has(p.id),
      allBounced: bounced.has(p.id) && !sent.has(p.id),
    };
    const status = fieldStatusOf(facts);
    return { participantId: p.id, status, aapor: AAPOR_CODES[status], register: parseStringRecord(p.register) };
  });
}
