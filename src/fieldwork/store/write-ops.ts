/**
 * The store's hot writes as plain data (a page submission, the start of a response, a login
 * attempt) and how each is applied inside a transaction the caller owns. Being data, an
 * operation can cross to the SQLite writer thread (sqlite-writer.ts) and be committed there in
 * a batch with others; on PostgreSQL each runs in a transaction of its own (kysely-store.ts).
 *
 * Page submissions are optimistic: the UPDATE carries `WHERE revision = expected`, so of two
 * submissions from one revision (two tabs, two server instances, or two in one batch) exactly
 * one saves and the other is told `stale`.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { PageSubmission, SubmissionResult } from '../types.js';
import { FieldStoreError } from './errors.js';
import { canonicalJson, parseAnswers, parseStringList, parseStringRecord } from './json.js';
import type { FieldDatabase } from './schema.js';
import type { StartResponse, StoredResponse } from './types.js';

/**
 * Times are taken by the caller when the request arrives (`at`, ISO 8601 UTC), not by the thread
 * that commits: the store's clock is the server thread's clock.
 */
export type WriteOp =
  | { readonly kind: 'submit'; readonly submission: PageSubmission; readonly anonymous: boolean; readonly at: string }
  /** `id` is the new response's id, drawn by the caller (used only if a response is created). */
  | { readonly kind: 'start'; readonly start: StartResponse; readonly id: string; readonly at: string }
  /** `at` in ms since the epoch, taken when the attempt arrived. */
  | { readonly kind: 'login-attempt'; readonly key: string; readonly at: number; readonly windowSeconds: number };

interface WriteResults {
  readonly submit: SubmissionResult;
  readonly start: StoredResponse;
  readonly 'login-attempt': number;
}

/** What applying `O` yields. */
export type WriteResult<O extends WriteOp> = WriteResults[O['kind']];

/** Anything that commits one operation and resolves with its result only once committed. */
export interface Writer {
  write<O extends WriteOp>(op: O): Promise<WriteResult<O>>;
  /** Gets ready for the first write ahead of time (the SQLite writer thread); nothing to do elsewhere. */
  warm?(): Promise<void>;
  close(): Promise<void>;
}

/** One transaction per operation (PostgreSQL: concurrent commits share its WAL flushes by themselves). */
export function transactionWriter(db: Kysely<FieldDatabase>): Writer {
  return {
    write: (op) => db.transaction().execute((trx) => applyWrite(trx, op)),
    close: async () => undefined,
  };
}

type Db = Kysely<FieldDatabase> | Transaction<FieldDatabase>;
type ResponseRow = Selectable<FieldDatabase['field_responses']>;

/** Applies `op` on `db`, which must already be inside a transaction (or savepoint) of the caller. */
export async function applyWrite<O extends WriteOp>(db: Db, op: O): Promise<WriteResult<O>> {
  // Each branch returns the result type of its own kind; TypeScript cannot narrow O from op.kind.
  switch (op.kind) {
    case 'submit':
      return (await submitPage(db, op.submission, op.anonymous, op.at)) as WriteResult<O>;
    case 'start':
      return (await startResponse(db, op.start, op.id, op.at)) as WriteResult<O>;
    case 'login-attempt':
      return (await countLoginAttempt(db, op.key, op.at, op.windowSeconds)) as WriteResult<O>;
  }
  throw new FieldStoreError(`unknown store operation "${(op as { kind: string }).kind}"`);
}

async function submitPage(db: Db, s: PageSubmission, anonymous: boolean, t: string): Promise<SubmissionResult> {
  const answers = canonicalJson(s.answers);
  const skipped = canonicalJson([...new Set(s.skipped)].sort());
  const cur = await db
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
  const completing = s.status === 'complete' && cur.status !== 'complete';
  const unlink = completing && anonymous && cur.participant_id !== null;
  const updated = await db
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
    const again = await db.selectFrom('field_responses').select('revision').where('id', '=', s.responseId).executeTakeFirstOrThrow();
    return { kind: 'stale', revision: again.revision };
  }
  if (completing && cur.participant_id !== null) {
    await db.updateTable('field_participants').set({ status: 'complete' }).where('id', '=', cur.participant_id).execute();
  }
  return { kind: 'saved', revision: s.expectedRevision + 1 };
}

async function startResponse(db: Db, start: StartResponse, id: string, t: string): Promise<StoredResponse> {
  if (start.participantId === undefined) {
    await db.insertInto('field_responses').values(newResponseRow(id, null, start, start.test === true, '{}', t)).execute();
    const row = await db.selectFrom('field_responses').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return toResponse(row);
  }
  const participantId = start.participantId;
  const p = await db.selectFrom('field_participants').select(['test', 'status', 'register']).where('id', '=', participantId).executeTakeFirst();
  if (!p) throw new FieldStoreError(`no participant "${participantId}" in the store`);
  if (p.status === 'complete') {
    const linked = await responseOf(db, participantId);
    if (linked) return linked;
    throw new FieldStoreError(`participant "${participantId}" has completed the questionnaire`);
  }
  // Two tabs opening one link at once: the unique participant_id lets only one insert win.
  await db
    .insertInto('field_responses')
    .values(newResponseRow(id, participantId, start, p.test === 1, p.register, t))
    .onConflict((oc) => oc.column('participant_id').doNothing())
    .execute();
  await db.updateTable('field_participants').set({ status: 'started' }).where('id', '=', participantId).where('status', '=', 'invited').execute();
  return (await responseOf(db, participantId))!;
}

async function countLoginAttempt(db: Db, key: string, at: number, windowSeconds: number): Promise<number> {
  const since = at - windowSeconds * 1000;
  // Attempts older than the window can never count again: drop them to keep the table small.
  await db.deleteFrom('field_login_attempts').where('key', '=', key).where('at', '<=', since).execute();
  await db.insertInto('field_login_attempts').values({ key, at }).execute();
  const row = await db
    .selectFrom('field_login_attempts')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
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

export async function responseOf(db: Db, participantId: string): Promise<StoredResponse | undefined> {
  const row = await db.selectFrom('field_responses').selectAll().where('participant_id', '=', participantId).executeTakeFirst();
  return row ? toResponse(row) : undefined;
}

export function toResponse(r: ResponseRow): StoredResponse {
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
    // Parsed only when there is something (open-link responses and samples without register columns store {}).
    ...(r.register !== '{}' && r.register !== '' ? { register: parseStringRecord(r.register) } : {}),
  };
}
