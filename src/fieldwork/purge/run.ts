/**
 * The purge from start to end on either engine: the rows in one transaction (./rows.ts), then
 * the compaction that removes the old values from the files (./sqlite.ts, ./postgres.ts).
 * Safe to run again: a second run finds nothing personal left and compacts once more (which is
 * how a purge whose WAL checkpoint was blocked by a running server, or whose VACUUM FULL had to
 * keep old row versions for a transaction older than the purge, is finished).
 */
import type { FieldStore, StoreLocation } from '../store/types.js';
import { compactPostgres, finishPostgresTransaction, type PostgresCompaction } from './postgres.js';
import { purgeRows, type PurgeCounts } from './rows.js';
import { compactSqlite, openForPurge, type SqliteCompaction } from './sqlite.js';

export type Compaction = ({ readonly engine: 'sqlite' } & SqliteCompaction) | ({ readonly engine: 'postgres' } & PostgresCompaction);

export interface PurgeOutcome {
  readonly counts: PurgeCounts;
  readonly compaction: Compaction;
}

/**
 * Purges the open `store` at `location` and closes it. On SQLite the store is closed first and
 * the purge runs on a connection of its own with secure_delete on.
 */
export interface PurgeStoreOptions {
  /** PostgreSQL: how long to wait for transactions older than the purge to end (default 60 s). */
  readonly postgresWaitMs?: number;
}

export async function purgeStore(store: FieldStore, location: StoreLocation, username: string, options: PurgeStoreOptions = {}): Promise<PurgeOutcome> {
  if (location.engine === 'sqlite') {
    await store.close();
    const conn = await openForPurge(location.file);
    try {
      const counts = await purgeRows(conn.db, username);
      return { counts, compaction: { engine: 'sqlite', ...compactSqlite(conn.handle) } };
    } finally {
      await conn.close();
    }
  }
  try {
    let xid = '';
    const counts = await purgeRows(store.db, username, { beforeCommit: async (trx) => void (xid = await finishPostgresTransaction(trx)) });
    return { counts, compaction: { engine: 'postgres', ...(await compactPostgres(store.db, xid, options.postgresWaitMs)) } };
  } finally {
    await store.close();
  }
}
