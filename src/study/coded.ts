/**
 * Derived variables that come from coding (src/coding): theme variables of coded open answers
 * and the moves of "Anders, namelijk" answers into existing categories. Both read files beside
 * the spec and match respondents by the spec's `unit` variable.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { answeredRows } from '../data/answered.js';
import { categoricalColumn, type Column } from '../data/column.js';
import type { Dataset } from '../data/dataset.js';
import { flattenCodes, type CodeSpec } from '../coding/codebook.js';
import { parseCodingsCsv } from '../coding/codings-csv.js';
import { finalCodings } from '../coding/final.js';
import { loadCodebook } from '../coding/load-codebook.js';
import { parseMovesCsv, type Move } from '../coding/moves-csv.js';
import { SpiegelError } from '../errors.js';
import { variableOf, type Catalog } from '../spec/catalog.js';
import type { LoadedSpec } from '../spec/load.js';
import type { DerivedSpec } from '../spec/schema.js';

type CodedSpec = Extract<DerivedSpec, { type: 'coded' }>;

/** A problem with a coding file or its fit to the data, named by file (the caller lists it). */
export class CodingFileError extends SpiegelError {
  constructor(message: string, file: string, field?: string) {
    super('INVALID_INPUT', message, { file, field });
    this.name = 'CodingFileError';
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new CodingFileError(`cannot read the file: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (e as Error).message}`, path);
  }
}

/** Respondent keys as the coding files write them: numbers without decimals, text trimmed. */
export function unitKeys(data: Dataset, cat: Catalog, unit: string, dataFile: string): (string | null)[] {
  const name = variableOf(cat, unit);
  if (!data.has(name)) throw new CodingFileError(`the variable "${name}" that identifies respondents is not in the data`, dataFile, name);
  const col = data.column(name);
  const out: (string | null)[] = new Array(data.nrow);
  if (col.type === 'string') {
    const s = data.strings(name);
    for (let i = 0; i < data.nrow; i++) out[i] = data.isMissing(name, i) || s[i].trim() === '' ? null : s[i].trim();
  } else {
    const v = data.validNumbers(name);
    for (let i = 0; i < data.nrow; i++) out[i] = Number.isNaN(v[i]) ? null : String(v[i]);
  }
  return out;
}

/** Rows that answered the open question (a non-empty text). */
function answered(data: Dataset, cat: Catalog, from: string, dataFile: string): Uint8Array {
  const name = variableOf(cat, from);
  if (!data.has(name)) throw new CodingFileError(`the coded question's variable "${name}" is not in the data`, dataFile, name);
  return answeredRows(data, name);
}

/** The theme variables of a `coded` derived variable: 1/0 for coded answers, missing otherwise. */
export function codedThemeColumns(data: Dataset, d: CodedSpec, loaded: LoadedSpec, cat: Catalog, dataFile: string): Column[] {
  const dir = dirname(loaded.file);
  const codebookFile = resolve(dir, d.codebook);
  const codingsFile = resolve(dir, d.codings);
  const codebook = loadCodebook(codebookFile);
  const byId = new Map(flattenCodes(codebook).map((f) => [f.code.id, f.code]));
  // A theme counts its codes and every code below them in the codebook.
  const themeCodes = d.themes.map((t) => {
    const set = new Set<string>();
    const add = (c: CodeSpec): void => {
      set.add(c.id);
      c.children?.forEach(add);
    };
    for (const id of t.codes) {
      const c = byId.get(id);
      if (c === undefined) throw new CodingFileError(`theme "${t.label}" of derived variable "${d.id}" names code "${id}", which codebook "${codebook.codebook}" does not have`, codebookFile, id);
      add(c);
    }
    return set;
  });
  const rows = parseCodingsCsv(readText(codingsFile), codingsFile);
  const unknown = [...new Set(rows.map((r) => r.code).filter((c) => c !== '' && !byId.has(c)))];
  if (unknown.length > 0) throw new CodingFileError(`codes ${unknown.map((c) => `"${c}"`).join(', ')} are not in codebook "${codebook.codebook}" (${d.codebook})`, codingsFile, 'code');
  const final = finalCodings(rows);
  const keys = unitKeys(data, cat, d.unit, dataFile);
  const hasAnswer = answered(data, cat, d.from, dataFile);
  const n = data.nrow;
  const values = d.themes.map(() => new Float64Array(n).fill(NaN));
  for (let i = 0; i < n; i++) {
    const key = keys[i];
    if (key === null || hasAnswer[i] === 0) continue;
    const f = final.get(key);
    if (f === undefined || f.kind !== 'coded') continue; // not yet coded, or coders disagree
    themeCodes.forEach((set, ti) => {
      values[ti][i] = f.codes.some((c) => set.has(c)) ? 1 : 0;
    });
  }
  return d.themes.map((t, ti) => categoricalColumn(t.variable, values[ti], { label: t.label, valueLabels: loaded.spec.study.locale.startsWith('nl') ? [[1, 'genoemd'], [0, 'niet genoemd']] : [[1, 'mentioned'], [0, 'not mentioned']] }));
}


/** The moves of a back-coding, checked against the data: unit known, answer still in a movable category, target a category. */
export function readMoves(d: Extract<DerivedSpec, { type: 'backcode' }>, loaded: LoadedSpec): { moves: Move[]; file: string } {
  const file = resolve(dirname(loaded.file), d.moves!);
  return { moves: parseMovesCsv(readText(file), file), file };
}
