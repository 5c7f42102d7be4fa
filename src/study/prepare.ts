/**
 * Preparing one wave's microdata for the tables: list-encoded multiple response expanded to
 * 0/1 variables, derived variables computed in spec order, and the checks that keep the
 * numbers honest — every question variable present, every code known to the spec, no answers
 * from respondents the routing did not ask.
 */
import { categoricalColumn, numericColumn } from '../data/column.js';
import type { Dataset } from '../data/dataset.js';
import { InvalidInputError, SpiegelError } from '../errors.js';
import { listOptionVariable, variableOf, type Catalog } from '../spec/catalog.js';
import { evaluate, parseExpression, referencedNames, type Expr } from '../spec/expression.js';
import type { LoadedSpec } from '../spec/load.js';
import type { DerivedSpec } from '../spec/schema.js';
import { codedThemeColumns, readMoves, unitKeys } from './coded.js';

/** A data problem that points at both the data file and the spec line that declares the variable. */
export class DataCheckError extends SpiegelError {
  readonly detail: string;
  constructor(message: string, dataFile: string, variable: string) {
    super('INVALID_INPUT', message, { file: dataFile, field: variable });
    this.name = 'DataCheckError';
    this.detail = message;
  }
}

/**
 * Every data problem of a run (issue 8 item 9): a researcher adapting a spec to new data sees
 * all missing variables, unknown codes and routing violations at once, not one per run.
 */
export class DataProblems extends SpiegelError {
  readonly problems: readonly DataCheckError[];
  constructor(problems: readonly DataCheckError[]) {
    const limit = 50;
    const rest = problems.slice(1, limit).map((p) => p.message);
    if (problems.length > limit) rest.push(`… and ${problems.length - limit} more`);
    const count = problems.length > 1 ? `\n(${problems.length} problems in the data)` : '';
    super('INVALID_INPUT', [problems[0].detail, ...rest].join('\n') + count, problems[0].location);
    this.name = 'DataProblems';
    this.problems = problems;
  }
}

/** Collects data problems; `done` throws them all at once. */
export class DataProblemList {
  readonly problems: DataCheckError[] = [];
  add(message: string, dataFile: string, variable: string): void {
    this.problems.push(new DataCheckError(message, dataFile, variable));
  }
  done(): void {
    if (this.problems.length > 0) throw new DataProblems(this.problems);
  }
}

function where(loaded: LoadedSpec, path: readonly (string | number)[]): string {
  const loc = loaded.locate(path);
  return `${loc.file}${loc.line !== undefined ? `:${loc.line}` : ''}`;
}

/** Expand list-encoded multiple response ("1;3") into one 0/1 variable per option. */
export function expandLists(data: Dataset, cat: Catalog, dataFile: string, problems: DataProblemList): Dataset {
  let out = data;
  for (const q of cat.questions.values()) {
    if (!q.list || !out.has(q.list.variable)) continue;
    const col = out.column(q.list.variable);
    const n = out.nrow;
    const chosen: (Set<number> | null)[] = new Array(n);
    const unknown = new Map<string, { count: number; first: number }>();
    for (let i = 0; i < n; i++) {
      let text: string;
      if (col.type === 'string') text = out.isMissing(q.list.variable, i) ? '' : out.strings(q.list.variable)[i];
      else {
        const v = out.validNumbers(q.list.variable)[i];
        text = Number.isNaN(v) ? '' : String(v);
      }
      text = text.trim();
      if (text === '') {
        chosen[i] = null;
        continue;
      }
      const codes = new Set<number>();
      for (const part of text.split(/[;,\s]+/)) {
        if (part === '') continue;
        const c = Number(part);
        if (!Number.isFinite(c) || !q.list.codes.includes(c)) {
          const u = unknown.get(part);
          if (u) u.count++;
          else unknown.set(part, { count: 1, first: i + 1 });
          continue;
        }
        codes.add(c);
      }
      chosen[i] = codes;
    }
    for (const [part, u] of unknown) {
      problems.add(
        `variable "${q.list.variable}" has option "${part}" in ${u.count} row(s) (first: data row ${u.first}), which question "${q.id}" does not declare (codes: ${q.list.codes.join(', ')})`,
        dataFile,
        q.list.variable,
      );
    }
    for (const code of q.list.codes) {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = chosen[i] === null ? NaN : chosen[i]!.has(code) ? 1 : 0;
      out = out.withColumn(numericColumn(listOptionVariable(q.list.variable, code), v, { label: q.itemLabels[q.list.codes.indexOf(code)] }));
    }
  }
  return out;
}

/** Compute the derived variables in spec order (later ones may use earlier ones). */
export function addDerived(data: Dataset, loaded: LoadedSpec, cat: Catalog, dataFile: string, problems: DataProblemList): Dataset {
  let out = data;
  (loaded.spec.derived ?? []).forEach((d, di) => {
    try {
      if (d.type === 'coded') for (const c of codedThemeColumns(out, d, loaded, cat, dataFile)) out = out.withColumn(c);
      else out = out.withColumn(derive(out, d, loaded, cat, dataFile, di));
    } catch (e) {
      // a derived variable that cannot be computed is reported with the other problems
      // (a coding file's problem too: it names its own file)
      if (e instanceof DataCheckError) problems.problems.push(e);
      else if (e instanceof SpiegelError) problems.problems.push(new DataCheckError(`derived variable "${d.id}" (${where(loaded, ['derived', di])}): ${e.message}`, dataFile, d.id));
      else throw e;
    }
  });
  return out;
}

function derive(data: Dataset, d: DerivedSpec, loaded: LoadedSpec, cat: Catalog, dataFile: string, di: number) {
  const n = data.nrow;
  const v = new Float64Array(n).fill(NaN);
  const need = (name: string): Float64Array => {
    const varName = variableOf(cat, name);
    if (!data.has(varName)) {
      throw new DataCheckError(`derived variable "${d.id}" (${where(loaded, ['derived', di])}) needs variable "${varName}", which ${dataFile} does not have`, dataFile, varName);
    }
    return data.validNumbers(varName);
  };
  const labels = (cat.variables.get(d.id)?.categories ?? []).map((c) => [c.code, c.label] as const);
  switch (d.type) {
    case 'recode': {
      const from = need(d.from);
      const map = new Map(Object.entries(d.map).map(([k, x]) => [Number(k), x]));
      for (let i = 0; i < n; i++) {
        const x = from[i];
        if (Number.isNaN(x)) continue;
        const m = map.get(x);
        v[i] = m !== undefined ? m : d.else === 'copy' ? x : typeof d.else === 'number' ? d.else : NaN;
      }
      return categoricalColumn(d.id, v, { label: d.label ?? null, valueLabels: labels });
    }
    case 'collapse': {
      const from = need(d.from);
      const groups = cat.collapse(d.groups) ?? [];
      const map = new Map<number, number>();
      groups.forEach((g, gi) => g.codes.forEach((c) => map.set(c, g.code ?? gi + 1)));
      for (let i = 0; i < n; i++) v[i] = map.get(from[i]) ?? NaN;
      return categoricalColumn(d.id, v, { label: d.label ?? null, valueLabels: labels, ordered: true });
    }
    case 'buckets': {
      const from = need(d.from);
      for (let i = 0; i < n; i++) {
        const x = from[i];
        if (Number.isNaN(x)) continue;
        const k = d.buckets.findIndex((b) => (b.min === undefined || x >= b.min) && (b.max === undefined || x <= b.max) && (b.below === undefined || x < b.below));
        if (k >= 0) v[i] = d.buckets[k].code ?? k + 1;
      }
      return categoricalColumn(d.id, v, { label: d.label ?? null, valueLabels: labels, ordered: true });
    }
    case 'count': {
      const q = cat.questions.get(d.of)!;
      const cols = q.variables.map((name) => need(name));
      for (let i = 0; i < n; i++) {
        let any = false;
        let c = 0;
        for (const col of cols) {
          if (Number.isNaN(col[i])) continue;
          any = true;
          if (col[i] > 0) c++;
        }
        v[i] = any ? c : NaN;
      }
      return numericColumn(d.id, v, { label: d.label ?? null });
    }
    case 'expression': {
      const e = parseExpression(d.condition);
      const row = rowLookup(data, cat, [e], need);
      for (let i = 0; i < n; i++) v[i] = evaluate(e, row(i)) ? 1 : 0;
      return categoricalColumn(d.id, v, { label: d.label ?? null, valueLabels: labels });
    }
    case 'backcode': {
      const from = need(d.from);
      const cats = cat.variables.get(d.id)?.categories ?? [];
      const movable = new Set(d.codes ?? cats.filter((c) => c.special === 'other').map((c) => c.code));
      for (let i = 0; i < n; i++) v[i] = from[i];
      if (d.moves !== undefined) applyMoves(data, d, loaded, cat, dataFile, from, movable, v);
      const rules = (d.rules ?? []).map((r) => ({ code: r.code, when: parseExpression(r.when) }));
      if (rules.length > 0) {
        const row = rowLookup(data, cat, rules.map((r) => r.when), need);
        for (let i = 0; i < n; i++) {
          if (!movable.has(v[i])) continue;
          const lookup = row(i);
          const rule = rules.find((r) => evaluate(r.when, lookup));
          if (rule) v[i] = rule.code;
        }
      }
      return categoricalColumn(d.id, v, { label: d.label ?? null, valueLabels: labels });
    }
    case 'coded':
      throw new Error('coded variables are added by addDerived');
  }
}

/** Moves made while coding: each names a respondent whose answer is still in a movable category. */
function applyMoves(data: Dataset, d: Extract<DerivedSpec, { type: 'backcode' }>, loaded: LoadedSpec, cat: Catalog, dataFile: string, from: Float64Array, movable: ReadonlySet<number>, v: Float64Array): void {
  const { moves, file } = readMoves(d, loaded);
  const codes = new Set((cat.variables.get(d.id)?.categories ?? []).map((c) => c.code));
  const rowOf = new Map<string, number>();
  unitKeys(data, cat, d.unit!, dataFile).forEach((k, i) => {
    if (k !== null) rowOf.set(k, i);
  });
  const problems: string[] = [];
  for (const m of moves) {
    const i = rowOf.get(m.unit);
    if (i === undefined) problems.push(`unit "${m.unit}" is not a respondent of ${dataFile}`);
    else if (!codes.has(m.to)) problems.push(`unit "${m.unit}": ${m.to} is not a category of "${d.from}"`);
    else if (!movable.has(from[i])) problems.push(`unit "${m.unit}" answered ${Number.isNaN(from[i]) ? 'nothing' : from[i]}, not a category that may be back-coded; the move no longer fits the data`);
    else v[i] = m.to;
  }
  if (problems.length > 0) throw new InvalidInputError(problems.slice(0, 20).join('\n'), { file });
}

/**
 * Values of the variables that expressions refer to, per row: numbers, or text for string
 * columns (an "Anders, namelijk" text); missing and empty text read as null.
 */
function rowLookup(data: Dataset, cat: Catalog, exprs: readonly Expr[], need: (name: string) => Float64Array): (i: number) => (name: string) => number | string | null {
  const names = [...new Set(exprs.flatMap((e) => referencedNames(e).map((r) => variableOf(cat, r.name))))];
  const cols = new Map(names.map((name) => [name, data.has(name) && data.column(name).type === 'string' ? null : need(name)]));
  const strs = new Map(names.filter((name) => cols.get(name) === null).map((name) => [name, data.strings(name)]));
  return (i) => (name) => {
    const key = variableOf(cat, name);
    const c = cols.get(key);
    if (c) return c[i];
    const s = strs.get(key)?.[i];
    return s === undefined || s === '' ? null : s;
  };
}

/**
 * Every variable of a question asked in this wave must be in the data, hold only declared
 * codes, and be empty for respondents the routing did not ask.
 */
/** Without a `problems` list the problems found are thrown at once (DataProblems). */
export function checkWaveData(data: Dataset, loaded: LoadedSpec, cat: Catalog, year: number, dataFile: string, problems?: DataProblemList): void {
  const list = problems ?? new DataProblemList();
  collectWaveDataProblems(data, loaded, cat, year, dataFile, list);
  if (problems === undefined) list.done();
}

function collectWaveDataProblems(data: Dataset, loaded: LoadedSpec, cat: Catalog, year: number, dataFile: string, problems: DataProblemList): void {
  for (const q of cat.questions.values()) {
    if (q.waves && !q.waves.includes(year)) continue;
    if (q.type === 'derived') continue;
    for (const name of q.variables) {
      if (!data.has(name)) {
        problems.add(
          `${q.type === 'background' || q.path[0] === 'background' ? 'background variable' : 'question'} "${q.id}" (${where(loaded, q.path)}) needs variable "${name}", which the data file does not have` +
            ` (if the question was not asked in ${year}, list the waves it was asked in under "waves")`,
          dataFile,
          name,
        );
        continue;
      }
      const info = cat.variables.get(name);
      if (!info) continue;
      const col = data.column(name);
      if (col.type === 'string') {
        if (info.role === 'open' || info.role === 'otherText') continue;
        problems.add(`variable "${name}" of question "${q.id}" (${where(loaded, info.path)}) holds text, but a ${info.role} question needs numeric codes`, dataFile, name);
        continue;
      }
      const values = data.validNumbers(name);
      let allowed: ((x: number) => boolean) | null = null;
      let what = '';
      if (info.categories && info.categories.length > 0) {
        const codes = new Set(info.categories.map((c) => c.code));
        allowed = (x) => codes.has(x);
        what = `codes: ${[...codes].join(', ')}`;
      } else if (info.role === 'rating') {
        const [lo, hi] = q.range ?? [1, 10];
        allowed = (x) => x >= lo && x <= hi && Number.isInteger(x);
        what = `a whole number from ${lo} to ${hi}`;
      } else if (info.role === 'option' && q.path[0] === 'questions') {
        allowed = (x) => x === 0 || x === 1;
        what = '0 (not chosen) or 1 (chosen)';
      }
      if (allowed) {
        const bad = new Map<number, { count: number; first: number }>();
        for (let i = 0; i < values.length; i++) {
          const x = values[i];
          if (Number.isNaN(x) || allowed(x)) continue;
          const b = bad.get(x);
          if (b) b.count++;
          else bad.set(x, { count: 1, first: i + 1 });
        }
        for (const [code, b] of bad) {
          problems.add(
            `variable "${name}" has code ${code} in ${b.count} row(s) (first: data row ${b.first}), which the spec does not know for question "${q.id}" (${where(loaded, info.path)}; ${what})`,
            dataFile,
            name,
          );
        }
      }
    }
  }
}

/** Answers from respondents whom the routing did not ask: the spec or the data is wrong. */
/** Without a `problems` list the problems found are thrown at once (DataProblems). */
export function checkRouting(data: Dataset, loaded: LoadedSpec, cat: Catalog, year: number, dataFile: string, problems?: DataProblemList): void {
  const list = problems ?? new DataProblemList();
  collectRoutingProblems(data, loaded, cat, year, dataFile, list);
  if (problems === undefined) list.done();
}

function collectRoutingProblems(data: Dataset, loaded: LoadedSpec, cat: Catalog, year: number, dataFile: string, problems: DataProblemList): void {
  const nums = new Map<string, Float64Array>();
  const strs = new Map<string, readonly string[]>();
  const getter = (v: string): ((i: number) => number | string | null) => {
    if (!data.has(v)) return () => null;
    if (data.column(v).type === 'string') {
      let s = strs.get(v);
      if (!s) strs.set(v, (s = data.strings(v)));
      const arr = s;
      return (i) => (data.isMissing(v, i) || arr[i] === '' ? null : arr[i]);
    }
    let x = nums.get(v);
    if (!x) nums.set(v, (x = data.validNumbers(v)));
    const arr = x;
    return (i) => arr[i];
  };
  const getters = new Map<string, (i: number) => number | string | null>();
  const lookupFor = (i: number) => (name: string): number | string | null => {
    let g = getters.get(name);
    if (!g) getters.set(name, (g = getter(variableOf(cat, name))));
    return g(i);
  };
  const reported = new Set<string>();
  for (const q of cat.questions.values()) {
    if (q.waves && !q.waves.includes(year)) continue;
    for (const name of q.variables) {
      const info = cat.variables.get(name);
      const conds = [q.askedIf, info?.askedIf].filter((c): c is string => c !== undefined);
      if (conds.length === 0 || !data.has(name)) continue;
      const exprs = conds.map((c) => parseExpression(c));
      // routing on a variable the data lacks cannot be checked (nor applied): say so
      const absent = [...new Set(exprs.flatMap((e) => referencedNames(e).map((r) => r.name)))].filter((r) => !data.has(variableOf(cat, r)));
      if (absent.length > 0) {
        const key = `${q.id}\u0000${conds.join('\u0000')}`;
        if (reported.has(key)) continue;
        reported.add(key);
        problems.add(
          `the routing of question "${q.id}" (askedIf: ${conds.join(' and ')}; ${where(loaded, [...q.path, 'askedIf'])}) refers to ${absent.map((r) => `"${r}"`).join(', ')}, which the data file does not have`,
          dataFile,
          name,
        );
        continue;
      }
      const self = getter(name);
      let count = 0;
      let first = -1;
      for (let i = 0; i < data.nrow; i++) {
        if (self(i) === null || (typeof self(i) === 'number' && Number.isNaN(self(i) as number))) continue;
        const lookup = lookupFor(i);
        if (exprs.every((e) => evaluate(e, lookup))) continue;
        count++;
        if (first < 0) first = i + 1;
      }
      if (count > 0) {
        problems.add(
          `variable "${name}" is answered in ${count} row(s) (first: data row ${first}) that the routing of question "${q.id}" does not ask (askedIf: ${conds.join(' and ')}; ${where(loaded, [...q.path, 'askedIf'])})`,
          dataFile,
          name,
        );
      }
    }
  }
}

/** List expansion, derived variables and the data checks of one wave; every problem is collected. */
export function prepareWaveData(data: Dataset, loaded: LoadedSpec, cat: Catalog, year: number, dataFile: string, problems: DataProblemList): Dataset {
  let d = expandLists(data, cat, dataFile, problems);
  d = addDerived(d, loaded, cat, dataFile, problems);
  checkWaveData(d, loaded, cat, year, dataFile, problems);
  checkRouting(d, loaded, cat, year, dataFile, problems);
  return d;
}

export { InvalidInputError };
