/**
 * When contact data may be purged and when it should have been: fieldwork must be over
 * (`fieldwork.closes` + `graceHours`, the moment the server admits nobody any more), and
 * `fieldwork.retention.contactData` is the last day contact data may be kept (in the study's
 * time zone). `retentionWarning` is for `spiegel field status` and `serve` to print.
 */
import type { Kysely } from 'kysely';
import type { FieldworkSpec } from '../../spec/fieldwork.js';
import { buildSchedule, scheduleState, zonedToUtc } from '../server/schedule.js';
import type { FieldDatabase } from '../store/schema.js';

export type FieldworkEnd =
  | { readonly over: true; readonly since: number }
  | { readonly over: false; readonly reason: string };

/** Has fieldwork ended (closes + grace passed) at `now` (ms)? */
export function fieldworkEnd(fieldwork: FieldworkSpec | undefined, now: number): FieldworkEnd {
  const schedule = buildSchedule(fieldwork);
  if (schedule.closes === undefined) {
    return { over: false, reason: 'the spec sets no closing date (fieldwork.closes), so it is not known whether fieldwork is over' };
  }
  const end = schedule.closes + schedule.graceMs;
  if (scheduleState(schedule, now) === 'after') return { over: true, since: end };
  return { over: false, reason: `fieldwork is not over: the questionnaire closes ${fieldwork?.closes} and admits those who started until ${new Date(end).toISOString()} (fieldwork.closes + graceHours)` };
}

/** The instant the retention date ends (its last day included), or undefined without one. */
export function retentionEnd(fieldwork: FieldworkSpec | undefined): number | undefined {
  const date = fieldwork?.retention?.contactData;
  if (date === undefined) return undefined;
  return zonedToUtc(date, fieldwork?.timezone ?? 'Europe/Amsterdam', 'fieldwork.retention.contactData', true);
}

/** Participants whose contact data is still stored. */
export async function storedContacts(db: Kysely<FieldDatabase>): Promise<number> {
  const r = await db.selectFrom('field_contacts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/**
 * A warning when the retention date of contact data has passed and the store still holds
 * contact data; undefined otherwise. For other commands to print (status, serve).
 */
export async function retentionWarning(db: Kysely<FieldDatabase>, fieldwork: FieldworkSpec | undefined, now: number = Date.now()): Promise<string | undefined> {
  const end = retentionEnd(fieldwork);
  if (end === undefined || now < end) return undefined;
  const n = await storedContacts(db);
  if (n === 0) return undefined;
  return (
    `Warning: the retention date of contact data (fieldwork.retention.contactData: ${fieldwork?.retention?.contactData}) has passed, ` +
    `but the store still holds contact data of ${n} participant(s). Remove it with "spiegel field purge STUDY.yaml".`
  );
}
