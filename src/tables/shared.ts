/**
 * Helpers shared by the table builders: the questions and items of a table, answer
 * categories after collapsing and excluding special answers, distributions over a domain,
 * subgroup domains, and assembling the finished Table with its N and notes.
 */
import { InvalidInputError, UnknownVariableError } from '../errors.js';
import type { QuestionInfo } from '../spec/catalog.js';
import type { CategorySpec, CollapseGroupSpec, TableSpec } from '../spec/schema.js';
import { hasSuppressed, suppressedCell, type CellRules } from './cells.js';
import type { ResolvedOptions, StudyContext, WaveData } from './context.js';
import { and, askedMask, countMask, hasVariable, indicator, tableFilter, validMask, valuesOf } from './domain.js';
import type { Estimate } from './estimator.js';
import type { Cell, ChartHint, ColumnHead, Row, Table } from './model.js';
import { roundN } from './rounding.js';
import { decide, significanceNote, type PendingTest } from './significance.js';

export interface BuildInput {
  readonly t: TableSpec;
  readonly ti: number;
  readonly ctx: StudyContext;
  readonly o: ResolvedOptions;
}

export type Builder = (input: BuildInput) => Table;

export function rules(o: ResolvedOptions): CellRules {
  return { minBase: o.minBase, rounding: o.rounding, lowBase: o.lowBase };
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

export interface AnswerGroup {
  readonly label: string;
  readonly codes: ReadonlySet<number>;
  readonly special?: CategorySpec['special'];
}

export interface GroupDefaults {
  /** Drop N.v.t. from the base unless the table says otherwise. */
  readonly excludeNotApplicable: boolean;
  /** Collapse applied unless the table gives its own. */
  readonly collapse?: readonly CollapseGroupSpec[] | null;
  readonly reverse?: boolean;
}

/**
 * Columns (or rows) of a categorical variable: categories or collapse groups, without the
 * excluded special answers, reversed for disagree-first scales (special answers stay last).
 */
export function answerGroups(cats: readonly CategorySpec[], o: ResolvedOptions, d: GroupDefaults): AnswerGroup[] {
  const excludeNA = o.excludeNotApplicable ?? d.excludeNotApplicable;
  const excluded = new Set<number>();
  for (const c of cats) {
    if (c.special === 'notApplicable' && excludeNA) excluded.add(c.code);
    if (c.special === 'dontKnow' && !o.showDontKnow) excluded.add(c.code);
  }
  const collapse = o.collapse ?? d.collapse ?? null;
  let groups: AnswerGroup[];
  if (collapse) {
    const covered = new Set<number>();
    groups = collapse
      .map((g) => {
        g.codes.forEach((c) => covered.add(c));
        return { label: g.label, codes: new Set(g.codes.filter((c) => !excluded.has(c))), special: g.special };
      })
      .filter((g) => g.codes.size > 0);
    for (const c of cats) if (!covered.has(c.code) && !excluded.has(c.code)) groups.push({ label: c.label, codes: new Set([c.code]), special: c.special });
  } else {
    groups = cats.filter((c) => !excluded.has(c.code)).map((c) => ({ label: c.label, codes: new Set([c.code]), special: c.special }));
  }
  if (o.reverse || d.reverse) {
    const plain = groups.filter((g) => g.special === undefined || g.special === 'other');
    const special = groups.filter((g) => !(g.special === undefined || g.special === 'other'));
    groups = [...plain.reverse(), ...special];
  }
  return groups;
}

export function codesOf(groups: readonly AnswerGroup[]): Set<number> {
  const s = new Set<number>();
  for (const g of groups) for (const c of g.codes) s.add(c);
  return s;
}

export interface Distribution {
  readonly ests: Estimate[];
  /** Unweighted base (asked ∧ answered one of the groups' codes ∧ domain). */
  readonly n: number;
  readonly weightedN: number;
  /** The base mask. */
  readonly base: Uint8Array;
}

/** Shares of each answer group of `variable` over `domain` ∧ asked ∧ valid. */
export function distribution(input: BuildInput, wave: WaveData, variable: string, groups: readonly AnswerGroup[], domain: Uint8Array): Distribution {
  requireVariable(input, wave, variable);
  const values = valuesOf(input.ctx, wave, variable);
  const base = and(domain, askedMask(input.ctx, wave, variable), tableFilter(input.ctx, wave, input.t.filter), validMask(values, codesOf(groups)));
  const n = countMask(base);
  const est = wave.estimator!;
  const ests = n === 0 ? groups.map(() => ({ estimate: NaN, se: NaN, ci: null, n: 0, weightedN: 0, df: NaN })) : est.proportions(groups.map((g) => indicator(values, g.codes, base)), base);
  return { ests, n, weightedN: ests[0]?.weightedN ?? 0, base };
}

/**
 * `distribution` for several domains (subgroup columns, a leading total): the disjoint
 * subgroup domains in one pass over the data (svyby), the total on its own.
 */
export function distributions(input: BuildInput, wave: WaveData, variable: string, groups: readonly AnswerGroup[], domains: readonly GroupDomain[]): Distribution[] {
  requireVariable(input, wave, variable);
  const values = valuesOf(input.ctx, wave, variable);
  const plain = domains.filter((d) => !d.isTotal);
  const nrow = values.length;
  const g = new Float64Array(nrow).fill(NaN);
  let overlap = false;
  plain.forEach((d, j) => {
    for (let i = 0; i < nrow; i++) {
      if (d.mask[i] === 1) {
        if (!Number.isNaN(g[i])) overlap = true;
        g[i] = j;
      }
    }
  });
  if (overlap || plain.length < 2) return domains.map((d) => distribution(input, wave, variable, groups, d.mask));
  const base0 = and(askedMask(input.ctx, wave, variable), tableFilter(input.ctx, wave, input.t.filter), validMask(values, codesOf(groups)));
  const union = new Uint8Array(nrow);
  for (let i = 0; i < nrow; i++) union[i] = base0[i] === 1 && !Number.isNaN(g[i]) ? 1 : 0;
  const byGroup = wave.estimator!.proportionsBy(groups.map((gr) => indicator(values, gr.codes, union)), union, g, plain.length);
  return domains.map((d) => {
    if (d.isTotal) return distribution(input, wave, variable, groups, d.mask);
    const j = plain.indexOf(d);
    const base = and(base0, d.mask);
    const n = countMask(base);
    return { ests: byGroup[j], n, weightedN: n === 0 ? 0 : byGroup[j][0].weightedN, base };
  });
}

/** Base mask of a variable: domain ∧ asked ∧ table filter ∧ valid (optionally among codes). */
export function baseMask(input: BuildInput, wave: WaveData, variable: string, domain: Uint8Array, codes?: ReadonlySet<number>): Uint8Array {
  requireVariable(input, wave, variable);
  return and(domain, askedMask(input.ctx, wave, variable), tableFilter(input.ctx, wave, input.t.filter), validMask(valuesOf(input.ctx, wave, variable), codes));
}

export interface GroupDomain {
  readonly id: string;
  readonly label: string;
  readonly mask: Uint8Array;
  readonly isTotal: boolean;
  /** Index in the subgroup's group list; -1 for the total. */
  readonly index: number;
}

/** Domains of the table's subgroup split (with a leading total when the subgroup asks for it). */
export function subgroupDomains(input: BuildInput, wave: WaveData, withTotal?: boolean): GroupDomain[] {
  const sub = subgroup(input);
  requireVariable(input, wave, sub.variable);
  const values = valuesOf(input.ctx, wave, sub.variable);
  const out: GroupDomain[] = [];
  if (withTotal ?? sub.total ?? false) out.push({ id: 'total', label: input.ctx.texts.total, mask: allRowsMask(values.length), isTotal: true, index: -1 });
  sub.groups.forEach((g, gi) => {
    const codes = new Set(typeof g.codes === 'number' ? [g.codes] : g.codes);
    out.push({ id: g.id ?? `g${gi + 1}`, label: g.label, mask: validMask(values, codes), isTotal: false, index: gi });
  });
  return out;
}

/**
 * Whether a split table shows a leading "Totaal" column: the table's options.byTotal, else the
 * subgroup's `total`, else the kind's default.
 */
export function splitTotal(input: BuildInput, kindDefault = false): boolean {
  return input.o.byTotal ?? subgroup(input).total ?? kindDefault;
}

function allRowsMask(n: number): Uint8Array {
  return new Uint8Array(n).fill(1);
}

export function subgroup(input: BuildInput) {
  const id = input.o.by;
  const sub = input.ctx.spec.subgroups?.find((s) => s.id === id);
  if (id === undefined || !sub) throw tableError(input, `kind ${input.t.kind} needs options.by (a subgroup)`, 'options');
  return sub;
}

/** The groups compared in significance tests (options.significance.compare, default all). */
export function comparedGroups(input: BuildInput, groups: readonly GroupDomain[]): GroupDomain[] {
  const plain = groups.filter((g) => !g.isTotal);
  const cmp = input.o.compare;
  if (cmp === undefined) return plain;
  return cmp.map((c) => {
    const g = plain.find((x) => x.id === c || x.label === c);
    if (!g) throw tableError(input, `significance.compare names unknown group "${c}" (groups: ${plain.map((x) => x.id).join(', ')})`, 'options');
    return g;
  });
}

/** "kleine en grote gemeenten": the subgroup's contrast label or the compared labels joined. */
export function contrastText(input: BuildInput, compared: readonly GroupDomain[]): string {
  const sub = subgroup(input);
  if (sub.contrastLabel !== undefined && input.o.compare === undefined) return sub.contrastLabel;
  const labels = compared.map((g) => g.label.toLowerCase());
  return labels.length <= 2 ? labels.join(` ${input.ctx.texts.and} `) : `${labels.slice(0, -1).join(', ')} ${input.ctx.texts.and} ${labels[labels.length - 1]}`;
}

/** Group code per row for the compared groups (0, 1, …), NaN elsewhere. */
export function groupCodes(compared: readonly GroupDomain[], nrow: number): Float64Array {
  const out = new Float64Array(nrow).fill(NaN);
  compared.forEach((g, gi) => {
    for (let i = 0; i < nrow; i++) if (g.mask[i] === 1 && Number.isNaN(out[i])) out[i] = gi;
  });
  return out;
}

/**
 * Test one variable across the compared groups: Rao–Scott on the codes (default), or a
 * t-test on `tValues` (a 0/1 indicator or the value itself) when the table asks for it and
 * exactly two groups are compared.
 */
export function subgroupTest(input: BuildInput, wave: WaveData, codes: Float64Array, base: Uint8Array, compared: readonly GroupDomain[], tValues?: Float64Array): number {
  const est = wave.estimator!;
  const g = groupCodes(compared, codes.length);
  const dom = new Uint8Array(base.length);
  for (let i = 0; i < dom.length; i++) dom[i] = base[i] === 1 && !Number.isNaN(g[i]) ? 1 : 0;
  const nPerGroup = compared.map((_, gi) => {
    let n = 0;
    for (let i = 0; i < dom.length; i++) if (dom[i] === 1 && g[i] === gi) n++;
    return n;
  });
  if (nPerGroup.some((n) => n < 2)) return NaN;
  // Everyone gave the same answer (report 6, Tabel 3: "Nooit 0%" in every column): there is no
  // difference to test, and Rao–Scott needs two observed categories, so no mark (p undefined).
  if (tValues === undefined && distinctCount(codes, dom) < 2) return NaN;
  const useT = (input.o.test === 'ttest' || tValues !== undefined) && compared.length === 2;
  if (useT) return est.ttest(tValues ?? codes, g, dom).p;
  return est.raoScott(codes, g, dom).p;
}

/** Number of distinct non-missing values of `values` within `mask` (stops at 2). */
function distinctCount(values: Float64Array, mask: Uint8Array): number {
  let first = NaN;
  for (let i = 0; i < values.length; i++) {
    if (mask[i] !== 1 || Number.isNaN(values[i])) continue;
    if (Number.isNaN(first)) first = values[i];
    else if (values[i] !== first) return 2;
  }
  return Number.isNaN(first) ? 0 : 1;
}

export interface TableParts {
  readonly columns: readonly ColumnHead[];
  readonly rows: readonly Row[];
  readonly nBase: number | null;
  readonly stubHead?: string;
  readonly chart: ChartHint;
  readonly notes?: readonly string[];
  readonly tests?: readonly PendingTest[];
  /** "kleine en grote gemeenten" for the significance note. */
  readonly between?: string;
  /**
   * The significance notes for the tests found significant, replacing the default "Significant
   * verschil … tussen …" (a trend table says the direction); the spec's own `note` still wins.
   */
  readonly significanceNotes?: (significant: readonly PendingTest[]) => readonly string[];
  /**
   * Notes about the tests themselves (method, rows not tested), printed after the significance
   * note; a function so that it reads row labels after the spec's `rowLabels` replaced them.
   */
  readonly testNotes?: () => readonly string[];
}

/**
 * Assemble a Table: rounded N, the table's own notes, significance and suppression notes.
 * Disclosure control at table level: a table whose (unrounded) base is under the minimum shows
 * no number at all, only its N, with a note; cell-level suppression is done by the cells.
 */
export function finish(input: BuildInput, parts: TableParts): Table {
  const { t, ctx, o } = input;
  const p = relabel(input, parts);
  const notes: string[] = [...(p.notes ?? [])];
  if (p.nBase !== null && p.nBase > 0 && p.nBase < o.minBase) {
    const rows = p.rows.map((r) => ({ ...r, cells: r.cells.map((c) => (c.format === 'text' ? c : suppressedCell(c.format, p.nBase ?? 0))) }));
    return {
      id: t.id,
      number: t.number,
      title: titleOf(t),
      ...(t.footnoteMark !== undefined ? { footnoteMark: t.footnoteMark } : {}),
      nShown: o.showN ? roundN(p.nBase, o.nRounding) : null,
      question: t.question,
      kind: t.kind,
      stubHead: p.stubHead ?? '',
      columns: p.columns,
      rows,
      notes: [ctx.texts.tableSuppressed(o.minBase), ...(t.notes ?? [])],
      chart: 'none',
    };
  }
  if (p.tests && p.tests.length > 0) {
    const d = decide(ctx, p.tests, o);
    if (d.significant > 0) {
      if (p.significanceNotes !== undefined && o.significanceNote === undefined) notes.push(...p.significanceNotes(d.significantTests));
      else notes.push(significanceNote(ctx, o, p.between ?? ''));
    }
  }
  if (p.testNotes !== undefined) notes.push(...p.testNotes());
  const suppressed = p.rows.some((r) => hasSuppressed(r.cells));
  if (suppressed) notes.push(ctx.texts.suppressedNote(o.minBase));
  notes.push(...(t.notes ?? []));
  return {
    id: t.id,
    number: t.number,
    title: titleOf(t),
    ...(t.footnoteMark !== undefined ? { footnoteMark: t.footnoteMark } : {}),
    nShown: p.nBase === null || !o.showN ? null : roundN(p.nBase, o.nRounding),
    question: t.question,
    kind: t.kind,
    stubHead: p.stubHead ?? '',
    columns: p.columns,
    rows: p.rows,
    notes,
    chart: o.chart ?? p.chart,
    ...(o.chart !== undefined ? { chartAsked: true } : {}),
  };
}

/** The title as printed: the spec's title with its footnote marker ("…werk1)"). */
export function titleOf(t: TableSpec): string {
  return t.footnoteMark === undefined ? t.title : `${t.title}${t.footnoteMark}`;
}

/**
 * The spec's own header texts (stubHead, columnLabels, rowLabels, options.totalLabel) replace the
 * computed ones. Heads and rows are relabelled in place, before significance marks are appended.
 */
function relabel(input: BuildInput, p: TableParts): TableParts {
  const { t } = input;
  const labels = t.columnLabels ?? [];
  if (labels.length > 0 && labels.length !== p.columns.length) {
    throw tableError(input, `has ${p.columns.length} columns but ${labels.length} columnLabels`, 'columnLabels');
  }
  labels.forEach((l, i) => ((p.columns[i] as { label: string }).label = l));
  // rows are relabelled in place too: pending significance marks append to these objects
  const dataRows = p.rows.filter((r) => r.role === 'data');
  const rowLabels = t.rowLabels ?? [];
  if (rowLabels.length > 0 && rowLabels.length !== dataRows.length) {
    throw tableError(input, `has ${dataRows.length} data rows but ${rowLabels.length} rowLabels`, 'rowLabels');
  }
  rowLabels.forEach((l, i) => ((dataRows[i] as { label: string }).label = l));
  const totalLabel = input.o.totalLabel;
  if (totalLabel !== undefined) for (const r of p.rows) if (r.role === 'total') (r as { label: string }).label = totalLabel;
  return t.stubHead === undefined ? p : { ...p, stubHead: t.stubHead };
}

/** Mutable row used while significance marks may still be added. */
export interface DraftRow {
  label: string;
  role: Row['role'];
  indent?: number;
  cells: Cell[];
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
  return out;
}

/**
 * "Niet gevraagd" when the routing asked nobody in this domain (a subgroup that did not get the
 * question, as report 3 prints), else null.
 */
export function notAskedCell(input: BuildInput, wave: WaveData, variable: string, domain: Uint8Array): Cell | null {
  const asked = and(domain, askedMask(input.ctx, wave, variable), tableFilter(input.ctx, wave, input.t.filter));
  for (let i = 0; i < asked.length; i++) if (asked[i] === 1) return null;
  return { format: 'text', estimate: null, shown: null, decimals: 0, se: null, ci: null, n: 0, weightedN: null, flags: ['notAsked'], text: input.ctx.texts.notAsked };
}

/** Union of masks' counts: respondents in any of them. */
export function unionCount(masks: readonly Uint8Array[]): number {
  if (masks.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < masks[0].length; i++) {
    for (const m of masks) {
      if (m[i] === 1) {
        n++;
        break;
      }
    }
  }
  return n;
}

/** Column heads of answer groups. */
export function groupColumns(groups: readonly AnswerGroup[], group?: string, n?: number): ColumnHead[] {
  return groups.map((g) => ({ label: g.label, ...(group !== undefined ? { group } : {}), ...(n !== undefined ? { n } : {}) }));
}
