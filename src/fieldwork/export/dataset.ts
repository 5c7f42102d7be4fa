/**
 * A wave's responses as the analysis file `spiegel report` reads: one row per respondent
 * (complete responses, and break-offs that reached `fieldwork.partialThreshold` of the pages they
 * were routed to), never a test response, never contact data or a participant id.
 *
 * Per variable of a question asked in the wave:
 * - the answer, when the routing asks it (routing evaluated on the exported row itself, so the
 *   file always passes the routing check of `spiegel report`);
 * - system-missing when the routing does not ask it (also when an answer was stored);
 * - user-missing code SKIPPED ("asked but not answered") when it was asked and left empty, or
 *   when a complete response has no answer for it;
 * - user-missing code NOT_REACHED when a partial response stopped before it.
 * Text variables have no user-missing codes: there, both are an empty text.
 *
 * The two codes are -1 and -2, or the first pair of (-7, -8), (-97, -98), (-997, -998), ... that
 * is no answer code, inside no range and no stored number of any exported variable.
 */
import { categoricalColumn, type Column, numericColumn, stringColumn } from '../../data/column.js';
import { Dataset } from '../../data/dataset.js';
import { evaluate } from '../../spec/expression.js';
import { variableOf } from '../../spec/catalog.js';
import type { StudySpec } from '../../spec/schema.js';
import type { ExportRow } from '../store/types.js';
import type { AnswerValue } from '../types.js';
import { type ExportPlan, type ExportVariable, exportPlan } from './plan.js';
import { RESPONDENT_KEY } from './respondent-key.js';

export interface ExportOptions {
  readonly wave: number;
  /** Share of asked pages a break-off must have answered to be exported (fieldwork.partialThreshold). */
  readonly partialThreshold: number;
  /** Sample columns exported as register variables (fieldwork.registerColumns). */
  readonly registerColumns: readonly string[];
  /** The stable key of a response (./respondent-key.ts): exported as `respondent_key` when given. */
  readonly respondentKey?: (responseId: string) => string;
}

export interface ExportResult {
  readonly data: Dataset;
  readonly complete: number;
  readonly partial: number;
  /** Break-offs below the threshold, left out. */
  readonly leftOut: number;
  readonly missingCodes: { readonly skipped: number; readonly notReached: number };
  /** Background variables exported empty because no register column holds them. */
  readonly emptyBackground: readonly string[];
}

/** AAPOR Standard Definitions disposition codes: 1.1 complete, 1.2 partial. */
export const DISPOSITION_COMPLETE = 1.1;
export const DISPOSITION_PARTIAL = 1.2;

type Value = number | string | null;

export function exportDataset(spec: StudySpec, rows: readonly ExportRow[], options: ExportOptions): ExportResult {
  const plan = exportPlan(spec, options.wave);
  const nl = spec.study.locale.startsWith('nl');
  const codes = missingCodes(plan, rows);
  const kept: { row: Map<string, Value>; register: Readonly<Record<string, string>>; complete: boolean; id: string }[] = [];
  let leftOut = 0;
  for (const r of rows) {
    const { row, as } = classify(plan, r, codes, options.partialThreshold);
    if (as === 'left-out') {
      leftOut++;
      continue;
    }
    kept.push({ row, register: r.register, complete: as === 'complete', id: r.response.id });
  }

  const n = kept.length;
  const columns: Column[] = [];
  const taken = new Set([...plan.questions, ...plan.background].map((v) => v.name));
  const idName = taken.has('id') ? 'respondent_id' : 'id';
  columns.push(numericColumn(idName, Float64Array.from({ length: n }, (_, i) => i + 1), { label: nl ? 'Volgnummer respondent' : 'Respondent number', format: 'F8.0', measure: 'nominal' }));
  const keyOf = options.respondentKey;
  if (keyOf !== undefined && !taken.has(RESPONDENT_KEY)) {
    columns.push(stringColumn(RESPONDENT_KEY, kept.map((k) => keyOf(k.id)), { label: nl ? 'Vaste sleutel respondent (blijft gelijk bij een nieuwe export)' : 'Stable respondent key (the same in every export)' }));
  }

  const register = new Set(options.registerColumns);
  const emptyBackground: string[] = [];
  for (const v of plan.background) {
    if (!register.has(v.name)) emptyBackground.push(v.name);
    columns.push(registerColumn(v.name, v, kept.map((k) => k.register[v.name] ?? ''), nl));
  }
  for (const name of options.registerColumns) {
    if (plan.background.some((v) => v.name === name) || taken.has(name)) continue;
    columns.push(registerColumn(name, undefined, kept.map((k) => k.register[name] ?? ''), nl));
  }
  for (const v of plan.questions) columns.push(answerColumn(v, kept.map((k) => k.row.get(v.name) ?? null), codes, nl));
  columns.push(
    categoricalColumn('disposition', Float64Array.from(kept, (k) => (k.complete ? DISPOSITION_COMPLETE : DISPOSITION_PARTIAL)), {
      label: nl ? 'Respons (AAPOR-dispositie)' : 'Response (AAPOR disposition)',
      format: 'F3.1',
      valueLabels: [
        [DISPOSITION_COMPLETE, nl ? 'Volledig ingevuld (I)' : 'Complete (I)'],
        [DISPOSITION_PARTIAL, nl ? 'Gedeeltelijk ingevuld (P)' : 'Partial (P)'],
      ],
    }),
  );
  const complete = kept.filter((k) => k.complete).length;
  return { data: new Dataset(columns), complete, partial: n - complete, leftOut, missingCodes: codes, emptyBackground };
}

/** How the export treats a response: complete, partial (a break-off at or above the threshold) or left out. */
export type ExportedAs = 'complete' | 'partial' | 'left-out';

/**
 * What the export does with each of these rows (in their order), by the same rule as
 * exportDataset: for the dispositions of `spiegel field status` and the report's response counts.
 * Pass every row of the store (`exportRows()`): the missing codes, and so the routing, depend on all.
 */
export function exportedAs(spec: StudySpec, rows: readonly ExportRow[], options: Pick<ExportOptions, 'wave' | 'partialThreshold'>): ExportedAs[] {
  const plan = exportPlan(spec, options.wave);
  const codes = missingCodes(plan, rows);
  return rows.map((r) => classify(plan, r, codes, options.partialThreshold).as);
}

function classify(plan: ExportPlan, r: ExportRow, codes: ExportResult['missingCodes'], threshold: number): { row: Map<string, Value>; as: ExportedAs } {
  const complete = r.response.status === 'complete';
  const skipped = new Set(r.response.skipped);
  const row = exportRow(plan, r.response.answers, skipped, complete, codes);
  if (complete) return { row, as: 'complete' };
  return { row, as: reachedShare(plan, r.response.answers, skipped, row) >= threshold ? 'partial' : 'left-out' };
}

/** One respondent's exported values, with routing applied until it no longer changes anything. */
function exportRow(plan: ExportPlan, answers: Readonly<Record<string, AnswerValue>>, skipped: ReadonlySet<string>, complete: boolean, codes: ExportResult['missingCodes']): Map<string, Value> {
  const given = new Map<string, Value>();
  for (const v of plan.questions) {
    const a = answers[v.name];
    given.set(v.name, a === undefined ? null : Array.isArray(a) ? a.join(';') : (a as number | string));
  }
  let row = new Map(given);
  // Routing refers to answers; dropping an answer a routing does not ask can change other routings. Repeat to a fixed point.
  for (let pass = 0; pass < plan.questions.length + 1; pass++) {
    const lookup = (name: string): Value => row.get(variableOf(plan.catalog, name)) ?? null;
    const next = new Map<string, Value>();
    for (const v of plan.questions) {
      const asked = v.routing.every((e) => evaluate(e, lookup));
      next.set(v.name, asked ? given.get(v.name) ?? null : null);
    }
    const same = [...next].every(([k, x]) => row.get(k) === x);
    row = next;
    if (same) break;
  }
  // Asked but without an answer: skipped, or not reached when a break-off stopped before it.
  const lookup = (name: string): Value => row.get(variableOf(plan.catalog, name)) ?? null;
  const answeredOptions = new Set(plan.questions.filter((v) => v.kind === 'option' && typeof row.get(v.name) === 'number').map((v) => v.owner));
  for (const v of plan.questions) {
    if (row.get(v.name) !== null || v.kind === 'text' || v.kind === 'list') continue;
    if (!v.routing.every((e) => evaluate(e, lookup))) continue;
    // An option left unticked on a multiple-response question that was answered: not chosen.
    if (v.kind === 'option' && answeredOptions.has(v.owner)) {
      row.set(v.name, 0);
      continue;
    }
    row.set(v.name, skipped.has(v.name) || complete ? codes.skipped : codes.notReached);
  }
  return row;
}

/** Share of the pages the routing asked of this respondent on which something was answered or skipped. */
function reachedShare(plan: ExportPlan, answers: Readonly<Record<string, AnswerValue>>, skipped: ReadonlySet<string>, row: ReadonlyMap<string, Value>): number {
  const lookup = (name: string): Value => {
    const v = row.get(variableOf(plan.catalog, name));
    return v === undefined ? null : v;
  };
  const byOwner = new Map<string, ExportVariable[]>();
  for (const v of plan.questions) byOwner.set(v.owner, [...(byOwner.get(v.owner) ?? []), v]);
  let asked = 0;
  let reached = 0;
  for (const page of plan.pages) {
    const vars = page.flatMap((id) => byOwner.get(id) ?? []).filter((v) => v.routing.every((e) => evaluate(e, lookup)));
    if (vars.length === 0) continue;
    asked++;
    if (vars.some((v) => answers[v.name] !== undefined || skipped.has(v.name))) reached++;
  }
  return asked === 0 ? 0 : reached / asked;
}

function missingCodes(plan: ExportPlan, rows: readonly ExportRow[]): ExportResult['missingCodes'] {
  const used = (x: number): boolean =>
    plan.questions.some(
      (v) =>
        (v.categories?.some((c) => c.code === x) ?? false) ||
        (v.range !== undefined && x >= v.range[0] && x <= v.range[1]) ||
        rows.some((r) => r.response.answers[v.name] === x),
    );
  for (const base of [1, 7, 97, 997, 9997, 99997]) {
    const pair = base === 1 ? [-1, -2] : [-base, -(base + 1)];
    if (!used(pair[0]) && !used(pair[1])) return { skipped: pair[0], notReached: pair[1] };
  }
  return { skipped: -999999997, notReached: -999999998 };
}

function answerColumn(v: ExportVariable, values: readonly Value[], codes: ExportResult['missingCodes'], nl: boolean): Column {
  if (v.kind === 'text' || v.kind === 'list') {
    return stringColumn(v.name, values.map((x) => (x === null ? '' : String(x))), { label: v.label });
  }
  const missingLabels: [number, string][] = [
    [codes.skipped, nl ? 'Gevraagd, niet beantwoord' : 'Asked, not answered'],
    [codes.notReached, nl ? 'Niet bereikt (eerder gestopt)' : 'Not reached (stopped earlier)'],
  ];
  const nums = Float64Array.from(values, (x) => (x === null ? NaN : typeof x === 'number' ? x : Number(x)));
  const missing = { values: [codes.skipped, codes.notReached], range: null };
  if (v.kind === 'number') return numericColumn(v.name, nums, { label: v.label, missing, valueLabels: missingLabels, measure: v.ordinal ? 'ordinal' : 'scale' });
  const labels: [number, string][] =
    v.kind === 'option' ? [[0, nl ? 'Niet gekozen' : 'Not chosen'], [1, nl ? 'Gekozen' : 'Chosen']] : (v.categories ?? []).map((c) => [c.code, c.label]);
  return categoricalColumn(v.name, nums, { label: v.label, missing, valueLabels: [...labels.map(([c, l]) => [c, spssLabel(l)] as [number, string]), ...missingLabels], ordered: v.ordinal });
}

/** A register column from the sample (text as written there): numeric when every value is a number. */
function registerColumn(name: string, v: ExportVariable | undefined, texts: readonly string[], nl: boolean): Column {
  const label = v?.label ?? name;
  const numeric = v?.kind === 'text' ? false : texts.every((t) => t.trim() === '' || Number.isFinite(Number(t.trim())));
  if (!numeric) return stringColumn(name, texts, { label });
  const nums = Float64Array.from(texts, (t) => (t.trim() === '' ? NaN : Number(t.trim())));
  if (v?.kind === 'code' || v?.kind === 'option') {
    const labels: [number, string][] =
      v.kind === 'option' ? [[0, nl ? 'Niet gekozen' : 'Not chosen'], [1, nl ? 'Gekozen' : 'Chosen']] : (v.categories ?? []).map((c) => [c.code, spssLabel(c.label)]);
    return categoricalColumn(name, nums, { label, valueLabels: labels });
  }
  return numericColumn(name, nums, { label });
}

/** SPSS value labels hold at most 255 bytes: longer labels are cut at a character boundary. */
function spssLabel(label: string): string {
  if (Buffer.byteLength(label, 'utf8') <= 255) return label;
  let out = '';
  for (const ch of label) {
    if (Buffer.byteLength(out + ch + '…', 'utf8') > 255) break;
    out += ch;
  }
  return `${out}…`;
}
