/**
 * Suggestions on the coding screen, made on this machine only: the codebook's keyword rules and
 * the codes of the most similar answers already coded (TF-IDF nearest neighbours over answers
 * with an agreed coding). A suggestion is shown beside its code and never ticked for the coder.
 */
import type { Codebook } from '../codebook.js';
import type { FinalCoding } from '../final.js';
import { KeywordMatcher, keywordRules } from '../suggest/keywords.js';
import { TfIdfIndex, voteCodes } from '../suggest/similar.js';
import type { CodingQuestion, OpenAnswer } from '../workspace/questions.js';

export interface CodeSuggestion {
  readonly code: string;
  /** Keywords of the rule that matched. */
  readonly keywords: readonly string[];
  /** Share (0–1) of the nearest coded answers' similarity that carries this code. */
  readonly similar?: number;
}

const matchers = new WeakMap<Codebook, KeywordMatcher>();
/**
 * One TF-IDF index per question over all its answers, built once: which answers count as
 * neighbours (those with an agreed coding) is asked per request, so saves do not rebuild it.
 */
const indexes = new WeakMap<CodingQuestion, TfIdfIndex<{ readonly id: string; readonly text: string }>>();

function similarIndex(q: CodingQuestion): TfIdfIndex<{ readonly id: string; readonly text: string }> {
  let index = indexes.get(q);
  if (index === undefined) indexes.set(q, (index = new TfIdfIndex(q.answers, q.answers.map((a: OpenAnswer) => ({ id: a.unit, text: a.text })))));
  return index;
}

/** Build the question's index now (at server start), so the first coder does not wait for it. */
export function prepareSuggestions(q: CodingQuestion): void {
  similarIndex(q);
}

export function suggestCodes(q: CodingQuestion, finals: ReadonlyMap<string, FinalCoding>, unit: string, text: string): CodeSuggestion[] {
  let matcher = matchers.get(q.codebook);
  if (matcher === undefined) matchers.set(q.codebook, (matcher = new KeywordMatcher(keywordRules(q.codebook))));
  const out = new Map<string, { keywords: string[]; similar?: number }>();
  for (const hit of matcher.match(text)) out.set(hit.code, { keywords: [...hit.keywords] });
  const codesOf = (id: string): readonly string[] => {
    const f = finals.get(id);
    return f?.kind === 'coded' ? f.codes : [];
  };
  const near = similarIndex(q).nearest(text, 5, (a) => a.id !== unit && codesOf(a.id).length > 0);
  for (const s of voteCodes(near, codesOf, 0.3)) {
    out.set(s.code, { ...(out.get(s.code) ?? { keywords: [] }), similar: s.score });
  }
  return [...out].map(([code, e]) => ({ code, keywords: e.keywords, ...(e.similar !== undefined ? { similar: e.similar } : {}) }));
}
