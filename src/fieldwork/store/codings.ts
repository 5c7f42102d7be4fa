/**
 * Codings of open answers made in the browser (issue 11): per question, answer (unit) and coder
 * the set of codes that coder gave. Saving is optimistic like a questionnaire page: a save
 * carries the revision it was made from, so of two saves of the same answer by the same coder
 * (two tabs) one wins and the other is told what is stored now. Every saved state is logged, for
 * undo and for who coded what when. Codes are the codebook's ids; an empty set means "coded, no
 * code applies".
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { stampChange } from './coding-stamps.js';
import type { FieldDatabase } from './schema.js';

export interface StoredCoding {
  readonly question: string;
  readonly unit: string;
  readonly coder: string;
  readonly codes: readonly string[];
  readonly revision: number;
  readonly updatedAt: string;
}

export interface CodingSave {
  readonly question: string;
  readonly unit: string;
  readonly coder: string;
  readonly codes: readonly string[];
  /** Revision the coder saw (0: not coded yet). */
  readonly expectedRevision: number;
}

export type CodingSaveResult =
  | { readonly kind: 'saved'; readonly revision: number }
  | { readonly kind: 'unchanged'; readonly revision: number }
  /** Someone (the same coder in another tab) saved first: nothing changed; this is what is stored. */
  | { readonly kind: 'stale'; readonly current: StoredCoding };

const canonical = (codes: readonly string[]): string => JSON.stringify([...new Set(codes)].sort());

function toCoding(r: FieldDatabase['field_codings']): StoredCoding {
  return { question: r.question, unit: r.unit, coder: r.coder, codes: JSON.parse(r.codes) as string[], revision: r.revision, updatedAt: r.updated_at };
}

export async function saveCoding(db: Kysely<FieldDatabase>, s: CodingSave, at: string = new Date().toISOString()): Promise<CodingSaveResult> {
  const codes = canonical(s.codes);
  return db.transaction().execute(async (trx) => {
    const key = (q: typeof trx) => q.selectFrom('field_codings').selectAll().where('question', '=', s.question).where('unit', '=', s.unit).where('coder', '=', s.coder);
    const cur = await key(trx).executeTakeFirst();
    if (cur === undefined) {
      if (s.expectedRevision !== 0) {
        // The coding was there when the page was made and is gone now: not something we do; say stale.
        return { kind: 'stale', current: { question: s.question, unit: s.unit, coder: s.coder, codes: [], revision: 0, updatedAt: at } };
      }
      const inserted = await trx
        .insertInto('field_codings')
        .values({ question: s.question, unit: s.unit, coder: s.coder, codes, revision: 1, updated_at: at })
        .onConflict((oc) => oc.columns(['question', 'unit', 'coder']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return { kind: 'stale', current: toCoding((await key(trx).executeTakeFirstOrThrow()) as FieldDatabase['field_codings']) };
      await log(trx, s, codes, at);
      return { kind: 'saved', revision: 1 };
    }
    if (cur.revision !== s.expectedRevision) return { kind: 'stale', current: toCoding(cur) };
    if (cur.codes === codes) return { kind: 'unchanged', revision: cur.revision };
    const r = await trx
      .updateTable('field_codings')
      .set({ codes, revision: cur.revision + 1, updated_at: at })
      .where('question', '=', s.question)
      .where('unit', '=', s.unit)
      .where('coder', '=', s.coder)
      .where('revision', '=', s.expectedRevision)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return { kind: 'stale', current: toCoding((await key(trx).executeTakeFirstOrThrow()) as FieldDatabase['field_codings']) };
    await log(trx, s, codes, at);
    return { kind: 'saved', revision: cur.revision + 1 };
  });
}

async function log(db: Kysely<FieldDatabase>, s: CodingSave, codes: string, at: string): Promise<void> {
  await stampChange(db, 'codings', s.question);
  await db.insertInto('field_coding_log').values({ id: randomBytes(12).toString('base64url'), question: s.question, unit: s.unit, coder: s.coder, codes, at }).execute();
}

/** The codings of one question (every coder), or of all questions. */
export async function codingsOf(db: Kysely<FieldDatabase>, question?: string): Promise<StoredCoding[]> {
  let q = db.selectFrom('field_codings').selectAll().orderBy('question').orderBy('unit').orderBy('coder');
  if (question !== undefined) q = q.where('question', '=', question);
  return (await q.execute()).map(toCoding);
}

/** The states a coder saved for one answer, oldest first (undo goes back one). */
export async function codingHistory(db: Kysely<FieldDatabase>, question: string, unit: string, coder: string): Promise<{ readonly codes: readonly string[]; readonly at: string }[]> {
  const rows = await db
    .selectFrom('field_coding_log')
    .select(['codes', 'at', 'id'])
    .where('question', '=', question)
    .where('unit', '=', unit)
    .where('coder', '=', coder)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ codes: JSON.parse(r.codes) as string[], at: r.at }));
}
