/**
 * What there is to code in a study: every derived variable of `type: coded` names an open
 * question, the variable that identifies respondents and a codebook. The answers come from the
 * wave's data file (the export of the fieldwork store, or answers imported from a .sav or CSV).
 */
import { dirname, resolve } from 'node:path';
import { answeredRows } from '../../data/answered.js';
import type { Dataset } from '../../data/dataset.js';
import { readDataset } from '../../data/io.js';
import { InvalidInputError } from '../../errors.js';
import { buildCatalog, variableOf } from '../../spec/catalog.js';
import type { LoadedSpec } from '../../spec/load.js';
import type { CategorySpec, DerivedSpec } from '../../spec/schema.js';
import { flattenCodes, type Codebook, type FlatCode } from '../codebook.js';
import { loadCodebook } from '../load-codebook.js';

type CodedSpec = Extract<DerivedSpec, { type: 'coded' }>;

/** One open answer to code. */
export interface OpenAnswer {
  /** The respondent's `unit` value: the key of codings. */
  readonly unit: string;
  readonly text: string;
  /** Background values as labels (for filtering by subgroup), by variable. */
  readonly groups: Readonly<Record<string, string>>;
}

export interface CodingQuestion {
  /** Id of the coded derived variable; the key of codings in the store. */
  readonly id: string;
  /** The open question's text variable. */
  readonly source: string;
  /** The question's wording (or the derived variable's label). */
  readonly label: string;
  readonly codebook: Codebook;
  /** Codes a coder can choose, in codebook order (headings that only group are left out). */
  readonly codes: readonly FlatCode[];
  /** Codings file the report reads (relative paths resolved), written by `spiegel code export --from-store`. */
  readonly codingsFile: string;
  readonly answers: readonly OpenAnswer[];
}

/** The last wave that has a data file, and that file resolved against the spec's folder. */
export function codingWave(loaded: LoadedSpec): { readonly year: number; readonly file: string } {
  const wave = [...loaded.spec.waves].reverse().find((w) => w.data !== undefined);
  if (wave?.data === undefined) throw new InvalidInputError('no wave of this study has a data file (waves[].data): there are no answers to code', { file: loaded.file, field: 'waves' });
  if (typeof wave.data !== 'string') {
    throw new InvalidInputError(`wave ${wave.year} is stacked from several files; coding reads one file: export the wave to one file first`, { file: loaded.file, field: 'waves' });
  }
  return { year: wave.year, file: resolve(dirname(loaded.file), wave.data) };
}

/** The data file of the last wave that has one, resolved against the spec's folder. */
export function codingDataFile(loaded: LoadedSpec): string {
  return codingWave(loaded).file;
}

/** The study's coded questions with their answers; `groupVariables` are offered as filters. */
export async function codingQuestions(loaded: LoadedSpec, options: { readonly data?: Dataset; readonly groupVariables?: readonly string[] } = {}): Promise<CodingQuestion[]> {
  const coded = (loaded.spec.derived ?? []).filter((d): d is CodedSpec => d.type === 'coded');
  if (coded.length === 0) return [];
  const dataFile = codingDataFile(loaded);
  const data = options.data ?? (await readDataset(dataFile));
  const cat = buildCatalog(loaded.spec);
  const dir = dirname(loaded.file);
  const groups = (options.groupVariables ?? loaded.spec.background?.map((b) => b.id) ?? []).filter((g) => data.has(variableOf(cat, g)));
  return coded.map((d) => {
    const codebook = loadCodebook(resolve(dir, d.codebook));
    const source = variableOf(cat, d.from);
    const unitVar = variableOf(cat, d.unit);
    for (const [v, field] of [[source, 'from'], [unitVar, 'unit']] as const) {
      if (!data.has(v)) throw new InvalidInputError(`the variable "${v}" (derived variable "${d.id}", ${field}) is not in the data`, { file: dataFile, field: v });
    }
    const question = loaded.spec.questions.find((q) => q.id === d.from || ('variable' in q && q.variable === d.from));
    const answered = answeredRows(data, source);
    const texts = data.strings(source);
    const unitCol = data.column(unitVar);
    const unitText = (i: number): string => (unitCol.type === 'string' ? data.strings(unitVar)[i].trim() : String(data.validNumbers(unitVar)[i]));
    const answers: OpenAnswer[] = [];
    for (let i = 0; i < data.nrow; i++) {
      if (answered[i] === 0) continue;
      answers.push({
        unit: unitText(i),
        text: texts[i],
        groups: Object.fromEntries(groups.map((g) => [g, labelAt(data, variableOf(cat, g), i, cat.variables.get(variableOf(cat, g))?.categories ?? null)])),
      });
    }
    return {
      id: d.id,
      source,
      label: question?.wording ?? d.label ?? d.id,
      codebook,
      codes: flattenCodes(codebook).filter((f) => f.code.codable !== false),
      codingsFile: resolve(dir, d.codings),
      answers,
    };
  });
}

/** A value as its label: the spec's category, else the data's value label, else the value itself. */
function labelAt(data: Dataset, name: string, i: number, categories: readonly CategorySpec[] | null): string {
  if (data.isMissing(name, i)) return '';
  const col = data.column(name);
  if (col.type === 'string') return data.strings(name)[i];
  const v = data.numbers(name)[i];
  return categories?.find((c) => c.code === v)?.label ?? col.valueLabels.get(v) ?? String(v);
}
