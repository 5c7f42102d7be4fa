/**
 * A better-sqlite3 connection for Kysely that keeps its prepared statements. Kysely's SQLite
 * driver prepares every query anew; preparing was the largest single cost per page in the
 * server's profile under load (bench/field.bench.ts). The hot queries have one SQL text each
 * (the values are parameters), so a small cache of statements by SQL text serves them all.
 *
 * Safe here because Kysely runs one query at a time per connection, and a statement is only
 * run to completion (`all`, `run`); the store never streams (`iterate`) a query.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** SQL texts kept; feature modules with `in (?, ?, …)` lists of any length do not crowd out the rest for long. */
const KEPT = 256;

export function withStatementCache(database: BetterSqlite3.Database, kept = KEPT): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare: (sql) => {
      const cached = statements.get(sql);
      if (cached !== undefined) {
        // Most recently used last: the oldest is the first one dropped.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (statements.size >= kept) statements.delete(statements.keys().next().value!);
      statements.set(sql, statement);
      return statement;
    },
  };
}
