/**
 * The purge on a SQLite store, on a connection of its own (the store's connections may live in
 * other threads and have their own settings):
 *
 * - `secure_delete = ON` for the transaction: SQLite overwrites deleted content with zeros
 *   instead of leaving it in the page's free space or on free pages;
 * - `temp_store = MEMORY`: VACUUM's temporary copy of the database stays in memory, not in a
 *   temporary file;
 * - `VACUUM` rebuilds the file without free pages; in WAL mode its pages go through the WAL,
 * - `wal_checkpoint(TRUNCATE)` copies them into the database file and truncates the WAL (which
 *   held the old pages) to zero bytes. It needs every other connection to be idle: a running
 *   `spiegel field serve` keeps it from finishing, which is reported, not hidden.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { FieldStoreError } from '../store/errors.js';
import type { FieldDatabase } from '../store/schema.js';

export interface SqlitePurgeConnection {
  readonly db: Kysely<FieldDatabase>;
  readonly handle: BetterSqlite3.Database;
  close(): Promise<void>;
}

/** Opens `file` for the purge: the store's durability settings plus secure_delete and an in-memory temp store. */
export async function openForPurge(file: string): Promise<SqlitePurgeConnection> {
  const { default: Database } = await import('better-sqlite3');
  let handle: BetterSqlite3.Database;
  try {
    handle = new Database(file, { fileMustExist: true });
  } catch (e) {
    throw new FieldStoreError(`cannot open ${file} for the purge: ${(e as Error).message}`);
  }
  handle.pragma('busy_timeout = 10000');
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('temp_store = MEMORY');
  const secure = handle.pragma('secure_delete = ON', { simple: true });
  if (Number(secure) !== 1) {
    handle.close();
    throw new FieldStoreError(`this SQLite build refuses secure_delete (it answered ${String(secure)}); the purge would leave deleted values in the file`);
  }
  const db = new Kysely<FieldDatabase>({ dialect: new SqliteDialect({ database: handle }) });
  // Kysely's destroy() closes the better-sqlite3 handle.
  return { db, handle, close: () => db.destroy() };
}

export interface SqliteCompaction {
  /** The WAL could not be checkpointed and truncated: another connection (a running server?) was reading. */
  readonly walBusy: boolean;
  readonly freePages: number;
}

/** VACUUM, then a truncating checkpoint; call after the purge transaction committed. */
export function compactSqlite(handle: BetterSqlite3.Database): SqliteCompaction {
  handle.exec('VACUUM');
  const r = handle.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  const freePages = Number(handle.pragma('freelist_count', { simple: true }));
  return { walBusy: r[0]?.busy !== 0, freePages };
}
