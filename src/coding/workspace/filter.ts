/**
 * The filtered list of a coding screen: answers of one question by text (accents and case do
 * not matter), by subgroup and by coding status, one page at a time. Everything is in memory: a
 * question has at most some tens of thousands of answers (bench/coding.bench.ts measures it).
 */
import type { StoredCoding } from '../../fieldwork/store/codings.js';
import type { CodingRow } from '../codings-csv.js';
import { finalCodings, FINAL_CODER, type FinalCoding } from '../final.js';
import type { CodingQuestion, OpenAnswer } from './questions.js';

export type CodingStatus = 'all' | 'todo' | 'mine' | 'disagree' | 'final';

export interface AnswerFilter {
  /** Words that must all occur in the answer (folded: "een" finds "één"). */
  readonly text?: string;
  /** Background variable and label value. */
  readonly group?: { readonly variable: string; readonly value: string };
  /** todo: not coded by this coder; mine: coded by this coder; disagree: coders differ and no final coding; final: resolved. */
  readonly status?: CodingStatus;
}

export interface ListedAnswer {
  readonly answer: OpenAnswer;
  /** This coder's codes (undefined: not coded by them). */
  readonly mine?: readonly string[];
  readonly final: FinalCoding | undefined;
  /** Coders who coded the answer. */
  readonly coders: readonly string[];
}

export interface AnswerPage {
  readonly items: readonly ListedAnswer[];
  /** Answers that pass the filter, over all pages. */
  readonly total: number;
  readonly page: number;
  readonly pages: number;
}

export function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

const foldedCache = new WeakMap<CodingQuestion, readonly string[]>();
function foldedTexts(q: CodingQuestion): readonly string[] {
  let f = foldedCache.get(q);
  if (f === undefined) foldedCache.set(q, (f = q.answers.map((a) => fold(a.text))));
  return f;
}

/** Codings of one question by unit: coder → codes. */
export function codingsByUnit(codings: readonly StoredCoding[]): Map<string, Map<string, readonly string[]>> {
  const out = new Map<string, Map<string, readonly string[]>>();
  for (const c of codings) {
    let m = out.get(c.unit);
    if (m === undefined) out.set(c.unit, (m = new Map()));
    m.set(c.coder, c.codes);
  }
  return out;
}

/** Stored codings as the rows of a codings file (one row per code; an empty code for "none applies"). */
export function codingRows(codings: readonly StoredCoding[]): CodingRow[] {
  return codings.flatMap((c) => (c.codes.length === 0 ? [{ unit: c.unit, coder: c.coder, code: '' }] : c.codes.map((code) => ({ unit: c.unit, coder: c.coder, code }))));
}

/** The codings of a question arranged for listing: computed once per change of the codings. */
export interface CodingView {
  readonly codings: readonly StoredCoding[];
  readonly byUnit: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  readonly finals: ReadonlyMap<string, FinalCoding>;
  /** The stored codings of each answer (every coder), with their revisions. */
  readonly storedByUnit: ReadonlyMap<string, readonly StoredCoding[]>;
}

export function codingView(codings: readonly StoredCoding[]): CodingView {
  const storedByUnit = new Map<string, StoredCoding[]>();
  for (const c of codings) (storedByUnit.get(c.unit) ?? storedByUnit.set(c.unit, []).get(c.unit)!).push(c);
  return { codings, byUnit: codingsByUnit(codings), finals: finalCodings(codingRows(codings)), storedByUnit };
}

const unitIndexes = new WeakMap<CodingQuestion, ReadonlyMap<string, number>>();

/** Position of an answer in its question by unit (-1: no such answer). */
export function answerIndex(q: CodingQuestion, unit: string): number {
  let m = unitIndexes.get(q);
  if (m === undefined) unitIndexes.set(q, (m = new Map(q.answers.map((a, i) => [a.unit, i]))));
  return m.get(unit) ?? -1;
}

/** Answers (indices) of a question with a status for a coder, kept per arranged view: a new view comes with every change. */
const statusCache = new WeakMap<CodingView, WeakMap<CodingQuestion, Map<string, readonly number[]>>>();

function withStatus(q: CodingQuestion, view: CodingView, coder: string, status: Exclude<CodingStatus, 'all'>): readonly number[] {
  let byQuestion = statusCache.get(view);
  if (byQuestion === undefined) statusCache.set(view, (byQuestion = new WeakMap()));
  let byKey = byQuestion.get(q);
  if (byKey === undefined) byQuestion.set(q, (byKey = new Map()));
  const key = status === 'todo' || status === 'mine' ? `${status}\u0000${coder}` : status;
  const cached = byKey.get(key);
  if (cached !== undefined) return cached;
  const { byUnit, finals } = view;
  const out: number[] = [];
  q.answers.forEach((answer, i) => {
    const coders = byUnit.get(answer.unit);
    if (status === 'todo' && coders?.has(coder) === true) return;
    if (status === 'mine' && coders?.has(coder) !== true) return;
    if (status === 'disagree' && finals.get(answer.unit)?.kind !== 'unresolved') return;
    if (status === 'final' && !coders?.has(FINAL_CODER)) return;
    out.push(i);
  });
  byKey.set(key, out);
  return out;
}

/** How many answers of the question this coder has not coded yet. */
export function todoCount(q: CodingQuestion, view: CodingView, coder: string): number {
  return withStatus(q, view, coder, 'todo').length;
}

export function listAnswers(q: CodingQuestion, codings: CodingView | readonly StoredCoding[], coder: string, filter: AnswerFilter, page = 1, pageSize = 50): AnswerPage {
  const view = 'byUnit' in codings ? codings : codingView(codings);
  const { byUnit, finals } = view;
  const words = fold(filter.text ?? '').split(/\s+/).filter((w) => w !== '');
  const folded = words.length > 0 ? foldedTexts(q) : [];
  const status = filter.status ?? 'all';
  // Indices first (cheap), then the listed rows of one page only.
  const candidates = status === 'all' ? undefined : withStatus(q, view, coder, status);
  const hits: number[] = [];
  const n = candidates === undefined ? q.answers.length : candidates.length;
  for (let j = 0; j < n; j++) {
    const i = candidates === undefined ? j : candidates[j];
    if (words.length > 0 && !words.every((w) => folded[i].includes(w))) continue;
    if (filter.group !== undefined && q.answers[i].groups[filter.group.variable] !== filter.group.value) continue;
    hits.push(i);
  }
  const pages = Math.max(1, Math.ceil(hits.length / pageSize));
  const p = Math.min(Math.max(1, Math.floor(page)), pages);
  const items = hits.slice((p - 1) * pageSize, p * pageSize).map((i): ListedAnswer => {
    const answer = q.answers[i];
    const coders = byUnit.get(answer.unit);
    const mine = coders?.get(coder);
    return { answer, ...(mine !== undefined ? { mine } : {}), final: finals.get(answer.unit), coders: [...(coders?.keys() ?? [])].sort() };
  });
  return { items, total: hits.length, page: p, pages };
}
