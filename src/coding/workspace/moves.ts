/**
 * What there is to move in a study: every back-coding (`derived: … type: backcode`) with a
 * `moves` file and a `unit` lists the answers still in a movable category ("Anders, namelijk",
 * or the back-coding's `codes`) with their text, and the categories they can move to. The
 * answers come from the wave's data file, like the open answers to code.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Dataset } from '../../data/dataset.js';
import { readDataset } from '../../data/io.js';
import { InvalidInputError } from '../../errors.js';
import { buildCatalog, variableOf } from '../../spec/catalog.js';
import type { LoadedSpec } from '../../spec/load.js';
import type { DerivedSpec } from '../../spec/schema.js';
import { parseMovesCsv, type Move } from '../moves-csv.js';
import { codingDataFile } from './questions.js';

type BackcodeSpec = Extract<DerivedSpec, { type: 'backcode' }>;

export interface MovableAnswer {
  readonly unit: string;
  /** The category answered (a movable one). */
  readonly answered: number;
  /** The "Anders, namelijk" text ('' when the respondent wrote nothing). */
  readonly text: string;
}

export interface MoveQuestion {
  /** Id of the back-coding: the key of moves in the store. */
  readonly id: string;
  readonly from: string;
  readonly label: string;
  /** The question's wording. */
  readonly wording: string;
  /** Categories an answer can move to (those of `from` that are not movable). */
  readonly targets: readonly { readonly code: number; readonly label: string }[];
  readonly movable: readonly { readonly code: number; readonly label: string }[];
  /** The moves file the back-coded variable reads (relative paths resolved). */
  readonly movesFile: string;
  readonly answers: readonly MovableAnswer[];
}

export async function moveQuestions(loaded: LoadedSpec, options: { readonly data?: Dataset } = {}): Promise<MoveQuestion[]> {
  const backcodes = (loaded.spec.derived ?? []).filter((d): d is BackcodeSpec => d.type === 'backcode' && d.moves !== undefined && d.unit !== undefined);
  if (backcodes.length === 0) return [];
  const dataFile = codingDataFile(loaded);
  const data = options.data ?? (await readDataset(dataFile));
  const cat = buildCatalog(loaded.spec);
  const dir = dirname(loaded.file);
  return backcodes.map((d) => {
    const categories = cat.questions.get(d.from)?.categories ?? cat.variables.get(d.from)?.categories ?? [];
    const movableCodes = new Set(d.codes ?? categories.filter((c) => c.special === 'other').map((c) => c.code));
    const from = variableOf(cat, d.from);
    const unitVar = variableOf(cat, d.unit!);
    for (const [v, field] of [[from, 'from'], [unitVar, 'unit']] as const) {
      if (!data.has(v)) throw new InvalidInputError(`the variable "${v}" (back-coding "${d.id}", ${field}) is not in the data`, { file: dataFile, field: v });
    }
    const textVars = categories.filter((c) => movableCodes.has(c.code) && c.textVariable !== undefined).map((c) => [c.code, variableOf(cat, c.textVariable!)] as const);
    const texts = new Map(textVars.filter(([, v]) => data.has(v)).map(([code, v]) => [code, data.strings(v)]));
    const values = data.validNumbers(from);
    const unitCol = data.column(unitVar);
    const units = unitCol.type === 'string' ? data.strings(unitVar) : null;
    const unitNumbers = unitCol.type === 'string' ? null : data.validNumbers(unitVar);
    const answers: MovableAnswer[] = [];
    for (let i = 0; i < data.nrow; i++) {
      if (!movableCodes.has(values[i])) continue;
      const unit = units !== null ? units[i].trim() : Number.isNaN(unitNumbers![i]) ? '' : String(unitNumbers![i]);
      if (unit === '') continue;
      answers.push({ unit, answered: values[i], text: texts.get(values[i])?.[i] ?? '' });
    }
    const question = loaded.spec.questions.find((q) => q.id === d.from);
    return {
      id: d.id,
      from: d.from,
      label: d.label ?? question?.wording ?? d.id,
      wording: question?.wording ?? d.label ?? d.id,
      targets: categories.filter((c) => !movableCodes.has(c.code)).map((c) => ({ code: c.code, label: c.label })),
      movable: categories.filter((c) => movableCodes.has(c.code)).map((c) => ({ code: c.code, label: c.label })),
      movesFile: resolve(dir, d.moves!),
      answers,
    };
  });
}

/** The moves already in the file (made on the command line or pulled before); none when it does not exist yet. */
export function movesInFile(q: MoveQuestion): Move[] {
  if (!existsSync(q.movesFile)) return [];
  return parseMovesCsv(readFileSync(q.movesFile, 'utf8'), q.movesFile);
}

/** The state of one movable answer: moved (to a category) or not, and from where that is known. */
export interface MoveState {
  readonly to: number | null;
  readonly by: string;
  readonly at: string;
  /** Revision in the store (0: never moved in the browser). */
  readonly revision: number;
  readonly source: 'store' | 'file' | 'none';
}

/** The current moves: a move saved in the browser (the store) wins over the file; "moved back" (null) included. */
export function currentMoves(file: readonly Move[], stored: readonly { readonly unit: string; readonly to: number | null; readonly by: string; readonly at: string; readonly revision: number }[]): Map<string, MoveState> {
  const out = new Map<string, MoveState>();
  for (const m of file) out.set(m.unit, { to: m.to, by: m.by, at: m.at, revision: 0, source: 'file' });
  for (const s of stored) out.set(s.unit, { to: s.to, by: s.by, at: s.at, revision: s.revision, source: 'store' });
  return out;
}

/**
 * The moves file after a pull: the file's moves, with every move made in the browser put over
 * them (an answer moved back there leaves the file); in the file's order, new moves after.
 */
export function mergedMoves(file: readonly Move[], stored: readonly { readonly unit: string; readonly to: number | null; readonly text: string; readonly by: string; readonly at: string }[]): Move[] {
  const byUnit = new Map<string, Move | null>(file.map((m) => [m.unit, m]));
  for (const s of stored) byUnit.set(s.unit, s.to === null ? null : { unit: s.unit, to: s.to, text: s.text, by: s.by, at: s.at });
  return [...byUnit.values()].filter((m): m is Move => m !== null);
}
