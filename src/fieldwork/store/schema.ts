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
 * Version 2 (Fieldwork II: invitations, reminders, dispositions, the researcher's side):
 *   field_participants    + outcome (refused | undeliverable | ineligible, or NULL), outcome_at,
 *                         invited_at (first invitation: a letter's posting date or an e-mail sent)
 *   field_contacts        + token, login_code: the credentials in clear, kept only here (beside
 *                         the address they are mailed to) so letters and reminders can be made
 *                         after the import; removed by `spiegel field purge` with the contact data
 *   field_responses       + device (phone | tablet | desktop, from the first request)
 *   field_mail            one row per message (participant, channel, step): the at-most-once log;
 *                         step 0 is the invitation, step n the n-th reminder; state sending | sent |
 *                         in-doubt | failed | bounced | posted
 *   field_locks           name → holder and expiry: one `remind`/`send` run at a time per store
 *   field_users           researcher accounts: username, role, scrypt hash, TOTP secret
 *   field_sessions        hash of a session id → user, times, whether the second factor was given
 *   field_audit           logins, exports, views of contact data; `personal` rows are purged
 *
 * Version 3 (coding of open answers in the browser):
 *   field_codings         (question, unit, coder) → the codes that coder gave the answer (JSON
 *                         list; empty: coded, no code applies), revision, time
 *   field_coding_log      every saved state, for undo and for who coded what when
 *
 * Version 4 (coding II: "Anders, namelijk" moves and interview fragments in the browser):
 *   field_moves           (back-coding, unit) → the category an "other" answer moved to (NULL:
 *                         moved back), its original text, who moved it when, revision
 *   field_move_log        every saved state of a move, for undo and who moved what when
 *   field_spans           (topic list, interview, start, end, coder) → topics of a fragment (JSON
 *                         list; empty: no longer coded), its text, revision; offsets in code points
 *   field_span_log        every saved state of a fragment's topics
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
    outcome: string | null;
    outcome_at: string | null;
    invited_at: string | null;
  };
  field_contacts: { participant_id: string; data: string; token: string | null; login_code: string | null };
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
    device: string | null;
  };
  field_login_attempts: { key: string; at: number };
  field_mail: {
    id: string;
    participant_id: string;
    channel: string;
    step: number;
    recipient: string | null;
    state: string;
    message_id: string | null;
    detail: string | null;
    run_id: string;
    created_at: string;
    updated_at: string;
  };
  field_locks: { name: string; holder: string; acquired_at: string; expires_at: string };
  field_users: {
    id: string;
    username: string;
    role: string;
    password_hash: string;
    totp_secret: string | null;
    disabled: number;
    created_at: string;
  };
  field_sessions: {
    id_hash: string;
    user_id: string;
    created_at: string;
    seen_at: string;
    expires_at: string;
    second_factor: number;
  };
  field_codings: { question: string; unit: string; coder: string; codes: string; revision: number; updated_at: string };
  field_coding_log: { id: string; question: string; unit: string; coder: string; codes: string; at: string };
  field_moves: { question: string; unit: string; to_code: number | null; text: string; moved_by: string; moved_at: string; revision: number };
  field_move_log: { id: string; question: string; unit: string; to_code: number | null; text: string; moved_by: string; at: string };
  field_spans: { topics: string; document: string; start_cp: number; end_cp: number; coder: string; text: string; codes: string; revision: number; updated_at: string };
  field_span_log: { id: string; topics: string; document: string; start_cp: number; end_cp: number; coder: string; codes: string; at: string };
  field_audit: {
    id: string;
    at: string;
    username: string | null;
    action: string;
    detail: string;
    personal: number;
  };
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
  {
    version: 2,
    async up(db) {
      for (const c of ['outcome', 'outcome_at', 'invited_at'] as const) {
        await db.schema.alterTable('field_participants').addColumn(c, 'varchar(32)').execute();
      }
      await db.schema.alterTable('field_contacts').addColumn('token', 'text').execute();
      await db.schema.alterTable('field_contacts').addColumn('login_code', 'text').execute();
      await db.schema.alterTable('field_responses').addColumn('device', 'varchar(16)').execute();
      await db.schema
        .createTable('field_mail')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('participant_id', 'varchar(200)', (c) => c.notNull().references('field_participants.id').onDelete('cascade'))
        .addColumn('channel', 'varchar(8)', (c) => c.notNull())
        .addColumn('step', 'integer', (c) => c.notNull())
        .addColumn('recipient', 'text')
        .addColumn('state', 'varchar(16)', (c) => c.notNull())
        .addColumn('message_id', 'text')
        .addColumn('detail', 'text')
        .addColumn('run_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        // At most once: a participant gets one message per channel and step, whatever happens.
        .addUniqueConstraint('field_mail_once', ['participant_id', 'channel', 'step'])
        .execute();
      await db.schema
        .createTable('field_locks')
        .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('holder', 'varchar(64)', (c) => c.notNull())
        .addColumn('acquired_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('field_users')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('role', 'varchar(32)', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('totp_secret', 'text')
        .addColumn('disabled', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('field_sessions')
        .addColumn('id_hash', 'char(64)', (c) => c.primaryKey())
        .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('field_users.id').onDelete('cascade'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('seen_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('second_factor', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('field_audit')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .addColumn('username', 'varchar(64)')
        .addColumn('action', 'varchar(64)', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('personal', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('field_audit_at').on('field_audit').columns(['at', 'id']).execute();
    },
  },
  {
    version: 3,
    async up(db) {
      await db.schema
        .createTable('field_codings')
        .addColumn('question', 'varchar(200)', (c) => c.notNull())
        .addColumn('unit', 'varchar(200)', (c) => c.notNull())
        .addColumn('coder', 'varchar(64)', (c) => c.notNull())
        .addColumn('codes', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addPrimaryKeyConstraint('field_codings_pk', ['question', 'unit', 'coder'])
        .execute();
      await db.schema
        .createTable('field_coding_log')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('question', 'varchar(200)', (c) => c.notNull())
        .addColumn('unit', 'varchar(200)', (c) => c.notNull())
        .addColumn('coder', 'varchar(64)', (c) => c.notNull())
        .addColumn('codes', 'text', (c) => c.notNull())
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('field_coding_log_unit').on('field_coding_log').columns(['question', 'unit', 'coder', 'at']).execute();
    },
  },
  {
    version: 4,
    async up(db) {
      await db.schema
        .createTable('field_moves')
        .addColumn('question', 'varchar(200)', (c) => c.notNull())
        .addColumn('unit', 'varchar(200)', (c) => c.notNull())
        .addColumn('to_code', 'double precision')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('moved_by', 'varchar(64)', (c) => c.notNull())
        .addColumn('moved_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('field_moves_pk', ['question', 'unit'])
        .execute();
      await db.schema
        .createTable('field_move_log')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('question', 'varchar(200)', (c) => c.notNull())
        .addColumn('unit', 'varchar(200)', (c) => c.notNull())
        .addColumn('to_code', 'double precision')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('moved_by', 'varchar(64)', (c) => c.notNull())
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('field_move_log_unit').on('field_move_log').columns(['question', 'unit', 'at']).execute();
      await db.schema
        .createTable('field_spans')
        .addColumn('topics', 'varchar(200)', (c) => c.notNull())
        .addColumn('document', 'varchar(200)', (c) => c.notNull())
        .addColumn('start_cp', 'integer', (c) => c.notNull())
        .addColumn('end_cp', 'integer', (c) => c.notNull())
        .addColumn('coder', 'varchar(64)', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('codes', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addPrimaryKeyConstraint('field_spans_pk', ['topics', 'document', 'start_cp', 'end_cp', 'coder'])
        .execute();
      await db.schema
        .createTable('field_span_log')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('topics', 'varchar(200)', (c) => c.notNull())
        .addColumn('document', 'varchar(200)', (c) => c.notNull())
        .addColumn('start_cp', 'integer', (c) => c.notNull())
        .addColumn('end_cp', 'integer', (c) => c.notNull())
        .addColumn('coder', 'varchar(64)', (c) => c.notNull())
        .addColumn('codes', 'text', (c) => c.notNull())
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('field_span_log_span').on('field_span_log').columns(['topics', 'document', 'start_cp', 'end_cp', 'coder', 'at']).execute();
    },
  },
];

export const SCHEMA_VERSION = migrations[migrations.length - 1].version;
