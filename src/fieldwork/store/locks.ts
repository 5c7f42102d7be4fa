/**
 * Named locks in the store (field_locks), so that one `send` or `remind` run at a time works on a
 * study even when several machines share its PostgreSQL store. A lock has an expiry that its
 * holder pushes forward while it runs; a lock whose holder crashed expires and is taken over.
 */
import type { Kysely } from 'kysely';
import { FieldStoreError } from './errors.js';
import type { FieldDatabase } from './schema.js';

/** Another run holds the lock: the message says who since when and until when. */
export class LockHeldError extends FieldStoreError {
  constructor(
    readonly lockName: string,
    readonly holder: string,
    readonly acquiredAt: string,
    readonly expiresAt: string,
  ) {
    super(`another run (${holder}, since ${acquiredAt}) is working on this study's "${lockName}" lock until ${expiresAt} at the latest; wait for it to finish, or after that time run again`);
    this.name = 'LockHeldError';
  }
}

export interface AcquiredLock {
  readonly name: string;
  readonly holder: string;
  /** Set when an expired lock of a crashed run was taken over. */
  readonly tookOver?: { readonly holder: string; readonly expiresAt: string };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Takes the lock `name` for `holder` until now + ttlMs. Throws LockHeldError while another holder's
 * lock has not expired. A taken-over lock is replaced with a compare-and-set on the old holder and
 * expiry, so two runs taking over the same stale lock cannot both win.
 */
export async function acquireLock(db: Kysely<FieldDatabase>, name: string, holder: string, ttlMs: number, now: number = Date.now()): Promise<AcquiredLock> {
  const existing = await db.selectFrom('field_locks').selectAll().where('name', '=', name).executeTakeFirst();
  if (existing === undefined) {
    try {
      await db.insertInto('field_locks').values({ name, holder, acquired_at: iso(now), expires_at: iso(now + ttlMs) }).execute();
      return { name, holder };
    } catch (e) {
      // Another run inserted it between our read and our insert (primary key violation).
      const winner = await db.selectFrom('field_locks').selectAll().where('name', '=', name).executeTakeFirst();
      if (winner === undefined) throw e;
      throw new LockHeldError(name, winner.holder, winner.acquired_at, winner.expires_at);
    }
  }
  if (existing.holder !== holder && Date.parse(existing.expires_at) > now) {
    throw new LockHeldError(name, existing.holder, existing.acquired_at, existing.expires_at);
  }
  const r = await db
    .updateTable('field_locks')
    .set({ holder, acquired_at: iso(now), expires_at: iso(now + ttlMs) })
    .where('name', '=', name)
    .where('holder', '=', existing.holder)
    .where('expires_at', '=', existing.expires_at)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    const winner = await db.selectFrom('field_locks').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
    throw new LockHeldError(name, winner.holder, winner.acquired_at, winner.expires_at);
  }
  return existing.holder === holder ? { name, holder } : { name, holder, tookOver: { holder: existing.holder, expiresAt: existing.expires_at } };
}

/** Pushes the expiry forward; throws when the lock is no longer ours (it expired and was taken over). */
export async function refreshLock(db: Kysely<FieldDatabase>, name: string, holder: string, ttlMs: number, now: number = Date.now()): Promise<void> {
  const r = await db.updateTable('field_locks').set({ expires_at: iso(now + ttlMs) }).where('name', '=', name).where('holder', '=', holder).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    throw new FieldStoreError(`this run lost the study's "${name}" lock (it expired and another run took it over); stopping so that no message goes out twice`);
  }
}

/** Gives the lock up (only if still ours). */
export async function releaseLock(db: Kysely<FieldDatabase>, name: string, holder: string): Promise<void> {
  await db.deleteFrom('field_locks').where('name', '=', name).where('holder', '=', holder).execute();
}
