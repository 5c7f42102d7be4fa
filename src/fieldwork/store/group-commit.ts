/**
 * Group commit for SQLite: a batch of write operations in ONE transaction, so that one fsync
 * (synchronous FULL) makes all of them durable. Each operation runs in a savepoint of its own:
 * it keeps its own revision check and its own result, and one that fails is rolled back alone
 * without failing the others. Results are handed out only after COMMIT returned, i.e. after the
 * batch is on disk; if COMMIT itself fails, every operation of the batch fails with it.
 *
 * `BEGIN IMMEDIATE` takes the write lock at once (waiting up to the busy timeout), so the batch
 * never fails halfway on a read-to-write upgrade when another connection wrote in between.
 */
import { type Kysely, sql } from 'kysely';
import type { FieldDatabase } from './schema.js';
import { applyWrite, type WriteOp } from './write-ops.js';

/** An error as it can cross a thread: name (to rebuild the typed error) and message. */
export interface WriteFailure {
  readonly name: string;
  readonly message: string;
}

export type WriteOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: WriteFailure };

export function failureOf(e: unknown): WriteFailure {
  return e instanceof Error ? { name: e.name, message: e.message } : { name: 'Error', message: String(e) };
}

/** Applies `ops` in one transaction, in order, and returns one outcome per operation after COMMIT. */
export async function commitBatch(db: Kysely<FieldDatabase>, ops: readonly WriteOp[]): Promise<WriteOutcome[]> {
  // One connection for the whole batch (SQLite has one anyway; this keeps other queries out).
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    const outcomes: WriteOutcome[] = [];
    try {
      for (const op of ops) {
        await sql`savepoint op`.execute(conn);
        try {
          outcomes.push({ ok: true, value: await applyWrite(conn, op) });
        } catch (e) {
          await sql`rollback to op`.execute(conn);
          outcomes.push({ ok: false, error: failureOf(e) });
        }
        await sql`release op`.execute(conn);
      }
      await sql`commit`.execute(conn);
    } catch (e) {
      // Nothing of the batch is durable: every operation fails with the reason.
      await sql`rollback`.execute(conn).catch(() => undefined);
      const error = failureOf(e);
      return ops.map(() => ({ ok: false as const, error }));
    }
    return outcomes;
  });
}
