/**
 * The store's tables (one schema for SQLite and PostgreSQL) and their migrations.
 *
 *   field_meta            key → value: schema version, study id, wave, structure, anonymous, marker
 *   field_secrets         name → 32 random bytes (base64): cookie signing, login-code HMAC
 *   field_participants    id, token hash, login-code hash, test flag, status, register values (JSON)
 *   field_contacts        participant id → contact columns (JSON): never read by an export
 *   field_responses       answers/skipped (canonical JSON), revision, page index, status, times,
 *                         structure hash, test flag, register values copied at start; participant
 *                         id NULL for open links and for completed responses of anonymous studies
 *   field_login_attempts  key, time (ms): the shared rate limit of login attempts
 *
 * Booleans are 0/1 integers and times ISO 8601 text, so both engines read the same values.
 * A migration only adds: version N runs once, in a transaction, and field_meta.schema_version
 * records the last one applied.
 */
import { type Kysely, sql } from 'kysely';

export interface FieldDatabase {
  field_meta: { key: string; value: string };
  field_secrets: { name: string; value: string };
  field_participants: {
    id: string;
    token_hash: string;
    code_hash: string;
    test: number;
    status: string;
    register: string;
    created_at: string;
  };
  field_contacts: { participant_id: string; data: string };
  field_responses: {
    id: string;
    participant_id: string | null;
    answers: string;
    skipped: string;
    register: string;
    revision: number;
    page_index: number;
    status: string;
    structure_hash: string;
    test: number;
    started_at: string;
    completed_at: string | null;
    updated_at: string;
  };
  field_login_attempts: { key: string; at: number };
}

/** Written into field_meta at init; a database without it is not a spiegel field store. */
export const STORE_MARKER = 'spiegel-field-store';

export interface Migration {
  readonly version: number;
  up(db: Kysely<FieldDatabase>): Promise<void>;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    async up(db) {
      await db.schema
        .createTable('field_meta')
        .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('field_secrets')
        .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('field_participants')
        .addColumn('id', 'varchar(200)', (c) => c.primaryKey())
        .addColumn('token_hash', 'char(64)', (c) => c.notNull().unique())
        .addColumn('code_hash', 'char(64)', (c) => c.notNull().unique())
        .addColumn('test', 'integer', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('register', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('field_contacts')
        .addColumn('participant_id', 'varchar(200)', (c) => c.primaryKey().references('field_participants.id').onDelete('cascade'))
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('field_responses')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('participant_id', 'varchar(200)', (c) => c.unique().references('field_participants.id'))
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('skipped', 'text', (c) => c.notNull())
        .addColumn('register', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('page_index', 'integer', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('structure_hash', 'varchar(128)', (c) => c.notNull())
        .addColumn('test', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('completed_at', 'varchar(32)')
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('field_responses_started').on('field_responses').columns(['started_at', 'id']).execute();
      await db.schema
        .createTable('field_login_attempts')
        .addColumn('key', 'varchar(200)', (c) => c.notNull())
        // Milliseconds since 1970: double precision holds them exactly in both engines and comes back as a JS number.
        .addColumn('at', sql`double precision`, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('field_login_attempts_key_at').on('field_login_attempts').columns(['key', 'at']).execute();
    },
  },
];

export const SCHEMA_VERSION = migrations[migrations.length - 1].version;
