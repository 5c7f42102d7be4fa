/**
 * Coding during fieldwork: the answers to code straight from the store instead of from an export
 * file, arranged exactly as `spiegel field export` writes them (src/fieldwork/export), with the
 * stable `respondent_key` as the unit, so codings made now still fit every later export. The
 * answers are rebuilt when the store's responses changed (a count and the last change time of
 * the non-test responses), at most once per `minIntervalMs`: a new answer shows up within that.
 */
import { exportDataset } from '../../fieldwork/export/dataset.js';
import { respondentKeyer } from '../../fieldwork/export/respondent-key.js';
import type { FieldStore } from '../../fieldwork/store/types.js';
import type { LoadedSpec } from '../../spec/load.js';
import { moveQuestions, type MoveQuestion } from './moves.js';
import { codingQuestions, type CodingQuestion } from './questions.js';

export interface CodingWork {
  readonly questions: readonly CodingQuestion[];
  readonly moves: readonly MoveQuestion[];
}

/** The coding work as the store holds it now. */
export async function codingWorkFromStore(loaded: LoadedSpec, store: FieldStore): Promise<CodingWork> {
  const meta = await store.meta();
  const fw = loaded.spec.fieldwork;
  const data = exportDataset(loaded.spec, await store.exportRows(), {
    wave: meta.wave,
    partialThreshold: fw?.partialThreshold ?? 0.5,
    registerColumns: fw?.registerColumns ?? [],
    respondentKey: respondentKeyer(await store.secret('cookie')),
  }).data;
  return { questions: await codingQuestions(loaded, { data }), moves: await moveQuestions(loaded, { data }) };
}

/** A provider for the coding routes: new work when the responses changed (and the last rebuild is old enough), else undefined. */
export function liveCodingWork(loaded: LoadedSpec, store: FieldStore, options: { readonly minIntervalMs?: number; readonly now?: () => number } = {}): () => Promise<CodingWork | undefined> {
  const minInterval = options.minIntervalMs ?? 30_000;
  const now = options.now ?? Date.now;
  let signature: string | undefined;
  let builtAt = -Infinity;
  let building: Promise<CodingWork | undefined> | undefined;
  return async () => {
    if (building !== undefined || now() - builtAt < minInterval) return undefined;
    const row = await store.db
      .selectFrom('field_responses')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('updated_at').as('u')])
      .where('test', '=', 0)
      .executeTakeFirst();
    const current = `${Number(row?.n ?? 0)}:${String(row?.u ?? '')}`;
    if (current === signature) return undefined;
    // One rebuild at a time; requests meanwhile keep the previous answers.
    building = codingWorkFromStore(loaded, store).then((work) => {
      signature = current;
      builtAt = now();
      return work;
    });
    try {
      return await building;
    } finally {
      building = undefined;
    }
  };
}
