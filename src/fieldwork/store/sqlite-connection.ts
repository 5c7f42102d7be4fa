/**
 * One SQLite connection with the store's settings, for the main connection (open.ts) and the
 * writer thread (sqlite-writer.worker.ts) alike: WAL journal, synchronous FULL (a commit is on
 * disk before it returns, also across a power cut), a busy timeout so a second connection or
 * process waits instead of failing, foreign keys on.
 */
import { existsSync, statSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { FieldStoreError } from './errors.js';

export async function openSqliteDatabase(file: string, creating: boolean): Promise<BetterSqlite3.Database> {
  const { default: Database } = await import('better-sqlite3');
  if (creating && existsSync(file) && statSync(file).isDirectory()) {
    throw new FieldStoreError(`${file} is a folder; the store needs a file name`);
  }
  let database: BetterSqlite3.Database | undefined;
  try {
    database = new Database(file, { fileMustExist: !creating });
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('busy_timeout = 10000');
    database.pragma('foreign_keys = ON');
    return database;
  } catch (e) {
    database?.close();
    throw new FieldStoreError(`cannot open ${file} as a SQLite database: ${(e as Error).message}`);
  }
}
