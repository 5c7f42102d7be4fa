/**
 * The path of one respondent through the questionnaire: which pages the routing asks, which
 * page comes next, where to resume. Pure functions of the answers, so every server instance
 * (and every retried request) reaches the same page.
 */
import type { Answers, QuestionnairePage, ResponseState } from '../types.js';
import type { QuestionnaireParts, RegisterValues } from './ports.js';

export interface Position {
  /** Pages the routing asks given the answers, in questionnaire order. */
  readonly asked: readonly QuestionnairePage[];
  /** The first asked page with nothing answered or skipped on it; none when all are done. */
  readonly resume?: QuestionnairePage;
}

/** `register`: the respondent's register values, for routing that refers to them (personal mode). */
export function position(parts: QuestionnaireParts, answers: Answers, skipped: readonly string[], register?: RegisterValues): Position {
  const done = new Set(skipped);
  for (const v of Object.keys(answers)) done.add(v);
  const asked = parts.questionnaire.pages.filter((p) => parts.pageAsked(p, answers, register));
  const resume = asked.find((p) => !parts.pageVariables(p).some((v) => done.has(v)));
  return resume === undefined ? { asked } : { asked, resume };
}

/** A page the respondent may open: asked, and not beyond the first unanswered page. */
export function reachable(pos: Position, page: QuestionnairePage): boolean {
  if (!pos.asked.includes(page)) return false;
  return pos.resume === undefined || page.index <= pos.resume.index;
}

export function previousPage(pos: Position, page: QuestionnairePage): QuestionnairePage | undefined {
  const i = pos.asked.indexOf(page);
  return i > 0 ? pos.asked[i - 1] : undefined;
}

export function nextPage(pos: Position, page: QuestionnairePage): QuestionnairePage | undefined {
  const i = pos.asked.indexOf(page);
  return i >= 0 ? pos.asked[i + 1] : undefined;
}

/** Pages done and in total for the progress indicator (routing-aware). */
export function progress(pos: Position): { done: number; total: number } {
  const total = pos.asked.length;
  const done = pos.resume === undefined ? total : pos.asked.indexOf(pos.resume);
  return { done, total };
}

/** Page index stored with a response: the page to resume at (pages.length when done). */
export function storedPageIndex(parts: QuestionnaireParts, pos: Position): number {
  return pos.resume?.index ?? parts.questionnaire.pages.length;
}

/** True when two answer sets hold the same values (order of keys and of list codes as stored). */
export function sameAnswers(a: Answers, b: Answers): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => k in b && sameValue(a[k]!, b[k]!));
}

function sameValue(x: Answers[string], y: Answers[string]): boolean {
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    return x.every((v, i) => v === y[i]);
  }
  return x === y;
}

export function sameSkipped(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((v) => s.has(v));
}

export function isStarted(state: ResponseState): boolean {
  return state.revision > 0 || Object.keys(state.answers).length > 0;
}
