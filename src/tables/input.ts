/**
 * What every table builder gets (the table spec, its index, the study context, resolved
 * options), and the lookups on it: errors located at the table, the current wave, the
 * table's questions, items and categories.
 */
import { InvalidInputError, UnknownVariableError } from '../errors.js';
import type { QuestionInfo } from '../spec/catalog.js';
import type { CategorySpec, TableSpec } from '../spec/schema.js';
import type { CellRules } from './cells.js';
import type { ResolvedOptions, StudyContext, WaveData } from './context.js';
import { hasVariable } from './domain.js';
import type { Table } from './model.js';

export interface BuildInput {
  readonly t: TableSpec;
  readonly ti: number;
  readonly ctx: StudyContext;
  readonly o: ResolvedOptions;
}

export type Builder = (input: BuildInput) => Table;

export function rules(o: ResolvedOptions): CellRules {
  return { minBase: o.minBase, rounding: o.rounding, lowBase: o.lowBase, interval: o.interval };
}

/** A problem with a table, located at the table in the spec. */
export function tableError(input: BuildInput, message: string, field?: string): InvalidInputError {
  const path = field === undefined ? ['tables', input.ti] : ['tables', input.ti, field];
  return new InvalidInputError(`table "${input.t.id}": ${message}`, input.ctx.loaded.locate(path));
}

export function current(input: BuildInput): WaveData {
  const w = input.ctx.current;
  if (w === null) throw tableError(input, 'no wave has microdata to compute this table from');
  return w;
}

export function questionIds(t: TableSpec): string[] {
  return t.questions === undefined ? [] : typeof t.questions === 'string' ? [t.questions] : [...t.questions];
}

export function questionInfo(input: BuildInput, id: string): QuestionInfo {
  const q = input.ctx.catalog.questions.get(id);
  if (q) return q;
  const v = input.ctx.catalog.variables.get(id);
  if (v) {
    return { id, wording: v.label, type: v.role === 'rating' ? 'rating' : v.role === 'number' ? 'number' : 'single', categories: v.categories, variables: [id], itemLabels: [v.label], path: v.path };
  }
  throw new UnknownVariableError(id, input.ctx.loaded.locate(['tables', input.ti, 'questions']));
}

export function questions(input: BuildInput): QuestionInfo[] {
  const ids = questionIds(input.t);
  if (ids.length === 0) throw tableError(input, `kind ${input.t.kind} needs "questions"`, 'questions');
  return ids.map((id) => questionInfo(input, id));
}

/** Make sure the current wave's data has a variable; a clear error naming the table otherwise. */
export function requireVariable(input: BuildInput, wave: WaveData, name: string): void {
  if (!hasVariable(input.ctx, wave, name)) {
    throw new UnknownVariableError(name, { ...input.ctx.loaded.locate(['tables', input.ti]), field: `tables[${input.ti}] (${input.t.id})` }, wave.data?.names());
  }
}

/** Categories of a question; a rating without categories gets its range (1 … 10). */
export function categoriesOf(input: BuildInput, q: QuestionInfo): readonly CategorySpec[] {
  if (q.categories && q.categories.length > 0) return q.categories;
  if (q.type === 'rating') {
    const [lo, hi] = q.range ?? [1, 10];
    const out: CategorySpec[] = [];
    for (let c = lo; c <= hi; c++) out.push({ code: c, label: String(c) });
    return out;
  }
  throw tableError(input, `question "${q.id}" has no categories to tabulate`, 'questions');
}

/** Variables of a table's items: grid statements, options, or one variable per single question, or explicit rows. */
export interface ItemRef {
  readonly variable: string;
  readonly label: string;
  readonly question: QuestionInfo;
  readonly codes?: readonly number[];
  readonly key: string;
}

export function items(input: BuildInput): ItemRef[] {
  const rows = input.t.rows;
  if (rows && rows.length > 0) {
    return rows.map((r) => {
      const qid = r.question ?? r.variable!;
      const q = questionInfo(input, qid);
      const variable = r.variable ?? q.variables[0];
      return { variable, label: r.label, question: q, codes: r.codes, key: r.key ?? variable };
    });
  }
  const out: ItemRef[] = [];
  for (const q of questions(input)) {
    if (q.variables.length > 1 || q.type === 'grid' || q.type === 'multiple' || q.type === 'numbers') {
      q.variables.forEach((v, i) => out.push({ variable: v, label: q.itemLabels[i] ?? v, question: q, key: v }));
    } else {
      out.push({ variable: q.variables[0], label: q.wording, question: q, key: q.variables[0] });
    }
  }
  return subsetOf(input, out);
}

/** The spec's `items`: only those items, in that order (checked against the questions when loading). */
function subsetOf(input: BuildInput, all: ItemRef[]): ItemRef[] {
  const pick = input.t.items;
  if (pick === undefined) return all;
  return pick.map((v) => {
    const it = all.find((x) => x.variable === v);
    if (it === undefined) throw tableError(input, `"${v}" is not an item of the table's questions`, 'items');
    return it;
  });
}
