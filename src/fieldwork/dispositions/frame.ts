/**
 * The report's population/sample/response table (report 6, Tabel 1) straight from the fieldwork
 * store, so a report made right after fieldwork needs no hand-made frame file. The interface the
 * study layer may import (test/architecture/layers.ts: "fieldwork/dispositions").
 *
 * The result has the shape of a sampling frame as the table reads it: a row per sampled unit
 * (sampled = 1; responded = 1 when it is a complete or partial response as the export counts
 * them; its stratum from the register), each carrying its weight in the population column:
 * - with `weight`, the unit's design weight (a register column): in a stratified simple random
 *   sample the design weights of a stratum sum to its population size N_h = n_h · (N_h / n_h);
 * - with a population frame (`population`, one row per population unit), the sampled rows weigh 0
 *   and the frame's rows are added with weight 1, sampled 0 and responded 0.
 */
import { dirname, resolve } from 'node:path';
import { numericColumn, stringColumn } from '../../data/column.js';
import { Dataset } from '../../data/dataset.js';
import { type ErrorLocation, InvalidInputError } from '../../errors.js';
import type { StudySpec } from '../../spec/schema.js';
import { FieldStoreError } from '../store/errors.js';
import { storeLocation } from '../store/location.js';
import { openFieldStore } from '../store/open.js';
import { readDispositions } from './read.js';

export interface StoreFrameRequest {
  /** The study spec file: the store beside it, or SPIEGEL_DATABASE_URL, when `store` is true. */
  readonly specFile: string;
  readonly spec: StudySpec;
  /** true: the study's store; a text: a SQLite store file, relative to the spec. */
  readonly store: true | string;
  /** Register column of the strata. */
  readonly by: string;
  /** Register column of the design weights, for population counts without a frame file. */
  readonly weight?: string;
  /** Population frame (one row per unit, with the `by` column), read by the caller. */
  readonly population?: Dataset;
  /** Names of the made columns: 0/1 sampled, 0/1 responded, population weight. */
  readonly columns: { readonly sampled: string; readonly responded: string; readonly population: string };
  /** Where the spec asks for it, for error messages. */
  readonly where: ErrorLocation;
}

export async function storeFrame(req: StoreFrameRequest): Promise<Dataset> {
  if (req.weight === undefined && req.population === undefined) {
    throw new InvalidInputError('population counts need a register column of design weights (frame.weight) or a population frame file (frame.file)', req.where);
  }
  const location = req.store === true ? storeLocation(req.specFile) : { engine: 'sqlite' as const, file: resolve(dirname(req.specFile), req.store) };
  const store = await openFieldStore(location);
  let units;
  try {
    const meta = await store.meta();
    if (meta.studyId !== req.spec.study.id) {
      throw new FieldStoreError(`the fieldwork store belongs to study "${meta.studyId}", not to "${req.spec.study.id}"`, req.where);
    }
    units = await readDispositions(store, req.spec, { wave: meta.wave, partialThreshold: req.spec.fieldwork?.partialThreshold ?? 0.5 });
  } finally {
    await store.close();
  }

  const keys: string[] = [];
  const sampled: number[] = [];
  const responded: number[] = [];
  const weights: number[] = [];
  for (const u of units) {
    const key = u.register[req.by];
    if (key === undefined) {
      throw new InvalidInputError(`the sample in the fieldwork store has no register column "${req.by}" (its register columns: ${Object.keys(u.register).join(', ') || 'none'})`, req.where);
    }
    let w = 0;
    if (req.population === undefined) {
      const text = u.register[req.weight!];
      w = text === undefined || text.trim() === '' ? NaN : Number(text);
      if (!Number.isFinite(w) || w < 1) {
        throw new InvalidInputError(
          `unit "${u.participantId}" has design weight ${JSON.stringify(text ?? null)} in register column "${req.weight}": a design weight is a number of at least 1 (1 / inclusion probability)`,
          req.where,
        );
      }
    }
    keys.push(key.trim());
    sampled.push(1);
    responded.push(u.status === 'complete' || u.status === 'partial' ? 1 : 0);
    weights.push(w);
  }
  if (req.population !== undefined) {
    const p = req.population;
    const col = p.column(req.by);
    const texts = col.type === 'string' ? p.strings(req.by) : Array.from(p.validNumbers(req.by), (v) => (Number.isNaN(v) ? '' : String(v)));
    for (const t of texts) {
      keys.push(t.trim());
      sampled.push(0);
      responded.push(0);
      weights.push(1);
    }
  }
  const numeric = keys.every((k) => k !== '' && Number.isFinite(Number(k)));
  return new Dataset([
    numeric ? numericColumn(req.by, Float64Array.from(keys, Number)) : stringColumn(req.by, keys),
    numericColumn(req.columns.sampled, Float64Array.from(sampled)),
    numericColumn(req.columns.responded, Float64Array.from(responded)),
    numericColumn(req.columns.population, Float64Array.from(weights)),
  ]);
}
