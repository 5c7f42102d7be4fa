/**
 * Routing on the server, with the spec's own expression language (src/spec/expression.ts) and
 * the same reading of names as `spiegel report` (a single question's id stands for its
 * variable; a comparison with a missing answer is false). `cleanRouting` removes the answers to
 * everything the routing no longer asks, so an export always passes the report's routing check:
 * questions are visited in questionnaire order and routing may only look back (checkFieldable),
 * so one pass reaches the fixed point.
 */
import { variableOf } from '../../spec/catalog.js';
import { evaluate, type Expr } from '../../spec/expression.js';
import type { Answers, AnswerValue, Questionnaire, QuestionnairePage } from '../types.js';
import { modelOf, modelQuestion, storedVariables, type Model, type ModelItem, type ModelQuestion } from './model.js';

/**
 * Values from the sample (register columns, as imported: text) that routing may refer to, in
 * personal mode (checkFieldable refuses it in open mode, where there is no sample).
 */
export type RegisterValues = Readonly<Record<string, number | string>>;

/** How routing reads the answers so far: a number, a text, or null when missing. */
export function answerLookup(model: Model, answers: Answers, register: RegisterValues = {}): (name: string) => number | string | null {
  return (name) => {
    const v = variableOf(model.catalog, name);
    const a = answers[v];
    if (a !== undefined) return readValue(a);
    const option = model.listOptions.get(v);
    if (option !== undefined) {
      const list = answers[option.list];
      if (list === undefined) return null;
      return Array.isArray(list) ? (list.includes(option.code) ? 1 : 0) : null;
    }
    return registerValue(register[v]);
  };
}

/** A register value as routing reads it: numbers as numbers (codes arrive as text from the sample file). */
function registerValue(r: number | string | undefined): number | string | null {
  if (r === undefined) return null;
  if (typeof r === 'number') return Number.isNaN(r) ? null : r;
  const text = r.trim();
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : r;
}

function readValue(a: AnswerValue): number | string | null {
  if (typeof a === 'number') return a;
  if (typeof a === 'string') return a === '' ? null : a;
  return a.length === 0 ? null : a.join(';');
}

type Lookup = (name: string) => number | string | null;

const holds = (e: Expr | undefined, lookup: Lookup): boolean => e === undefined || evaluate(e, lookup);

/** Items of a question the routing asks (all of them for questions without items). */
export function askedItems(q: ModelQuestion, lookup: Lookup): readonly ModelItem[] {
  return q.items.filter((it) => holds(it.askedIf, lookup));
}

/** The question is asked: its own routing holds and, for item questions, some item is asked. */
export function questionAsked(q: ModelQuestion, lookup: Lookup): boolean {
  if (!holds(q.askedIf, lookup)) return false;
  return q.items.length === 0 || q.type === 'single' || q.type === 'rating' || q.type === 'number' || q.type === 'open' || askedItems(q, lookup).length > 0;
}

/** True when the routing asks some question on the page, given the answers so far. */
export function pageAsked(questionnaire: Questionnaire, page: QuestionnairePage, answers: Answers, register?: RegisterValues): boolean {
  const model = modelOf(questionnaire.spec);
  const lookup = answerLookup(model, answers, register);
  return page.questions.some((q) => questionAsked(modelQuestion(questionnaire.spec, q), lookup));
}

/** Data variables a page stores: answered or skipped ones mark the page as submitted. */
export function pageVariables(questionnaire: Questionnaire, page: QuestionnairePage): string[] {
  return page.questions.flatMap((q) => storedVariables(modelQuestion(questionnaire.spec, q)));
}

export interface CleanedAnswers {
  readonly answers: Answers;
  readonly skipped: readonly string[];
  /** Variables whose answer or skipped mark was removed, in questionnaire order. */
  readonly removed: readonly string[];
}

/**
 * Removes answers (and "asked but skipped" marks) of questions and items the routing does not
 * ask given the other answers, and "Anders, namelijk" texts whose category is not chosen.
 * Variables that belong to no question of the questionnaire are left as they are.
 */
export function cleanRouting(questionnaire: Questionnaire, answers: Answers, skipped: readonly string[] = [], register?: RegisterValues): CleanedAnswers {
  const model = modelOf(questionnaire.spec);
  const out: Record<string, AnswerValue> = { ...answers };
  const skip = new Set(skipped);
  const removed: string[] = [];
  const drop = (v: string): void => {
    if (v in out || skip.has(v)) removed.push(v);
    delete out[v];
    skip.delete(v);
  };
  const lookup = answerLookup(model, out, register);
  for (const page of questionnaire.pages) {
    for (const spec of page.questions) {
      const q = modelQuestion(questionnaire.spec, spec);
      if (!questionAsked(q, lookup)) {
        storedVariables(q).forEach(drop);
        continue;
      }
      const notAsked = q.items.filter((it) => !holds(it.askedIf, lookup));
      if (q.encoding === 'list' && q.variable !== undefined) {
        const list = out[q.variable];
        const gone = new Set(notAsked.map((it) => it.code));
        if (Array.isArray(list) && list.some((c) => gone.has(c))) {
          const kept = list.filter((c) => !gone.has(c));
          removed.push(q.variable);
          if (kept.length > 0) out[q.variable] = kept;
          else {
            delete out[q.variable];
            skip.add(q.variable);
          }
        }
      } else notAsked.forEach((it) => drop(it.variable));
      for (const [code, text] of q.textVariables) {
        const chosen = q.variable === undefined ? undefined : out[q.variable];
        if (chosen !== code) drop(text);
      }
    }
  }
  return { answers: out, skipped: [...skip], removed };
}
