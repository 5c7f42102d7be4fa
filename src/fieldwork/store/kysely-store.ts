/**
 * The one query layer of the store: FieldStore over a Kysely database, the same statements on
 * SQLite and PostgreSQL. Page submissions are optimistic: the UPDATE carries
 * `WHERE revision = expected`, so of two concurrent submissions from one revision (two tabs, two
 * server instances) exactly one saves and the other is told `stale`, on either engine.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { PageSubmission, SubmissionResult } from '../types.js';
import { loginCodeHash, tokenHash } from './credentials.js';
import { FieldStoreError } from './errors.js';
import { canonicalJson, parseAnswers, parseStringList, parseStringRecord } from './json.js';
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

type ResponseRow = Selectable<FieldDatabase['field_responses']>;
type Db = Kysely<FieldDatabase> | Transaction<FieldDatabase>;

const now = (): string => new Date().toISOString();

export class KyselyFieldStore implements FieldStore {
  private readonly secrets = new Map<SecretName, Buffer>();
  private metaCache: StoreMeta | undefined;

  constructor(
    readonly engine: StoreEngine,
    /** The database itself, for the store's feature modules (mail log, accounts, audit, dispositions). */
    readonly db: Kysely<FieldDatabase>,
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
    const at = Date.now();
    const since = at - windowSeconds * 1000;
    return this.db.transaction().execute(async (trx) => {
      // Attempts older than the window can never count again: drop them to keep the table small.
      await trx.deleteFrom('field_login_attempts').where('key', '=', key).where('at', '<=', since).execute();
      await trx.insertInto('field_login_attempts').values({ key, at }).execute();
      const row = await trx
        .selectFrom('field_login_attempts')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('key', '=', key)
        .where('at', '>', since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    });
  }

  async startResponse(start: StartResponse): Promise<StoredResponse> {
    const id = randomBytes(16).toString('base64url');
    const t = now();
    if (start.participantId === undefined) {
      await this.db.insertInto('field_responses').values(newResponseRow(id, null, start, start.test === true, '{}', t)).execute();
      return (await this.response(id))!;
    }
    const participantId = start.participantId;
    return this.db.transaction().execute(async (trx) => {
      const p = await trx.selectFrom('field_participants').select(['test', 'status', 'register']).where('id', '=', participantId).executeTakeFirst();
      if (!p) throw new FieldStoreError(`no participant "${participantId}" in the store`);
      if (p.status === 'complete') {
        const linked = await responseOf(trx, participantId);
        if (linked) return linked;
        throw new FieldStoreError(`participant "${participantId}" has completed the questionnaire`);
      }
      // Two tabs opening one link at once: the unique participant_id lets only one insert win.
      await trx
        .insertInto('field_responses')
        .values(newResponseRow(id, participantId, start, p.test === 1, p.register, t))
        .onConflict((oc) => oc.column('participant_id').doNothing())
        .execute();
      await trx.updateTable('field_participants').set({ status: 'started' }).where('id', '=', participantId).where('status', '=', 'invited').execute();
      return (await responseOf(trx, participantId))!;
    });
  }

  async response(id: string): Promise<StoredResponse | undefined> {
    const row = await this.db.selectFrom('field_responses').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toResponse(row) : undefined;
  }

  async responseOfParticipant(participantId: string): Promise<StoredResponse | undefined> {
    return responseOf(this.db, participantId);
  }

  async submitPage(s: PageSubmission): Promise<SubmissionResult> {
    const answers = canonicalJson(s.answers);
    const skipped = canonicalJson([...new Set(s.skipped)].sort());
    const anonymous = (await this.meta()).anonymous;
    return this.db.transaction().execute(async (trx) => {
      const cur = await trx
        .selectFrom('field_responses')
        .select(['revision', 'answers', 'skipped', 'page_index', 'status', 'participant_id'])
        .where('id', '=', s.responseId)
        .executeTakeFirst();
      if (!cur) throw new FieldStoreError(`no response "${s.responseId}" in the store`);
      // Identical to what is stored (a double click, a retried request): nothing to do, whatever revision it came from.
      if (cur.answers === answers && cur.skipped === skipped && cur.page_index === s.pageIndex && cur.status === s.status) {
        return { kind: 'unchanged', revision: cur.revision };
      }
      if (cur.revision !== s.expectedRevision) return { kind: 'stale', revision: cur.revision };
      const t = now();
      const completing = s.status === 'complete' && cur.status !== 'complete';
      const unlink = completing && anonymous && cur.participant_id !== null;
      const updated = await trx
        .updateTable('field_responses')
        .set({
          answers,
          skipped,
          page_index: s.pageIndex,
          status: s.status,
          revision: s.expectedRevision + 1,
          updated_at: t,
          ...(completing ? { completed_at: t } : {}),
          ...(unlink ? { participant_id: null } : {}),
        })
        .where('id', '=', s.responseId)
        .where('revision', '=', s.expectedRevision)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) {
        // Another submission from the same revision committed first.
        const again = await trx.selectFrom('field_responses').select('revision').where('id', '=', s.responseId).executeTakeFirstOrThrow();
        return { kind: 'stale', revision: again.revision };
      }
      if (completing && cur.participant_id !== null) {
        await trx.updateTable('field_participants').set({ status: 'complete' }).where('id', '=', cur.participant_id).execute();
      }
      return { kind: 'saved', revision: s.expectedRevision + 1 };
    });
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

  async close(): Promise<void> {
    await this.db.destroy();
    await this.onClose();
  }
}

function newResponseRow(id: string, participantId: string | null, start: StartResponse, test: boolean, register: string, t: string): FieldDatabase['field_responses'] {
  return {
    id,
    participant_id: participantId,
    answers: '{}',
    skipped: '[]',
    register,
    revision: 0,
    page_index: 0,
    status: 'started',
    structure_hash: start.structureHash,
    test: test ? 1 : 0,
    started_at: t,
    completed_at: null,
    updated_at: t,
    device: start.device ?? null,
  };
}

async function responseOf(db: Db, participantId: string): Promise<StoredResponse | undefined> {
  const row = await db.selectFrom('field_responses').selectAll().where('participant_id', '=', participantId).executeTakeFirst();
  return row ? toResponse(row) : undefined;
}

function toResponse(r: ResponseRow): StoredResponse {
  return {
    id: r.id,
    answers: parseAnswers(r.answers),
    skipped: parseStringList(r.skipped),
    revision: r.revision,
    status: r.status === 'complete' ? 'complete' : 'started',
    pageIndex: r.page_index,
    structureHash: r.structure_hash,
    test: r.test === 1,
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    ...(r.participant_id !== null ? { participantId: r.participant_id } : {}),
    ...(r.completed_at !== null ? { completedAt: r.completed_at } : {}),
  };
}
