/**
 * A change stamp per coded question (or back-coding, or topic list): every save writes a new
 * random stamp in field_meta in its own transaction, so a screen that keeps an arranged view of
 * the codings in memory learns with one lookup by key whether any server instance or command
 * changed them, instead of counting the question's rows on every request.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FieldDatabase } from './schema.js';

export type StampScope = 'codings' | 'moves' | 'spans';

/** field_meta keys are at most 64 characters: the question id is hashed. */
const keyOf = (scope: StampScope, id: string): string => `${scope}:${createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 40)}`;

export async function stampChange(db: Kysely<FieldDatabase>, scope: StampScope, id: string): Promise<void> {
  await db
    .insertInto('field_meta')
    .values({ key: keyOf(scope, id), value: randomBytes(12).toString('base64url') })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}

/** The current stamp, or undefined when nothing was saved since stamps exist. */
export async function changeStamp(db: Kysely<FieldDatabase>, scope: StampScope, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('field_meta').select('value').where('key', '=', keyOf(scope, id)).executeTakeFirst();
  return row?.value;
}
