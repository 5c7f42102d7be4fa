/**
 * The one query layer of the store: FieldStore over a Kysely database, the same statements on
 * SQLite and PostgreSQL. The hot writes (page submissions, response starts, login attempts) are
 * operations of write-ops.ts, committed by a Writer: on SQLite the writer thread with group
 * commit (sqlite-writer.ts), on PostgreSQL one transaction each.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PageSubmission, SubmissionResult } from '../types.js';
import { loginCodeHash, tokenHash } from './credentials.js';
import { FieldStoreError } from './errors.js';
import { canonicalJson, parseStringRecord } from './json.js';
import type { FieldDatabase } from './schema.js';
import type {
  ExportRow,
  FieldStore,
  NewParticipant,
  Participant,
  ParticipantStatus,
  SecretName,
  StartResponse,
  StoreEngine,
  StoreMeta,
  StoredResponse,
} from './types.js';
import { responseOf, toResponse, transactionWriter, type Writer } from './write-ops.js';

const now = (): string => new Date().toISOString();

export class KyselyFieldStore implements FieldStore {
  private readonly secrets = new Map<SecretName, Buffer>();
  private metaCache: StoreMeta | undefined;

  constructor(
    readonly engine: StoreEngine,
    /** The database itself, for the store's feature modules (mail log, accounts, audit, dispositions). */
    readonly db: Kysely<FieldDatabase>,
    /** Commits the hot writes: the SQLite writer thread, or a transaction each on PostgreSQL. */
    private readonly writer: Writer = transactionWriter(db),
    private readonly onClose: () => Promise<void> = async () => undefined,
  ) {}

  async meta(): Promise<StoreMeta> {
    if (this.metaCache) return this.metaCache;
    const rows = await this.db.selectFrom('field_meta').select(['key', 'value']).execute();
    const m = new Map(rows.map((r) => [r.key, r.value]));
    const need = (k: string): string => {
      const v = m.get(k);
      if (v === undefined) throw new FieldStoreError(`the store has no "${k}" in its meta table; it was not made by spiegel field init`);
      return v;
    };
    this.metaCache = {
      schemaVersion: Number(need('schema_version')),
      studyId: need('study_id'),
      wave: Number(need('wave')),
      structureHash: need('structure_hash'),
      structure: need('structure'),
      anonymous: need('anonymous') === 'true',
      createdAt: need('created_at'),
    };
    return this.metaCache;
  }

  async secret(name: SecretName): Promise<Buffer> {
    const cached = this.secrets.get(name);
    if (cached) return cached;
    const row = await this.db.selectFrom('field_secrets').select('value').where('name', '=', name).executeTakeFirst();
    if (!row) throw new FieldStoreError(`the store has no "${name}" secret; it was not made by spiegel field init`);
    const value = Buffer.from(row.value, 'base64');
    this.secrets.set(name, value);
    return value;
  }

  async participantByToken(token: string): Promise<Participant | undefined> {
    return this.participantWhere('token_hash', tokenHash(token));
  }

  async participantByLoginCode(code: string): Promise<Participant | undefined> {
    return this.participantWhere('code_hash', loginCodeHash(code, await this.secret('login-code')));
  }

  private async participantWhere(column: 'token_hash' | 'code_hash', hash: string): Promise<Participant | undefined> {
    const row = await this.db
      .selectFrom('field_participants as p')
      .leftJoin('field_responses as r', 'r.participant_id', 'p.id')
      .select(['p.id', 'p.test', 'p.status', 'r.id as response_id'])
      .where(`p.${column}`, '=', hash)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      test: row.test === 1,
      status: row.status as ParticipantStatus,
      ...(row.response_id !== null ? { responseId: row.response_id } : {}),
    };
  }

  async countLoginAttempt(key: string, windowSeconds: number): Promise<number> {
    return this.writer.write({ kind: 'login-attempt', key, at: Date.now(), windowSeconds });
  }

  async startResponse(start: StartResponse): Promise<StoredResponse> {
    return this.writer.write({ kind: 'start', start, id: randomBytes(16).toString('base64url'), at: now() });
  }

  async response(id: string): Promise<StoredResponse | undefined> {
    const row = await this.db.selectFrom('field_responses').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toResponse(row) : undefined;
  }

  async responseOfParticipant(participantId: string): Promise<StoredResponse | undefined> {
    return responseOf(this.db, participantId);
  }

  async submitPage(submission: PageSubmission): Promise<SubmissionResult> {
    const at = now();
    return this.writer.write({ kind: 'submit', submission, anonymous: (await this.meta()).anonymous, at });
  }

  async addParticipants(participants: readonly NewParticipant[]): Promise<void> {
    if (participants.length === 0) return;
    const secret = await this.secret('login-code');
    const t = now();
    await this.db.transaction().execute(async (trx) => {
      const ids = participants.map((p) => p.id);
      for (let i = 0; i < ids.length; i += 500) {
        const clash = await trx.selectFrom('field_participants').select('id').where('id', 'in', ids.slice(i, i + 500)).executeTakeFirst();
        if (clash) throw new FieldStoreError(`participant "${clash.id}" is already in the store (was this sample imported before?)`);
      }
      for (let i = 0; i < participants.length; i += 200) {
        const chunk = participants.slice(i, i + 200);
        await trx
          .insertInto('field_participants')
          .values(
            chunk.map((p) => ({
              id: p.id,
              token_hash: tokenHash(p.token),
              code_hash: loginCodeHash(p.loginCode, secret),
              test: p.test ? 1 : 0,
              status: 'invited',
              register: canonicalJson(p.register),
              created_at: t,
              outcome: null,
              outcome_at: null,
              invited_at: null,
            })),
          )
          .execute();
        // Every participant gets a contact row: the credentials in clear live only there, so
        // letters and reminders can be made after the import and a purge removes them.
        await trx
          .insertInto('field_contacts')
          .values(chunk.map((p) => ({ participant_id: p.id, data: canonicalJson(p.contact), token: p.token, login_code: p.loginCode })))
          .execute();
      }
    });
  }

  async participantCount(): Promise<{ readonly sampled: number; readonly test: number }> {
    const rows = await this.db
      .selectFrom('field_participants')
      .select((eb) => ['test', eb.fn.countAll().as('n')])
      .groupBy('test')
      .execute();
    let sampled = 0;
    let test = 0;
    for (const r of rows) {
      if (r.test === 1) test = Number(r.n);
      else sampled = Number(r.n);
    }
    return { sampled, test };
  }

  async recordStructure(structureHash: string, structure: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('field_meta').set({ value: structureHash }).where('key', '=', 'structure_hash').execute();
      await trx.updateTable('field_meta').set({ value: structure }).where('key', '=', 'structure').execute();
    });
    this.metaCache = undefined;
  }

  async exportRows(): Promise<readonly ExportRow[]> {
    const rows = await this.db.selectFrom('field_responses').selectAll().where('test', '=', 0).orderBy('started_at').orderBy('id').execute();
    return rows.map((r) => ({ response: toResponse(r), register: parseStringRecord(r.register) }));
  }

  async warmUp(): Promise<void> {
    await this.writer.warm?.();
  }

  async close(): Promise<void> {
    await this.writer.close();
    await this.db.destroy();
    await this.onClose();
  }
}
