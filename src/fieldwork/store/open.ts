/**
 * Creating and opening a field store on either engine.
 *
 * SQLite: one connection for reads and the feature modules, with WAL, synchronous FULL and a
 * busy timeout (sqlite-connection.ts), and a writer thread with a connection of its own that
 * group-commits the hot writes (sqlite-writer.ts).
 * PostgreSQL: a connection pool with the server's durable defaults (synchronous_commit on).
 *
 * `createFieldStore` refuses a database that already holds tables (ours or anyone's);
 * `openFieldStore` refuses one without our marker, and applies pending migrations.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { SpiegelError } from '../../errors.js';
import { FieldStoreError } from './errors.js';
import { KyselyFieldStore } from './kysely-store.js';
import { type FieldDatabase, migrations, SCHEMA_VERSION, STORE_MARKER } from './schema.js';
import { openSqliteDatabase } from './sqlite-connection.js';
import { withStatementCache } from './sqlite-statements.js';
import { SqliteWriter } from './sqlite-writer.js';
import { transactionWriter, type Writer } from './write-ops.js';
import type { CreateStoreOptions, FieldStore, SecretName, StoreLocation } from './types.js';

const SECRET_NAMES: readonly SecretName[] = ['cookie', 'login-code'];

export async function createFieldStore(location: StoreLocation, options: CreateStoreOptions): Promise<FieldStore> {
  const { db, writer, close } = await connect(location, true);
  try {
    const tables = await tableNames(db, location);
    if (tables.includes('field_meta')) {
      throw new FieldStoreError(`${describe(location)} already holds a spiegel field store; remove it (or use another --database) to start over`);
    }
    if (tables.length > 0) {
      throw new FieldStoreError(`${describe(location)} is not empty (it holds ${tables.slice(0, 3).map((t) => `"${t}"`).join(', ')}${tables.length > 3 ? ', …' : ''}); a field store needs a database of its own`);
    }
    await db.transaction().execute(async (trx) => {
      for (const m of migrations) await m.up(trx);
      const meta: Record<string, string> = {
        marker: STORE_MARKER,
        schema_version: String(SCHEMA_VERSION),
        study_id: options.studyId,
        wave: String(options.wave),
        structure_hash: options.structureHash,
        structure: options.structure,
        anonymous: String(options.anonymous),
        created_at: new Date().toISOString(),
      };
      await trx.insertInto('field_meta').values(Object.entries(meta).map(([key, value]) => ({ key, value }))).execute();
      await trx
        .insertInto('field_secrets')
        .values(SECRET_NAMES.map((name) => ({ name, value: randomBytes(32).toString('base64') })))
        .execute();
    });
  } catch (e) {
    await db.destroy().catch(() => undefined);
    await close();
    throw wrap(e, location);
  }
  return new KyselyFieldStore(location.engine, db, writer, close);
}

export async function openFieldStore(location: StoreLocation): Promise<FieldStore> {
  if (location.engine === 'sqlite' && !existsSync(location.file)) {
    throw new FieldStoreError(`there is no field store at ${location.file}; create it with "spiegel field init"`);
  }
  const { db, writer, close } = await connect(location, false);
  try {
    const tables = await tableNames(db, location);
    if (!tables.includes('field_meta')) {
      throw new FieldStoreError(`${describe(location)} is not a spiegel field store (it has no field_meta table); create one with "spiegel field init"`);
    }
    const rows = await db.selectFrom('field_meta').select(['key', 'value']).where('key', 'in', ['marker', 'schema_version']).execute();
    const meta = new Map(rows.map((r) => [r.key, r.value]));
    if (meta.get('marker') !== STORE_MARKER) throw new FieldStoreError(`${describe(location)} is not a spiegel field store (its field_meta has no spiegel marker)`);
    const version = Number(meta.get('schema_version'));
    if (!Number.isInteger(version) || version > SCHEMA_VERSION) {
      throw new FieldStoreError(`${describe(location)} has store schema version ${meta.get('schema_version')}, newer than this spiegel knows (${SCHEMA_VERSION}); update spiegel`);
    }
    for (const m of migrations) {
      if (m.version <= version) continue;
      await db.transaction().execute(async (trx) => {
        await m.up(trx);
        await trx.updateTable('field_meta').set({ value: String(m.version) }).where('key', '=', 'schema_version').execute();
      });
    }
  } catch (e) {
    await db.destroy().catch(() => undefined);
    await close();
    throw wrap(e, location);
  }
  return new KyselyFieldStore(location.engine, db, writer, close);
}

interface Connection {
  readonly db: Kysely<FieldDatabase>;
  readonly writer: Writer;
  readonly close: () => Promise<void>;
}

async function connect(location: StoreLocation, creating: boolean): Promise<Connection> {
  if (location.engine === 'sqlite') {
    const database = await openSqliteDatabase(location.file, creating);
    const db = new Kysely<FieldDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
    return { db, writer: new SqliteWriter(location.file), close: async () => undefined };
  }
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: location.url, max: 10 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new FieldStoreError(`cannot connect to ${describe(location)}: ${(e as Error).message}`);
  }
  // Kysely's destroy() ends the pool.
  const db = new Kysely<FieldDatabase>({ dialect: new PostgresDialect({ pool }) });
  return { db, writer: transactionWriter(db), close: async () => undefined };
}

async function tableNames(db: Kysely<FieldDatabase>, location: StoreLocation): Promise<string[]> {
  if (location.engine === 'sqlite') {
    const r = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() order by table_name`.execute(db);
  return r.rows.map((x) => x.name);
}

/** The location for messages, without a password. */
export function describe(location: StoreLocation): string {
  if (location.engine === 'sqlite') return location.file;
  try {
    const u = new URL(location.url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return 'the PostgreSQL database';
  }
}

function wrap(e: unknown, location: StoreLocation): Error {
  if (e instanceof SpiegelError) return e;
  return new FieldStoreError(`${describe(location)}: ${(e as Error).message}`);
}
