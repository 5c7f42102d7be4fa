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
}

export function codingView(codings: readonly StoredCoding[]): CodingView {
  return { codings, byUnit: codingsByUnit(codings), finals: finalCodings(codingRows(codings)) };
}

export function listAnswers(q: CodingQuestion, codings: CodingView | readonly StoredCoding[], coder: string, filter: AnswerFilter, page = 1, pageSize = 50): AnswerPage {
  const { byUnit, finals } = 'byUnit' in codings ? codings : codingView(codings);
  const words = fold(filter.text ?? '').split(/\s+/).filter((w) => w !== '');
  const folded = words.length > 0 ? foldedTexts(q) : [];
  const status = filter.status ?? 'all';
  // Indices first (cheap), then the listed rows of one page only.
  const hits: number[] = [];
  q.answers.forEach((answer, i) => {
    if (words.length > 0 && !words.every((w) => folded[i].includes(w))) return;
    if (filter.group !== undefined && answer.groups[filter.group.variable] !== filter.group.value) return;
    if (status === 'all') return void hits.push(i);
    const coders = byUnit.get(answer.unit);
    if (status === 'todo' && coders?.has(coder) === true) return;
    if (status === 'mine' && coders?.has(coder) !== true) return;
    if (status === 'disagree' && finals.get(answer.unit)?.kind !== 'unresolved') return;
    if (status === 'final' && !coders?.has(FINAL_CODER)) return;
    hits.push(i);
  });
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
