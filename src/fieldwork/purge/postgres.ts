/**
 * After the purge transaction on PostgreSQL: `VACUUM (FULL, ANALYZE)` of every table the purge
 * touched. An UPDATE or DELETE leaves the old row version in the table's file until VACUUM, and
 * a plain VACUUM only marks its space free; VACUUM FULL writes the table (and its TOAST table
 * and indexes) into new files and drops the old ones. The planner statistics (pg_statistic)
 * keep sample values of each column, ids, names and tokens among them, and ANALYZE does not
 * replace those of a table that became empty: a superuser deletes them, analyzes the tables
 * again and rewrites pg_statistic with VACUUM FULL; without a superuser this is reported. Each VACUUM runs outside a transaction (PostgreSQL refuses
 * it inside one) and waits for an exclusive lock, so a running server pauses meanwhile.
 *
 * What remains elsewhere, and is said so in docs/fieldwork-privacy.md: the write-ahead log
 * segments (and any WAL archive or replica fed from them) still hold the old values until they
 * are recycled; backups taken before the purge hold everything.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { FieldDatabase } from '../store/schema.js';

/** The tables a purge changes. */
export const PURGED_TABLES = ['field_contacts', 'field_participants', 'field_responses', 'field_mail', 'field_audit', 'field_login_attempts', 'field_meta'] as const;

export interface PostgresCompaction {
  readonly tables: readonly string[];
  /**
   * Transactions (and replication slots, prepared transactions) older than the purge that were
   * still open when the wait ended: VACUUM FULL had to keep the old row versions they may see.
   * Empty when the purge is complete.
   */
  readonly blockedBy: readonly string[];
  /** pg_statistic rewritten (needs a superuser). */
  readonly statistics: boolean;
  /** CHECKPOINT run (needs a superuser or pg_checkpoint), so the old files are unlinked now. */
  readonly checkpoint: boolean;
}

/**
 * Inside the purge transaction: TRUNCATE the emptied tables (a new, empty file whatever other
 * sessions may still see) and return the transaction's id, to wait for older snapshots.
 */
export async function finishPostgresTransaction(trx: Transaction<FieldDatabase>): Promise<string> {
  await sql`TRUNCATE field_contacts, field_login_attempts`.execute(trx);
  const r = await sql<{ xid: string }>`select pg_current_xact_id()::xid::text as xid`.execute(trx);
  return r.rows[0].xid;
}

/**
 * VACUUM FULL copies a deleted row version into the new file when a snapshot older than the
 * deletion still exists (it is "recently dead"): a long transaction in this database, a
 * prepared transaction, a replication slot, or a CREATE DATABASE anywhere on the server (it
 * holds back every database's horizon). So first wait until nothing older than the purge is open.
 */
async function olderSnapshots(db: Kysely<FieldDatabase>, xid: string): Promise<string[]> {
  const r = await sql<{ what: string }>`
    select 'session ' || pid || ' on database ' || coalesce(datname, '-') || ' (' || coalesce(state, '?') || ' since ' || coalesce(xact_start::text, '?') || ')' as what
      from pg_stat_activity
     where pid <> pg_backend_pid()
       and ((backend_xmin is not null and age(backend_xmin) >= age(${xid}::xid))
         or (backend_xid is not null and age(backend_xid) >= age(${xid}::xid)))
    union all
    select 'prepared transaction ' || gid from pg_prepared_xacts where age(transaction) >= age(${xid}::xid)
    union all
    select 'replication slot ' || slot_name from pg_replication_slots
     where (xmin is not null and age(xmin) >= age(${xid}::xid)) or (catalog_xmin is not null and age(catalog_xmin) >= age(${xid}::xid))`.execute(db);
  return r.rows.map((x) => x.what);
}

export async function compactPostgres(db: Kysely<FieldDatabase>, purgeXid: string, waitMs = 60_000): Promise<PostgresCompaction> {
  let blockedBy = await olderSnapshots(db, purgeXid);
  for (const until = Date.now() + waitMs; blockedBy.length > 0 && Date.now() < until; blockedBy = await olderSnapshots(db, purgeXid)) {
    await new Promise((r) => setTimeout(r, 200));
  }
  for (const t of PURGED_TABLES) await sql`VACUUM FULL ${sql.table(t)}`.execute(db);
  const role = await sql<{ super: boolean; checkpoint: boolean }>`
    select u.rolsuper as super,
           u.rolsuper or exists (select 1 from pg_auth_members m join pg_roles c on c.oid = m.roleid
                                 where c.rolname = 'pg_checkpoint' and m.member = u.oid) as checkpoint
    from pg_roles u where u.rolname = current_user`.execute(db);
  const may = role.rows[0] ?? { super: false, checkpoint: false };
  if (may.super) {
    // ANALYZE of a table that is now empty (field_contacts) keeps its old statistics, sample
    // values included: they are deleted first, then rebuilt from what is left.
    await sql`delete from pg_catalog.pg_statistic where starelid in (
      select c.oid from pg_class c where c.relnamespace = current_schema()::regnamespace
      and c.relname in (${sql.join(PURGED_TABLES.map((t) => sql.lit(t)))}))`.execute(db);
  }
  for (const t of PURGED_TABLES) await sql`ANALYZE ${sql.table(t)}`.execute(db);
  if (may.super) await sql`VACUUM FULL pg_catalog.pg_statistic`.execute(db);
  if (may.checkpoint) await sql`CHECKPOINT`.execute(db);
  return { tables: PURGED_TABLES, blockedBy, statistics: may.super, checkpoint: may.checkpoint };
}
