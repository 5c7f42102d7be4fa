/**
 * What the dashboard reads from the store, in one snapshot: per non-test response its times,
 * status, the page it stopped on, its device and its register values; per non-test participant
 * its register values (for the sample per stratum). No answers, no contact data, no ids: the
 * figures are counts and cannot be joined back to a person.
 */
import type { Kysely } from 'kysely';
import { parseStringRecord } from '../store/json.js';
import type { FieldDatabase } from '../store/schema.js';
import type { Device, StoreEngine } from '../store/types.js';

export interface ResponseFacts {
  /** ISO 8601 UTC. */
  readonly startedAt: string;
  /** ISO 8601 UTC, for a completed response. */
  readonly completedAt?: string;
  readonly complete: boolean;
  /** The page to resume at: for a break-off, the page the respondent stopped on. */
  readonly pageIndex: number;
  readonly device?: Device;
  /** Register values copied from the participant at the start (empty for open links). */
  readonly register: Readonly<Record<string, string>>;
}

export interface FieldworkFacts {
  /** When the snapshot was read (ISO 8601 UTC). */
  readonly takenAt: string;
  readonly responses: readonly ResponseFacts[];
  /** Register values of every sampled (non-test) participant. */
  readonly sampled: readonly Readonly<Record<string, string>>[];
}

const DEVICES: ReadonlySet<string> = new Set<Device>(['phone', 'tablet', 'desktop']);

/**
 * Reads the facts in one transaction. PostgreSQL runs it REPEATABLE READ (one snapshot for both
 * statements; its default READ COMMITTED would take one per statement); a SQLite transaction in
 * WAL mode reads one snapshot from its first statement on.
 */
export async function readFacts(store: { readonly engine: StoreEngine; readonly db: Kysely<FieldDatabase> }, now: () => number = Date.now): Promise<FieldworkFacts> {
  let tx = store.db.transaction();
  if (store.engine === 'postgres') tx = tx.setIsolationLevel('repeatable read');
  return tx.execute(async (trx) => {
    const responses = await trx
      .selectFrom('field_responses')
      .select(['started_at', 'completed_at', 'status', 'page_index', 'device', 'register'])
      .where('test', '=', 0)
      .orderBy('started_at')
      .execute();
    const participants = await trx.selectFrom('field_participants').select('register').where('test', '=', 0).execute();
    return {
      takenAt: new Date(now()).toISOString(),
      responses: responses.map((r) => ({
        startedAt: r.started_at,
        ...(r.completed_at !== null ? { completedAt: r.completed_at } : {}),
        complete: r.status === 'complete',
        pageIndex: r.page_index,
        ...(r.device !== null && DEVICES.has(r.device) ? { device: r.device as Device } : {}),
        register: parseStringRecord(r.register),
      })),
      sampled: participants.map((p) => parseStringRecord(p.register)),
    };
  });
}
