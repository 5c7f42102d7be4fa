/**
 * "Anders, namelijk" moves made in the browser (issue 11 item 3): per back-coding and answer
 * (unit) the category the "other" answer was moved to, with its original text and who moved it
 * when. One decision per answer (not per coder): the back-coded variable has one value. Saving is
 * optimistic like codings (a save carries the revision it was made from); every state is logged,
 * so undo and "who moved what when" need nothing else. `to: null` means moved back (not moved).
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { stampChange } from './coding-stamps.js';
import type { FieldDatabase } from './schema.js';

export interface StoredMove {
  /** Id of the back-coding (the derived variable of `type: backcode`). */
  readonly question: string;
  readonly unit: string;
  /** Category code the answer was moved to; null: not moved (moved back). */
  readonly to: number | null;
  /** The "other" text as it was when moved. */
  readonly text: string;
  readonly by: string;
  readonly at: string;
  readonly revision: number;
}

export interface MoveSave {
  readonly question: string;
  readonly unit: string;
  readonly to: number | null;
  readonly text: string;
  readonly by: string;
  /** Revision the mover saw (0: never moved). */
  readonly expectedRevision: number;
}

export type MoveSaveResult =
  | { readonly kind: 'saved'; readonly revision: number }
  | { readonly kind: 'unchanged'; readonly revision: number }
  /** Someone saved this answer first: nothing changed; this is what is stored. */
  | { readonly kind: 'stale'; readonly current: StoredMove };

type Row = FieldDatabase['field_moves'];
const toMove = (r: Row): StoredMove => ({ question: r.question, unit: r.unit, to: r.to_code === null ? null : Number(r.to_code), text: r.text, by: r.moved_by, at: r.moved_at, revision: r.revision });

export async function saveMove(db: Kysely<FieldDatabase>, s: MoveSave, at: string = new Date().toISOString()): Promise<MoveSaveResult> {
  return db.transaction().execute(async (trx) => {
    const key = () => trx.selectFrom('field_moves').selectAll().where('question', '=', s.question).where('unit', '=', s.unit);
    const cur = await key().executeTakeFirst();
    if (cur === undefined) {
      if (s.expectedRevision !== 0) return { kind: 'stale', current: { question: s.question, unit: s.unit, to: null, text: s.text, by: '', at, revision: 0 } };
      const inserted = await trx
        .insertInto('field_moves')
        .values({ question: s.question, unit: s.unit, to_code: s.to, text: s.text, moved_by: s.by, moved_at: at, revision: 1 })
        .onConflict((oc) => oc.columns(['question', 'unit']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return { kind: 'stale', current: toMove((await key().executeTakeFirstOrThrow()) as Row) };
      await log(trx, s, at);
      return { kind: 'saved', revision: 1 };
    }
    if (cur.revision !== s.expectedRevision) return { kind: 'stale', current: toMove(cur) };
    const curTo = cur.to_code === null ? null : Number(cur.to_code);
    if (curTo === s.to) return { kind: 'unchanged', revision: cur.revision };
    const r = await trx
      .updateTable('field_moves')
      .set({ to_code: s.to, text: s.text, moved_by: s.by, moved_at: at, revision: cur.revision + 1 })
      .where('question', '=', s.question)
      .where('unit', '=', s.unit)
      .where('revision', '=', s.expectedRevision)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return { kind: 'stale', current: toMove((await key().executeTakeFirstOrThrow()) as Row) };
    await log(trx, s, at);
    return { kind: 'saved', revision: cur.revision + 1 };
  });
}

async function log(db: Kysely<FieldDatabase>, s: MoveSave, at: string): Promise<void> {
  await stampChange(db, 'moves', s.question);
  await db.insertInto('field_move_log').values({ id: randomBytes(12).toString('base64url'), question: s.question, unit: s.unit, to_code: s.to, text: s.text, moved_by: s.by, at }).execute();
}

/** The moves of one back-coding (moved-back answers included, with `to: null`), by unit. */
export async function movesOf(db: Kysely<FieldDatabase>, question: string): Promise<StoredMove[]> {
  const rows = await db.selectFrom('field_moves').selectAll().where('question', '=', question).orderBy('unit').execute();
  return rows.map(toMove);
}

/** Every saved state of one answer's move, oldest first (undo goes back one; before the first: not moved). */
export async function moveHistory(db: Kysely<FieldDatabase>, question: string, unit: string): Promise<{ readonly to: number | null; readonly by: string; readonly at: string }[]> {
  const rows = await db.selectFrom('field_move_log').select(['to_code', 'moved_by', 'at', 'id']).where('question', '=', question).where('unit', '=', unit).orderBy('at').orderBy('id').execute();
  return rows.map((r) => ({ to: r.to_code === null ? null : Number(r.to_code), by: r.moved_by, at: r.at }));
}
