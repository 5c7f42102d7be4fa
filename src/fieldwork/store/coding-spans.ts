/**
 * Fragments of interviews coded in the browser (issue 11 item 5): per topic list (the codebook of
 * interview topics), interview, fragment (start and end in Unicode code points, as the CLI and
 * REFI-QDA count them) and coder, the topics that coder gave the fragment. Saved like codings of
 * open answers: a save carries the revision it was made from, every state is logged (undo, who
 * coded what when). An empty set of topics means the fragment is no longer coded.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { stampChange } from './coding-stamps.js';
import type { FieldDatabase } from './schema.js';

export interface SpanKey {
  /** Id of the topic codebook. */
  readonly topics: string;
  readonly document: string;
  readonly start: number;
  readonly end: number;
  readonly coder: string;
}

export interface StoredSpan extends SpanKey {
  /** The fragment's text when it was coded (finds its place again after a re-import). */
  readonly text: string;
  readonly codes: readonly string[];
  readonly revision: number;
  readonly updatedAt: string;
}

export interface SpanSave extends SpanKey {
  readonly text: string;
  readonly codes: readonly string[];
  /** Revision the coder saw (0: a new fragment). */
  readonly expectedRevision: number;
}

export type SpanSaveResult =
  | { readonly kind: 'saved'; readonly revision: number }
  | { readonly kind: 'unchanged'; readonly revision: number }
  | { readonly kind: 'stale'; readonly current: StoredSpan };

type Row = FieldDatabase['field_spans'];
const canonical = (codes: readonly string[]): string => JSON.stringify([...new Set(codes)].sort());
const toSpan = (r: Row): StoredSpan => ({ topics: r.topics, document: r.document, start: r.start_cp, end: r.end_cp, coder: r.coder, text: r.text, codes: JSON.parse(r.codes) as string[], revision: r.revision, updatedAt: r.updated_at });

export async function saveSpan(db: Kysely<FieldDatabase>, s: SpanSave, at: string = new Date().toISOString()): Promise<SpanSaveResult> {
  const codes = canonical(s.codes);
  return db.transaction().execute(async (trx) => {
    const key = () =>
      trx.selectFrom('field_spans').selectAll().where('topics', '=', s.topics).where('document', '=', s.document).where('start_cp', '=', s.start).where('end_cp', '=', s.end).where('coder', '=', s.coder);
    const cur = await key().executeTakeFirst();
    if (cur === undefined) {
      if (s.expectedRevision !== 0) return { kind: 'stale', current: { ...keyOf(s), text: s.text, codes: [], revision: 0, updatedAt: at } };
      const inserted = await trx
        .insertInto('field_spans')
        .values({ topics: s.topics, document: s.document, start_cp: s.start, end_cp: s.end, coder: s.coder, text: s.text, codes, revision: 1, updated_at: at })
        .onConflict((oc) => oc.columns(['topics', 'document', 'start_cp', 'end_cp', 'coder']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return { kind: 'stale', current: toSpan((await key().executeTakeFirstOrThrow()) as Row) };
      await log(trx, s, codes, at);
      return { kind: 'saved', revision: 1 };
    }
    if (cur.revision !== s.expectedRevision) return { kind: 'stale', current: toSpan(cur) };
    if (cur.codes === codes) return { kind: 'unchanged', revision: cur.revision };
    const r = await trx
      .updateTable('field_spans')
      .set({ codes, revision: cur.revision + 1, updated_at: at })
      .where('topics', '=', s.topics)
      .where('document', '=', s.document)
      .where('start_cp', '=', s.start)
      .where('end_cp', '=', s.end)
      .where('coder', '=', s.coder)
      .where('revision', '=', s.expectedRevision)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return { kind: 'stale', current: toSpan((await key().executeTakeFirstOrThrow()) as Row) };
    await log(trx, s, codes, at);
    return { kind: 'saved', revision: cur.revision + 1 };
  });
}

const keyOf = (s: SpanKey): SpanKey => ({ topics: s.topics, document: s.document, start: s.start, end: s.end, coder: s.coder });

async function log(db: Kysely<FieldDatabase>, s: SpanSave, codes: string, at: string): Promise<void> {
  await stampChange(db, 'spans', s.topics);
  await db
    .insertInto('field_span_log')
    .values({ id: randomBytes(12).toString('base64url'), topics: s.topics, document: s.document, start_cp: s.start, end_cp: s.end, coder: s.coder, codes, at })
    .execute();
}

/** Fragments of a topic list (one interview, or all), every coder, in text order; with no topics left too. */
export async function spansOf(db: Kysely<FieldDatabase>, topics: string, document?: string): Promise<StoredSpan[]> {
  let q = db.selectFrom('field_spans').selectAll().where('topics', '=', topics);
  if (document !== undefined) q = q.where('document', '=', document);
  const rows = await q.orderBy('document').orderBy('start_cp').orderBy('end_cp').orderBy('coder').execute();
  return rows.map(toSpan);
}

/** The states a coder saved for one fragment, oldest first (undo goes back one; before the first: no topics). */
export async function spanHistory(db: Kysely<FieldDatabase>, k: SpanKey): Promise<{ readonly codes: readonly string[]; readonly at: string }[]> {
  const rows = await db
    .selectFrom('field_span_log')
    .select(['codes', 'at', 'id'])
    .where('topics', '=', k.topics)
    .where('document', '=', k.document)
    .where('start_cp', '=', k.start)
    .where('end_cp', '=', k.end)
    .where('coder', '=', k.coder)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ codes: JSON.parse(r.codes) as string[], at: r.at }));
}
